/**
 * Build step for the wall's minimum text size (issue: text readable at a distance on every profile).
 *
 * Every `font-size` in the app's CSS (and in the libraries' CSS it bundles) becomes
 * `max(var(--wall-min-font, 0px), <size>)`; a `font` shorthand with a size gets such a `font-size` after it.
 * On a wall profile WallFrame sets `--wall-min-font` on <html>, and the browser's style engine applies the
 * floor itself: no script walks the DOM after each change (that walk cost ~90 ms when a wall switched to a
 * page of ~200 table rows at 3840×2160). Without a profile the variable is unset and every size is as written.
 */

const VAR = 'var(--wall-min-font, 0px)';
/** a size the floor applies to: a number with a unit (or 0), a percentage, or a math function */
const SIZE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[a-z]+|%)?|(?:calc|min|max|clamp)\(.*\))$/i;

function floored(value: string): string | null {
  const v = value.trim();
  if (v.includes('--wall-min-font') || !SIZE.test(v)) return null;
  return `max(${VAR}, ${v})`;
}

/** Rewrite the font sizes of a style sheet (see above). Idempotent. */
export function floorCssFontSizes(css: string): string {
  // declarations only: `font-size:` / `font:` after `{`, `;` or whitespace, up to the next `;` or `}`
  return css.replace(/(^|[{;\s])(font-size|font)(\s*:\s*)([^;{}]+?)(\s*!important)?(\s*)(?=[;}])/g, (m, pre: string, prop: string, colon: string, value: string, imp: string | undefined, ws: string, at: number) => {
    imp ??= '';
    if (prop === 'font-size') {
      const f = floored(value);
      return f ? `${pre}${prop}${colon}${f}${imp}${ws}` : m;
    }
    // shorthand: [style] [variant] [weight] [stretch] size[/line-height] family
    const size = value.trim().split(/\s+/).map((t) => t.split('/')[0]!).find((t) => SIZE.test(t) && !/^\d+$/.test(t));
    if (!size || css.startsWith(';font-size:max(var(--wall-min-font', at + m.length)) return m;
    return `${m};font-size:${floored(size)}${imp}`;
  });
}
