/**
 * From figures to what the map draws: choropleth classes, fact markers, arcs, columns and labels.
 * Pure functions (no MapLibre, no React), so the panel can prepare the input before the engine loads.
 */
import type { CityGeo } from '../../../src-core/geo/asset';
import type { Pos } from '../../../src-core/geo/geometry';
import { classBreaks, classColour, classOf } from '../../../src-core/geo/scale';
import { DEPARTMENTS, SITES, offsetKm, polarKm, type Department, type Site } from '../../../src-core/geo/sites';
import type { Figure, FigureIndex } from '../../../src-core/figures';
import type { Arc, Column, CountyStyle, FactMark, PointLabel } from './style';

export const FACT_COLOURS = ['#ff5d8f', '#ffd34d', '#5dffb0', '#7aa8ff', '#ff9d4d', '#d07bff'] as const;

const usable = (f: Figure) => f.primary.value !== null && !f.primary.flags.includes('garbled');

/**
 * The figure a county shows for an indicator: the latest figure from a real source (bundled facts, a
 * feed's county rows, an import) if there is one, otherwise the latest simulated one. A simulated value
 * never hides a real one, whatever their dates.
 */
export function countyFigure(idx: FigureIndex, indicatorId: string, cityId: string, adcode: string): Figure | undefined {
  const s = idx.seriesFor(indicatorId, cityId, adcode).filter(usable);
  const real = s.filter((f) => !f.primary.flags.includes('simulated'));
  return (real.length ? real : s).at(-1);
}

export interface Choropleth {
  figures: Map<string, Figure>;
  breaks: number[];
  styles: CountyStyle[];
  anySimulated: boolean;
  /** every shown value is simulated */
  allSimulated: boolean;
}

export function choropleth(idx: FigureIndex, indicatorId: string, cityId: string, geo: CityGeo): Choropleth {
  const figures = new Map<string, Figure>();
  for (const f of geo.counties.features) {
    const fig = countyFigure(idx, indicatorId, cityId, f.properties.adcode);
    if (fig) figures.set(f.properties.adcode, fig);
  }
  const breaks = classBreaks([...figures.values()].map((f) => f.primary.value!));
  const styles = geo.counties.features.map((f): CountyStyle => {
    const fig = figures.get(f.properties.adcode);
    if (!fig) return { adcode: f.properties.adcode, fill: null, simulated: false };
    return { adcode: f.properties.adcode, fill: classColour(classOf(fig.primary.value!, breaks), breaks.length), simulated: fig.primary.flags.includes('simulated') };
  });
  const sims = [...figures.values()].map((f) => f.primary.flags.includes('simulated'));
  return { figures, breaks, styles, anySimulated: sims.some(Boolean), allSimulated: sims.length > 0 && sims.every(Boolean) };
}

export interface FactInfo { id: string; indicatorId: string; adcode: string; fig: Figure; colour: string }

/** One marker per county fact (value set, not simulated), placed in a row under the county's label. */
export function facts(idx: FigureIndex, indicatorIds: string[], cityId: string, geo: CityGeo): { marks: FactMark[]; info: Map<string, FactInfo>; present: string[] } {
  const marks: FactMark[] = [];
  const info = new Map<string, FactInfo>();
  const present = new Set<string>();
  for (const f of geo.counties.features) {
    const here: FactInfo[] = [];
    indicatorIds.forEach((ind, k) => {
      const fig = countyFigure(idx, ind, cityId, f.properties.adcode);
      if (!fig || fig.primary.flags.includes('simulated') || !fig.primary.value) return;
      present.add(ind);
      here.push({ id: `${ind}|${f.properties.adcode}`, indicatorId: ind, adcode: f.properties.adcode, fig, colour: FACT_COLOURS[k % FACT_COLOURS.length]! });
    });
    here.forEach((h, i) => {
      const pos = offsetKm(f.properties.centroid, [(i - (here.length - 1) / 2) * 4.5, -6]);
      marks.push({ id: h.id, adcode: h.adcode, position: pos, colour: h.colour });
      info.set(h.id, h);
    });
  }
  return { marks, info, present: indicatorIds.filter((i) => present.has(i)) };
}

export interface ArcInfo { id: string; label: string; fig: Figure; kind: 'county' | 'dept'; dept?: Department }

export function platformOf(geo: CityGeo): Pos {
  return geo.city.center;
}

export function arcs(cp: Choropleth, deptIdx: FigureIndex | null, cityId: string, geo: CityGeo, lang: 'zh-CN' | 'en'): { arcs: Arc[]; info: Map<string, ArcInfo>; points: PointLabel[] } {
  const to = platformOf(geo);
  const items: { id: string; from: Pos; to: Pos; v: number; simulated: boolean; kind: 'county' | 'dept'; info: ArcInfo }[] = [];
  const names = new Map(geo.counties.features.map((f) => [f.properties.adcode, f.properties]));
  for (const [adcode, fig] of cp.figures) {
    const p = names.get(adcode);
    if (!p) continue;
    items.push({ id: `county|${adcode}`, from: p.centroid, to, v: fig.primary.value!, simulated: fig.primary.flags.includes('simulated'), kind: 'county', info: { id: `county|${adcode}`, label: p.name, fig, kind: 'county' } });
  }
  const points: PointLabel[] = [];
  if (deptIdx) {
    for (const d of DEPARTMENTS.filter((x) => x.cityId === cityId)) {
      const fig = deptIdx.latest(d.indicatorId, cityId);
      if (!fig || !usable(fig)) continue;
      const pos = polarKm(to, d.bearing, d.distanceKm);
      const name = lang === 'zh-CN' ? d.nameZh : d.nameEn;
      items.push({ id: `dept|${d.id}`, from: d.direction === 'in' ? pos : to, to: d.direction === 'in' ? to : pos, v: fig.primary.value!, simulated: false, kind: 'dept', info: { id: `dept|${d.id}`, label: name, fig, kind: 'dept', dept: d } });
      points.push({ id: `dept|${d.id}`, position: pos, text: `≈${name}`, kind: 'dept' });
    }
  }
  const max = Math.max(1, ...items.map((i) => i.v));
  const info = new Map(items.map((i) => [i.id, i.info]));
  return {
    arcs: items.map((i) => ({ id: i.id, from: i.from, to: i.to, width: 1 + 5 * Math.sqrt(i.v / max), simulated: i.simulated, kind: i.kind })),
    info,
    points,
  };
}

export function sitePosition(site: Site, geo: CityGeo): Pos | null {
  const pl = site.placement;
  if ('county' in pl) {
    const f = geo.counties.features.find((x) => x.properties.adcode === pl.county);
    return f ? offsetKm(f.properties.centroid, pl.offsetKm) : null;
  }
  return offsetKm(geo.city.center, pl.offsetKm);
}

export function columns(cityId: string, geo: CityGeo, lang: 'zh-CN' | 'en'): { columns: Column[]; info: Map<string, Site>; points: PointLabel[] } {
  const out: Column[] = [];
  const info = new Map<string, Site>();
  const points: PointLabel[] = [];
  for (const s of SITES.filter((x) => x.cityId === cityId)) {
    const pos = sitePosition(s, geo);
    if (!pos) continue;
    out.push({ id: s.id, position: pos, tier: s.tier });
    info.set(s.id, s);
    points.push({ id: `site|${s.id}`, position: pos, text: `≈${lang === 'zh-CN' ? s.nameZh : s.nameEn}`, kind: 'site' });
  }
  return { columns: out, info, points };
}
