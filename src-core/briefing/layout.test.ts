import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BRIEFING_TRACKS, briefingLayout, MIN_ROW_REM, minSpanFor } from './layout';
import { PagesConfig } from '../pages/config';

const cfg = PagesConfig.parse(JSON.parse(readFileSync(new URL('../../src-renderer/pages/pages.json', import.meta.url), 'utf8')));

describe('briefing layout', () => {
  for (const width of [900, 1366, 1440, 1920, 2560]) {
    it(`places every panel of every page once, without overlap, inside the width (${width}px)`, () => {
      for (const page of cfg.pages) {
        const l = briefingLayout(page, width);
        expect(Object.keys(l.cells).sort()).toEqual(page.panels.map((p) => p.id).sort());
        const taken = new Set<string>();
        for (const [id, c] of Object.entries(l.cells)) {
          expect(c.col + c.span, `${page.id}/${id}`).toBeLessThanOrEqual(BRIEFING_TRACKS);
          expect(c.span).toBeGreaterThanOrEqual(Math.min(minSpanFor(width), BRIEFING_TRACKS));
          for (let x = c.col; x < c.col + c.span; x++) {
            const k = `${c.row},${x}`;
            expect(taken.has(k), `${page.id}: ${id} overlaps at ${k}`).toBe(false);
            taken.add(k);
          }
        }
        // every row is filled edge to edge
        for (let r = 0; r < l.rows.length; r++) {
          const sum = Object.values(l.cells).filter((c) => c.row === r).reduce((a, c) => a + c.span, 0);
          expect(sum, `${page.id} row ${r}`).toBe(BRIEFING_TRACKS);
          expect(l.rows[r]).toBeGreaterThanOrEqual(MIN_ROW_REM);
        }
      }
    });
  }
  it('keeps reading order: top row first, then left to right', () => {
    const overview = cfg.pages.find((p) => p.id === 'overview')!;
    const l = briefingLayout(overview, 1366);
    expect(l.order).toEqual(['composition', 'kpis', 'trend', 'map', 'notices', 'sources']);
    // two per row on a laptop
    expect(l.cells.composition).toEqual({ row: 0, col: 0, span: 12 });
    expect(l.cells.kpis).toEqual({ row: 0, col: 12, span: 12 });
    expect(l.cells.sources).toEqual({ row: 2, col: 12, span: 12 });
    // a large screen gets the wall's proportions back
    const wide = briefingLayout(overview, 2560);
    expect(wide.cells.kpis).toEqual({ row: 0, col: 6, span: 12 });
    expect(wide.rows).toHaveLength(2);
    // a narrow window: one per row
    expect(Object.values(briefingLayout(overview, 900).cells).every((c) => c.span === BRIEFING_TRACKS)).toBe(true);
  });
  it('stretches a row that cannot take the next panel', () => {
    const page = { id: 'p', title: { 'zh-CN': 'p', en: 'p' }, grid: { cols: 24, rows: 12 }, panels: [
      { id: 'a', kind: 'x', title: { 'zh-CN': 'a', en: 'a' }, at: [0, 0, 8, 4] as [number, number, number, number], options: {} },
      { id: 'b', kind: 'x', title: { 'zh-CN': 'b', en: 'b' }, at: [8, 0, 16, 4] as [number, number, number, number], options: {} },
      { id: 'c', kind: 'x', title: { 'zh-CN': 'c', en: 'c' }, at: [0, 4, 24, 8] as [number, number, number, number], options: {} },
    ] };
    const l = briefingLayout(page, 1366);
    expect(l.cells.a).toEqual({ row: 0, col: 0, span: 24 }); // b (16/24 → 16 tracks) does not fit beside a (12): a takes the row
    expect(l.cells.b).toEqual({ row: 1, col: 0, span: 24 });
    expect(l.cells.c).toEqual({ row: 2, col: 0, span: 24 });
    expect(l.rows[2]).toBeCloseTo(8 * 3.6);
  });
});
