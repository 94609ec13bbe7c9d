/**
 * Minimum text size on a wall, for chart options (canvas text): every `fontSize` in an ECharts-style
 * option tree below the profile's minimum is raised to it (with its `lineHeight`, so raised text is not
 * clipped). DOM text is floored by the renderer's text floor; canvas text is drawn from the option.
 */
export interface Floored<T> {
  option: T;
  /** the smallest fontSize left in the option (Infinity when it names none) */
  smallest: number;
  raised: number;
}

export function floorFontSizes<T>(option: T, minPx: number): Floored<T> {
  let smallest = Infinity;
  let raised = 0;
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      // data arrays of plain numbers/strings: nothing to floor, no copy
      if (v.every((x) => x === null || typeof x !== 'object')) return v;
      const out: unknown[] = [];
      seen.set(v, out);
      for (const x of v) out.push(walk(x));
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v; // class instances (gradients, Dates …) as they are
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, x] of Object.entries(src)) out[k] = walk(x);
    if (typeof src.fontSize === 'number') {
      let fs = src.fontSize;
      if (fs < minPx) {
        fs = minPx;
        raised++;
        out.fontSize = fs;
        if (typeof src.lineHeight === 'number' && src.lineHeight < fs * 1.2) out.lineHeight = Math.round(fs * 1.3);
      }
      smallest = Math.min(smallest, fs);
    }
    return out;
  };
  if (!(minPx > 0)) return { option, smallest: NaN, raised: 0 };
  return { option: walk(option) as T, smallest, raised };
}
