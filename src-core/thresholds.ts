/** Red/amber/green status of a value against the configured thresholds (one rule set for every panel). */
import type { Indicator } from './model';
import type { ThresholdRule } from './pages/config';

export type Rag = 'green' | 'amber' | 'red';

export function ruleFor(rules: ThresholdRule[], ind: Pick<Indicator, 'id' | 'unit'>): ThresholdRule | undefined {
  return rules.find((r) => 'indicator' in r.match && r.match.indicator === ind.id) ?? rules.find((r) => 'unit' in r.match && r.match.unit === ind.unit);
}

export function ragOf(rules: ThresholdRule[], ind: Pick<Indicator, 'id' | 'unit'>, value: number | null): Rag | null {
  if (value === null) return null;
  const r = ruleFor(rules, ind);
  if (!r || !r.rag) return null;
  const green = r.green ?? r.target;
  if (green === undefined) return null;
  const amber = r.amber ?? green;
  if (r.better === 'higher') return value >= green ? 'green' : value >= amber ? 'amber' : 'red';
  return value <= green ? 'green' : value <= amber ? 'amber' : 'red';
}

export function targetOf(rules: ThresholdRule[], ind: Pick<Indicator, 'id' | 'unit'>): number | undefined {
  return ruleFor(rules, ind)?.target;
}
