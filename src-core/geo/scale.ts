/** Choropleth classes: quantile breaks rounded to 2 significant digits, and a dark-theme sequential palette. */

export const CHOROPLETH_COLOURS = ['#12395c', '#155e8a', '#1686b3', '#27b3d6', '#7fe3f5'] as const;
export const NO_DATA_COLOUR = '#16243a';

function nice(v: number): number {
  if (v === 0) return 0;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  return Math.round(v / p) * p;
}

/**
 * Upper bounds of up to `n` classes (ascending, the last = max). Fewer classes when there are few distinct
 * values; [] for no values.
 */
export function classBreaks(values: number[], n = CHOROPLETH_COLOURS.length): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return [];
  const k = Math.min(n, new Set(v).size);
  const out: number[] = [];
  for (let i = 1; i <= k; i++) {
    const q = i === k ? v[v.length - 1]! : nice(v[Math.min(v.length - 1, Math.floor((i * v.length) / k) - 1)]!);
    if (!out.length || q > out[out.length - 1]!) out.push(q);
  }
  out[out.length - 1] = v[v.length - 1]!;
  return out;
}

/** Class index of a value (0-based) given upper bounds from classBreaks. */
export function classOf(v: number, breaks: number[]): number {
  for (let i = 0; i < breaks.length; i++) if (v <= breaks[i]!) return i;
  return breaks.length - 1;
}

/** Colour of class i out of `count` classes, spread over the palette. */
export function classColour(i: number, count: number): string {
  const c = CHOROPLETH_COLOURS;
  if (count <= 1) return c[c.length - 1]!;
  return c[Math.round((i * (c.length - 1)) / (count - 1))]!;
}
