import { describe, expect, it } from 'vitest';
import { FigureIndex } from './figures';
import type { Observation } from './model';

const obs = (p: Partial<Observation>): Observation => ({
  id: 'x', indicatorId: 'data.aggregated_records', cityId: 'linyi', countyAdcode: null, asOf: '2022-05-31', asOfBasis: 'text',
  value: 1, qualifier: 'exact', qualifierZh: '', docId: 'd', quoteZh: '', metricZh: '', flags: [], notes: '', conflictGroup: null,
  source: 'bundled', ...p,
});

describe('FigureIndex', () => {
  it('orders a series by as-of date, not by input or publication order', () => {
    const idx = new FigureIndex([
      obs({ id: 'later-doc-older-data', asOf: '2022-05-31', value: 1.653e9, docId: '000' }),
      obs({ id: 'earlier-doc-newer-data', asOf: '2022-08-29', value: 1.724e9, docId: '003' }),
    ].reverse());
    expect(idx.seriesFor('data.aggregated_records', 'linyi').map((f) => f.primary.value)).toEqual([1.653e9, 1.724e9]);
    expect(idx.latest('data.aggregated_records', 'linyi')!.primary.value).toBe(1.724e9);
    const ch = idx.change('data.aggregated_records', 'linyi')!;
    expect(ch.ratio).toBeCloseTo(0.04295, 4);
  });
  it('one figure with two sources when two documents state the same value', () => {
    const idx = new FigureIndex([obs({ id: 'a', value: 3 }), obs({ id: 'b', value: 3, docId: 'e' })]);
    const f = idx.latest('data.aggregated_records', 'linyi')!;
    expect(f.observations.map((o) => o.id)).toEqual(['a', 'b']);
    expect(f.conflict).toBe(false);
  });
  it('a conflict when values differ at the same as-of', () => {
    const idx = new FigureIndex([obs({ id: 'a', value: 4.7e9 }), obs({ id: 'b', value: 5.21e9 })]);
    expect(idx.latest('data.aggregated_records', 'linyi')!.conflict).toBe(true);
  });
  it('a garbled observation never becomes the primary value when another exists', () => {
    const idx = new FigureIndex([obs({ id: 'a', value: 9e9, flags: ['garbled'] }), obs({ id: 'b', value: 2 })]);
    expect(idx.latest('data.aggregated_records', 'linyi')!.primary.id).toBe('b');
  });
  it('latest as-of per city ignores simulated values', () => {
    const idx = new FigureIndex([obs({ asOf: '2022-08-29' }), obs({ id: 's', asOf: '2026-01-01', flags: ['simulated'] })]);
    expect(idx.latestAsOf('linyi')).toBe('2022-08-29');
  });
  it('simulated values rank below every real source', () => {
    const idx = new FigureIndex([obs({ id: 'sim', value: 9, source: 'simulated', flags: ['simulated'] }), obs({ id: 'real', value: 2 })]);
    expect(idx.latest('data.aggregated_records', 'linyi')!.primary.id).toBe('real');
  });
});
