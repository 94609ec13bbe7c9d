import { describe, expect, it } from 'vitest';
import { floorCssFontSizes } from './css-text-floor';

const F = 'var(--wall-min-font, 0px)';

describe('floorCssFontSizes', () => {
  it('wraps every font-size in max(floor, size), keeping !important and the rest of the rule', () => {
    expect(floorCssFontSizes('.a { color: red; font-size: 0.8rem; }')).toBe(`.a { color: red; font-size: max(${F}, 0.8rem); }`);
    expect(floorCssFontSizes('.b{font-size:12px!important}')).toBe(`.b{font-size:max(${F}, 12px)!important}`);
    expect(floorCssFontSizes('.c{font-size:calc(1rem + 2px);line-height:1}')).toBe(`.c{font-size:max(${F}, calc(1rem + 2px));line-height:1}`);
    expect(floorCssFontSizes('.d { font-size: 85% }')).toBe(`.d { font-size: max(${F}, 85%) }`);
  });

  it('leaves keywords, inherited sizes and other properties alone', () => {
    const css = '.a { font-size: inherit; } .b { font-size: smaller } .c { font-family: "Noto Sans SC"; font-weight: 700; -webkit-font-smoothing: auto; }';
    expect(floorCssFontSizes(css)).toBe(css);
  });

  it('adds a floored font-size after a font shorthand that sets a size, not after `font: inherit`', () => {
    expect(floorCssFontSizes('.m{font:12px/20px Helvetica Neue,Arial,sans-serif}')).toBe(`.m{font:12px/20px Helvetica Neue,Arial,sans-serif;font-size:max(${F}, 12px)}`);
    expect(floorCssFontSizes('.n { font: 700 0.85rem/1 var(--font-num, inherit); }')).toBe(`.n { font: 700 0.85rem/1 var(--font-num, inherit);font-size:max(${F}, 0.85rem); }`);
    expect(floorCssFontSizes('.o { font: inherit; font-size: 0.9rem; }')).toBe(`.o { font: inherit; font-size: max(${F}, 0.9rem); }`);
  });

  it('is idempotent', () => {
    const once = floorCssFontSizes('.a{font-size:1rem}.m{font:12px Arial}');
    expect(floorCssFontSizes(once)).toBe(once);
  });
});
