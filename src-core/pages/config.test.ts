import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parsePagesConfig, validatePagesConfig } from './config';

const kinds = {
  'kpi-grid': z.object({ indicators: z.array(z.string()).min(1), max: z.number().int().default(10) }),
  sources: z.object({}),
};
const title = { 'zh-CN': '总览', en: 'Overview' };
const good = () => ({
  version: 1,
  pages: [{
    id: 'overview', title, grid: { cols: 24, rows: 12 },
    panels: [
      { id: 'kpis', kind: 'kpi-grid', title, at: [0, 0, 12, 5], options: { indicators: ['data.aggregated_records'] } },
      { id: 'docs', kind: 'sources', title, at: [12, 0, 12, 5] },
    ],
  }],
});

function problems(raw: unknown): string[] {
  try {
    validatePagesConfig(raw, 'pages.json', kinds);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('pages configuration validator', () => {
  it('accepts a valid file and applies option defaults', () => {
    const cfg = validatePagesConfig(good(), 'pages.json', kinds);
    expect(cfg.pages[0]!.panels[0]!.options).toEqual({ indicators: ['data.aggregated_records'], max: 10 });
  });
  it('rejects a wrong version', () => {
    expect(problems({ ...good(), version: 2 })[0]).toMatch(/^version:/);
  });
  it('names the path of a missing title translation', () => {
    const g = good();
    (g.pages[0]!.panels[1]!.title as Record<string, string>) = { 'zh-CN': '来源' };
    expect(problems(g)).toContainEqual(expect.stringMatching(/^pages\[0\]\.panels\[1\]\.title\.en:/));
  });
  it('rejects an unknown panel kind, listing the known ones', () => {
    const g = good();
    g.pages[0]!.panels[1]!.kind = 'pie3d';
    expect(problems(g)).toEqual(['pages[0].panels[1].kind: unknown panel kind "pie3d" (known: kpi-grid, sources)']);
  });
  it('validates panel options with the kind schema and names the option path', () => {
    const g = good();
    g.pages[0]!.panels[0]!.options = { indicators: [42] } as never;
    expect(problems(g)).toContainEqual(expect.stringMatching(/^pages\[0\]\.panels\[0\]\.options\.indicators\[0\]:/));
  });
  it('rejects panels outside the grid and overlapping panels', () => {
    const g = good();
    g.pages[0]!.panels[1]!.at = [20, 0, 8, 5];
    expect(problems(g)[0]).toMatch(/pages\[0\]\.panels\[1\]\.at: .*does not fit/);
    const h = good();
    h.pages[0]!.panels[1]!.at = [10, 2, 4, 2];
    expect(problems(h)[0]).toMatch(/pages\[0\]\.panels\[1\]\.at: overlaps panel "kpis"/);
  });
  it('rejects duplicate page and panel ids', () => {
    const g = good();
    g.pages[0]!.panels[1]!.id = 'kpis';
    expect(problems(g)).toContainEqual(expect.stringMatching(/panels\[1\]\.id: duplicate panel id/));
    const h = good();
    h.pages.push(structuredClone(h.pages[0]!));
    expect(problems(h)).toContainEqual(expect.stringMatching(/^pages\[1\]\.id: duplicate page id/));
  });
  it('reports bad JSON with the file name', () => {
    expect(() => parsePagesConfig('{"version": 1,', 'my-pages.json', kinds)).toThrow(/my-pages\.json: \(root\): invalid JSON/);
  });
  it('rejects bad ids and empty panel lists', () => {
    const g = good();
    g.pages[0]!.id = 'Over View';
    expect(problems(g)).toContainEqual(expect.stringMatching(/^pages\[0\]\.id:/));
    const h = good();
    h.pages[0]!.panels = [];
    expect(problems(h)).toContainEqual(expect.stringMatching(/^pages\[0\]\.panels:/));
  });
  it('checks playlist and story references', () => {
    const g = { ...good(), playlist: [{ page: 'nope', city: 'linyi', dwell: 30 }], stories: [{ id: 's', title, steps: [{ page: 'overview', city: 'linyi', panel: 'ghost' }] }] };
    expect(problems(g)).toEqual(['playlist[0].page: unknown page "nope"', 'stories[0].steps[0].panel: page "overview" has no panel "ghost"']);
    const h = { ...good(), playlist: [{ page: 'overview', city: 'linyi', dwell: 1 }] };
    expect(problems(h)[0]).toMatch(/^playlist\[0\]\.dwell:/);
  });
});
