import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePagesConfig } from '../../src-core/pages/config';
import { optionSchemas } from '../panels/registry';
import { loadSampleData } from '../../scripts/build-db';
import { DEPARTMENTS, SITES } from '../../src-core/geo/sites';
import type { Observation } from '../../src-core/model';

const text = readFileSync(new URL('./pages.json', import.meta.url), 'utf8');

/** every indicator id mentioned anywhere in a panel's options */
function idsIn(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === 'string' && /^[a-z0-9]+\.[a-z0-9_]+$/.test(v)) out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => idsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => idsIn(x, out));
  return out;
}

interface MapOptions { choropleth: string; facts: string[]; layers: Record<'choropleth' | 'facts' | 'arcs' | 'columns', boolean> }

/**
 * Does a map panel show a real (not simulated) figure for this city? It draws county-level values of its
 * choropleth indicator (as fills and as the county arcs' widths) and of its fact indicators, and city-level
 * figures of the departments (arcs) and sites (columns) the sources name for the city.
 */
function mapShowsReal(o: MapOptions, cityId: string, obs: Observation[]): boolean {
  const county = new Set([...(o.layers.choropleth || o.layers.arcs ? [o.choropleth] : []), ...(o.layers.facts ? o.facts : [])]);
  const city = new Set([
    ...(o.layers.arcs ? DEPARTMENTS.filter((d) => d.cityId === cityId).map((d) => d.indicatorId) : []),
    ...(o.layers.columns ? SITES.filter((s) => s.cityId === cityId).flatMap((s) => s.indicatorIds) : []),
  ]);
  return obs.some((x) => x.cityId === cityId && (x.countyAdcode !== null ? county.has(x.indicatorId) : city.has(x.indicatorId)));
}

const EXPECTED_EMPTY = [
  'compute×weifang', 'economy×weifang', 'economy×xuancheng', 'proposals×weifang', 'proposals×xuancheng', 'rectification×weifang', 'services×weifang',
];

describe('bundled pages.json', () => {
  const cfg = parsePagesConfig(text, 'pages.json', optionSchemas);

  it('is valid and has the eleven page ids the URL, flags and playlists use', () => {
    expect(cfg.pages.map((p) => p.id)).toEqual(['overview', 'resources', 'sharing', 'catalog', 'services', 'rectification', 'compute', 'proposals', 'economy', 'benchmark', 'dictionary']);
  });

  it('references only dictionary indicators, and none that belong to the dictionary only', async () => {
    const data = await loadSampleData();
    const dict = new Map(data.indicators.map((i) => [i.id, i]));
    for (const page of cfg.pages)
      for (const panel of page.panels)
        for (const id of idsIn(panel.options, new Set())) {
          const ind = dict.get(id);
          expect(ind, `${page.id}/${panel.id}: unknown indicator ${id}`).toBeDefined();
          expect(ind!.mainPages, `${page.id}/${panel.id}: ${id} is party-building/training (dictionary only)`).toBe(true);
        }
  });

  it('every page × city shows figures, except where the sources report nothing for that domain', async () => {
    const data = await loadSampleData();
    // generated demo values (模拟) do not count: a page showing only those has nothing from the sources
    const real = data.observations.filter((o) => !o.flags.includes('simulated'));
    expect(real.length).toBeLessThan(data.observations.length); // the sample data does carry simulated county values
    const empty: string[] = [];
    for (const page of cfg.pages.filter((p) => p.id !== 'dictionary')) {
      const ids = new Set<string>();
      const maps = page.panels.filter((p) => p.kind === 'map').map((p) => p.options as MapOptions);
      page.panels.filter((p) => p.kind !== 'map').forEach((p) => idsIn(p.options, ids));
      for (const city of data.cities) {
        const shown = real.some((o) => o.cityId === city.id && o.countyAdcode === null && ids.has(o.indicatorId)) || maps.some((m) => mapShowsReal(m, city.id, real));
        if (!shown) empty.push(`${page.id}×${city.id}`);
      }
    }
    // Weifang's only source is an 11-figure rule-of-law report; Xuancheng's has no proposal or economy figures.
    expect(empty.sort()).toEqual(EXPECTED_EMPTY);
  });
});
