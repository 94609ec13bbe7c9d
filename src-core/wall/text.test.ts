import { describe, expect, it } from 'vitest';
import { floorFontSizes } from './text';

describe('floorFontSizes', () => {
  const option = {
    textStyle: { fontFamily: 'x', fontSize: 24 },
    xAxis: { axisLabel: { fontSize: 11, lineHeight: 14, formatter: (v: number) => `${v}` } },
    series: [{ type: 'bar', data: [1, 2, 3], label: { fontSize: 13, rich: { u: { fontSize: 8 } } } }],
    color: new Date(0),
  };
  it('raises every fontSize below the minimum (and its line height), leaves the rest', () => {
    const r = floorFontSizes(option, 12);
    expect(r.raised).toBe(2);
    expect(r.smallest).toBe(12);
    expect(r.option.xAxis.axisLabel).toMatchObject({ fontSize: 12, lineHeight: 16 });
    expect(r.option.series[0]!.label).toMatchObject({ fontSize: 13, rich: { u: { fontSize: 12 } } });
    expect(r.option.textStyle.fontSize).toBe(24);
    expect(r.option.xAxis.axisLabel.formatter).toBe(option.xAxis.axisLabel.formatter);
    expect(r.option.series[0]!.data).toBe(option.series[0]!.data);
    expect(r.option.color).toBe(option.color);
  });
  it('does not touch the input, and is a no-op without a floor', () => {
    floorFontSizes(option, 30);
    expect(option.xAxis.axisLabel.fontSize).toBe(11);
    expect(floorFontSizes(option, 0).option).toBe(option);
  });
  it('reports the smallest size left', () => {
    expect(floorFontSizes({ a: { fontSize: 40 }, b: [{ fontSize: 30 }] }, 24).smallest).toBe(30);
    expect(floorFontSizes({ a: 1 }, 24).smallest).toBe(Infinity);
  });
});
