/**
 * The briefing layout: a page's panels reflowed for laptop and projector screens (1366×768 up to
 * 2560×1600) instead of scaling the 大屏 grid down. Panels keep their reading order (top row first,
 * then left to right), each takes at least a minimum share of the width that depends on the window
 * (one per row on narrow windows, two on laptops, three or four on large screens), rows are packed
 * greedily and stretched to the full width, and each row is at least as tall as its tallest panel
 * asks for (in rem, from the panel's height on the wall grid). The page scrolls vertically; nothing
 * is wider than the window and no two panels share a cell.
 */
import type { PageSpec } from '../pages/config';

export const BRIEFING_TRACKS = 24;
/** rem of height per row of the wall grid */
export const ROW_REM = 3.6;
/** the smallest a panel row may be */
export const MIN_ROW_REM = 13;

export interface BriefingCell {
  /** 0-based row of the reflowed grid */
  row: number;
  /** 0-based first track */
  col: number;
  /** tracks spanned (of BRIEFING_TRACKS) */
  span: number;
}

export interface BriefingLayout {
  tracks: number;
  /** minimum height of each row, rem */
  rows: number[];
  cells: Record<string, BriefingCell>;
  /** panel ids in reading order */
  order: string[];
}

/** The smallest share of the width a panel gets, in tracks, for a window this wide (CSS px). */
export function minSpanFor(widthPx: number): number {
  if (widthPx < 1100) return BRIEFING_TRACKS; // one panel per row
  if (widthPx < 1800) return BRIEFING_TRACKS / 2; // laptops: two per row
  if (widthPx < 2300) return BRIEFING_TRACKS / 3;
  return BRIEFING_TRACKS / 4;
}

/** Spread `spans` over exactly `total` tracks, proportionally, integers, order kept. */
function stretch(spans: number[], total: number): number[] {
  const sum = spans.reduce((a, b) => a + b, 0);
  if (sum === total) return spans;
  const out = spans.map((s) => Math.max(1, Math.floor((s * total) / sum)));
  let rest = total - out.reduce((a, b) => a + b, 0);
  // hand the leftover tracks to the widest panels first
  const byWidth = spans.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % out.length, rest--) out[byWidth[k]![1]]!++;
  return out;
}

export function briefingLayout(page: PageSpec, widthPx: number): BriefingLayout {
  const minSpan = minSpanFor(widthPx);
  const panels = [...page.panels].sort((a, b) => a.at[1] - b.at[1] || a.at[0] - b.at[0]);
  const rows: { ids: string[]; spans: number[]; height: number }[] = [];
  let cur: (typeof rows)[number] | null = null;
  for (const p of panels) {
    const [, , w, h] = p.at;
    const want = Math.min(BRIEFING_TRACKS, Math.max(minSpan, Math.round((w / page.grid.cols) * BRIEFING_TRACKS)));
    const height = Math.max(MIN_ROW_REM, h * ROW_REM);
    const used = cur ? cur.spans.reduce((a, b) => a + b, 0) : BRIEFING_TRACKS;
    if (!cur || used + want > BRIEFING_TRACKS) {
      cur = { ids: [], spans: [], height: 0 };
      rows.push(cur);
    }
    cur.ids.push(p.id);
    cur.spans.push(want);
    cur.height = Math.max(cur.height, height);
  }
  const cells: Record<string, BriefingCell> = {};
  rows.forEach((r, ri) => {
    const spans = stretch(r.spans, BRIEFING_TRACKS);
    let col = 0;
    r.ids.forEach((id, i) => {
      cells[id] = { row: ri, col, span: spans[i]! };
      col += spans[i]!;
    });
  });
  return { tracks: BRIEFING_TRACKS, rows: rows.map((r) => Math.round(r.height * 10) / 10), cells, order: panels.map((p) => p.id) };
}
