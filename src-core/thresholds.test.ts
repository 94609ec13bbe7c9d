import { describe, expect, it } from 'vitest';
import { ragOf, targetOf } from './thresholds';
import { ThresholdRule } from './pages/config';

const rules = [
  { match: { indicator: 'app.ankangcode_population_ratio' }, rag: false },
  { match: { indicator: 'net.backbone_network_failures' }, better: 'lower', green: 0, amber: 2 },
  { match: { indicator: 'sysrect.zombie_systems_rectified' }, target: 60, amber: 45 },
  { match: { unit: 'percent' }, green: 95, amber: 80 },
].map((r) => ThresholdRule.parse(r));
const pct = (id: string) => ({ id, unit: 'percent' as const });

describe('ragOf', () => {
  it('rates below 95% are amber, below 80% red', () => {
    expect(ragOf(rules, pct('govsvc.online_handling_rate'), 93.6)).toBe('amber');
    expect(ragOf(rules, pct('govsvc.silent_auth_rate'), 71)).toBe('red');
    expect(ragOf(rules, pct('proposals.satisfaction_rate'), 100)).toBe('green');
    expect(ragOf(rules, pct('x'), 95)).toBe('green');
    expect(ragOf(rules, pct('x'), 80)).toBe('amber');
  });
  it('an indicator rule wins over the unit rule, and rag:false disables colouring', () => {
    expect(ragOf(rules, pct('app.ankangcode_population_ratio'), 119)).toBeNull();
  });
  it('lower-is-better rules mirror', () => {
    const f = { id: 'net.backbone_network_failures', unit: 'count' as const };
    expect(ragOf(rules, f, 0)).toBe('green');
    expect(ragOf(rules, f, 2)).toBe('amber');
    expect(ragOf(rules, f, 3)).toBe('red');
  });
  it('targets act as the green line for counts', () => {
    const z = { id: 'sysrect.zombie_systems_rectified', unit: 'count' as const };
    expect(ragOf(rules, z, 54)).toBe('amber');
    expect(ragOf(rules, z, 60)).toBe('green');
    expect(ragOf(rules, z, 30)).toBe('red');
    expect(targetOf(rules, z)).toBe(60);
  });
  it('no rule, no colour; null value, no colour', () => {
    expect(ragOf(rules, { id: 'a', unit: 'count' }, 5)).toBeNull();
    expect(ragOf(rules, pct('x'), null)).toBeNull();
  });
});
