/**
 * How long the page on screen stays there: real-time ms until the wall's playlist replaces it (Infinity when
 * no playlist runs; a pause for someone using the screen counts as staying). Work that only pays off on a page
 * that stays — the live WebGL map replacing its 2D poster costs a second of UI-thread time on a software
 * renderer — asks this first, so a page with a short dwell is never held up on its way out.
 */
let source: (() => number) | null = null;

/** the playlist registers its clock (null: none runs) */
export function setStayClock(fn: (() => number) | null): void {
  source = fn;
}

export function msPageStays(): number {
  return source ? source() : Infinity;
}
