/**
 * From observations to what a panel shows. A "figure" is one indicator for one city (or county) at one
 * as-of date. Several observations may back it: the same value stated in two documents (one figure,
 * two sources) or different values (a conflict, shown as such). Series are ordered by as-of date,
 * never by publication date.
 */
import type { Observation } from './model';

export interface Figure {
  indicatorId: string;
  cityId: string;
  countyAdcode: string | null;
  asOf: string;
  /** the observation whose value is shown (first by source precedence, then id) */
  primary: Observation;
  /** every observation at this as-of, including primary */
  observations: Observation[];
  /** observations disagree at this as-of, or the primary belongs to a conflict group */
  conflict: boolean;
}

const key = (o: Observation) => `${o.indicatorId}|${o.cityId}|${o.countyAdcode ?? ''}`;

/**
 * Source precedence (lower wins): imported files (`import:<file>`), then remote sources in their
 * configured order, then the bundled sample. Set by the app when the configured sources change.
 */
let sourceOrder: readonly string[] = [];
export function setSourceOrder(order: readonly string[]): void {
  sourceOrder = [...order];
}
export function sourceRank(source: string, order: readonly string[] = sourceOrder): number {
  if (source.startsWith('import:')) return 0;
  if (source === 'bundled') return 10_000;
  // generated demo values never outrank any real source
  if (source === 'simulated') return 20_000;
  const i = order.indexOf(source);
  return i >= 0 ? 1 + i : 9_999;
}

/** Precedence among observations at the same as-of: source, then not garbled, not derived/simulated, then stable id. */
function rank(o: Observation): number {
  return (o.flags.includes('garbled') ? 4 : 0) + (o.flags.includes('simulated') ? 2 : 0) + (o.flags.includes('derived') ? 1 : 0);
}

function toFigure(obs: Observation[]): Figure {
  const sorted = [...obs].sort((a, b) => sourceRank(a.source) - sourceRank(b.source) || rank(a) - rank(b) || a.id.localeCompare(b.id));
  const primary = sorted[0]!;
  // A conflict is a disagreement within the winning source; a higher-precedence source overriding a
  // lower one is an update, not a conflict (every observation still shows in the provenance view).
  const values = new Set(sorted.filter((o) => o.source === primary.source && !o.flags.includes('garbled')).map((o) => o.value));
  return {
    indicatorId: primary.indicatorId,
    cityId: primary.cityId,
    countyAdcode: primary.countyAdcode,
    asOf: primary.asOf,
    primary,
    observations: sorted,
    conflict: values.size > 1 || sorted.some((o) => o.source === primary.source && o.flags.includes('conflict')),
  };
}

/** Group observations into series: one per indicator × place, points ordered by as-of. */
export function seriesOf(obs: Observation[]): Map<string, Figure[]> {
  const byKey = new Map<string, Map<string, Observation[]>>();
  for (const o of obs) {
    const k = key(o);
    let m = byKey.get(k);
    if (!m) byKey.set(k, (m = new Map()));
    const arr = m.get(o.asOf);
    if (arr) arr.push(o);
    else m.set(o.asOf, [o]);
  }
  const out = new Map<string, Figure[]>();
  for (const [k, m] of byKey) {
    out.set(k, [...m.keys()].sort().map((d) => toFigure(m.get(d)!)));
  }
  return out;
}

/** Index for panels: latest figure and the full series per indicator for a place. */
export class FigureIndex {
  private series: Map<string, Figure[]>;
  constructor(public readonly observations: Observation[]) {
    this.series = seriesOf(observations);
  }
  seriesFor(indicatorId: string, cityId: string, countyAdcode: string | null = null): Figure[] {
    return this.series.get(`${indicatorId}|${cityId}|${countyAdcode ?? ''}`) ?? [];
  }
  latest(indicatorId: string, cityId: string, countyAdcode: string | null = null): Figure | undefined {
    const s = this.seriesFor(indicatorId, cityId, countyAdcode);
    return s[s.length - 1];
  }
  /** change against the previous point of the series (环比 between consecutive as-of dates) */
  change(indicatorId: string, cityId: string): { from: Figure; to: Figure; delta: number; ratio: number | null } | undefined {
    const s = this.seriesFor(indicatorId, cityId).filter((f) => f.primary.value !== null && !f.primary.flags.includes('garbled'));
    if (s.length < 2) return undefined;
    const from = s[s.length - 2]!;
    const to = s[s.length - 1]!;
    const delta = to.primary.value! - from.primary.value!;
    return { from, to, delta, ratio: from.primary.value ? delta / from.primary.value : null };
  }
  /** latest as-of among a city's observations: the header's "data as of" */
  latestAsOf(cityId: string): string | undefined {
    let max: string | undefined;
    for (const o of this.observations) if (o.cityId === cityId && !o.flags.includes('simulated') && (!max || o.asOf > max)) max = o.asOf;
    return max;
  }
}
