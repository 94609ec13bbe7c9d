import { describe, expect, it } from 'vitest';
import { gridLayout, layoutProblems, tilePages } from './layout';
import { validatePagesConfig } from '../pages/config';
import { z } from 'zod';

const ids = ['overview', 'resources', 'sharing', 'catalog'];

describe('wall tiles', () => {
  it('one page per 16:9 tile: the chosen page, then the ones after it (wrapping)', () => {
    expect(tilePages(ids, 'overview', 1)).toEqual(['overview']);
    expect(tilePages(ids, 'overview', 3)).toEqual(['overview', 'resources', 'sharing']);
    expect(tilePages(ids, 'sharing', 3)).toEqual(['sharing', 'catalog', 'overview']);
  });
  it('declared companions come first, unknown or repeated ones are skipped', () => {
    expect(tilePages(ids, 'overview', 3, ['catalog', 'overview', 'nope'])).toEqual(['overview', 'catalog', 'resources']);
  });
  it('fewer pages than tiles: each page once', () => {
    expect(tilePages(['a', 'b'], 'b', 3)).toEqual(['b', 'a']);
  });
});

describe('page layouts', () => {
  const page = { grid: { cols: 24, rows: 12 }, panels: [{ id: 'a', at: [0, 0, 12, 12] as [number, number, number, number] }, { id: 'b', at: [12, 0, 12, 12] as [number, number, number, number] }] };
  it('the declared grid is the default layout and is sound', () => {
    const l = gridLayout(page as never);
    expect(l).toEqual({ cols: 24, rows: 12, areas: { a: [0, 0, 12, 12], b: [12, 0, 12, 12] } });
    expect(layoutProblems(l)).toEqual([]);
  });
  it('reports overlaps and panels off the grid', () => {
    expect(layoutProblems({ cols: 24, rows: 12, areas: { a: [0, 0, 13, 12], b: [12, 0, 13, 12] } })).toEqual(['b: [12,0,13,12] outside the 24×12 grid', 'b overlaps a at 12,0']);
  });
});

describe('playlist companions in the page configuration', () => {
  const cfg = (w: string[]) => ({
    version: 1,
    pages: [{ id: 'overview', title: { 'zh-CN': '总览', en: 'Overview' }, grid: { cols: 1, rows: 1 }, panels: [{ id: 'k', kind: 'x', title: { 'zh-CN': 'k', en: 'k' }, at: [0, 0, 1, 1] }] }],
    playlist: [{ page: 'overview', city: 'linyi', dwell: 20, with: w }],
  });
  it('accepts known pages and names an unknown one by path', () => {
    expect(validatePagesConfig(cfg(['overview']), 'p.json', { x: z.object({}) }).playlist[0]!.with).toEqual(['overview']);
    expect(() => validatePagesConfig(cfg(['ghost']), 'p.json', { x: z.object({}) })).toThrow(/playlist\[0\]\.with\[0\]: unknown page "ghost"/);
  });
});
