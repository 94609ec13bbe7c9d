/**
 * Page layouts: where a page's panels go. PageView takes a PageLayout as input, so different layouts
 * (the designed 16:9 grid on a wall tile, a reflow for a laptop briefing, …) can share one renderer.
 *
 * On a wall, a page keeps its designed 16:9 grid and each 16:9 tile of the wall shows one whole page:
 * a 3×1 splice shows three pages side by side, each aligned to one physical screen, so no panel is
 * stretched and no panel straddles a bezel. Which pages share the wall is decided here.
 */
import type { GridArea, PageSpec } from '../pages/config';

export interface PageLayout {
  cols: number;
  rows: number;
  /** grid area per panel id; a panel without an area is not shown */
  areas: Readonly<Record<string, GridArea>>;
}

/** The layout a page declares (its grid and each panel's `at`). */
export function gridLayout(page: Pick<PageSpec, 'grid' | 'panels'>): PageLayout {
  return { cols: page.grid.cols, rows: page.grid.rows, areas: Object.fromEntries(page.panels.map((p) => [p.id, p.at])) };
}

/** Panels placed by a layout that overlap or leave the grid (empty when the layout is sound). */
export function layoutProblems(layout: PageLayout): string[] {
  const out: string[] = [];
  const cells = new Map<string, string>();
  for (const [id, [c, r, w, h]] of Object.entries(layout.areas)) {
    if (c < 0 || r < 0 || w < 1 || h < 1 || c + w > layout.cols || r + h > layout.rows) out.push(`${id}: [${c},${r},${w},${h}] outside the ${layout.cols}×${layout.rows} grid`);
    for (let x = c; x < c + w; x++)
      for (let y = r; y < r + h; y++) {
        const other = cells.get(`${x},${y}`);
        if (other && other !== id) {
          out.push(`${id} overlaps ${other} at ${x},${y}`);
          x = c + w;
          break;
        }
        cells.set(`${x},${y}`, id);
      }
  }
  return out;
}

/**
 * The pages on a wall of `tiles` tiles: the chosen page first, then the declared companions (a
 * playlist item's `with`), then the pages that follow the chosen one in the configuration's order
 * (wrapping). No page appears twice; a configuration with fewer pages than tiles fills fewer tiles.
 */
export function tilePages(pageIds: readonly string[], primary: string, tiles: number, companions: readonly string[] = []): string[] {
  const known = new Set(pageIds);
  const out: string[] = [];
  const add = (id: string) => {
    if (out.length < tiles && known.has(id) && !out.includes(id)) out.push(id);
  };
  add(primary);
  for (const c of companions) add(c);
  const start = Math.max(0, pageIds.indexOf(primary));
  for (let i = 1; i < pageIds.length && out.length < tiles; i++) add(pageIds[(start + i) % pageIds.length]!);
  return out;
}
