/**
 * The wall's minimum text size, for DOM text and chart text.
 *
 * Pages are designed in rem on a 16:9 tile; a few captions, badges and units are designed small (0.6–
 * 0.75 rem). On a wall profile every piece of visible text must be at least the profile's minimum
 * (readable at a distance), whatever panel it comes from, including panels added later.
 *
 * DOM text: the build writes every font size of the app's and the libraries' CSS as
 * `max(var(--wall-min-font, 0px), <size>)` (scripts/css-text-floor.ts), and installTextFloor sets
 * `--wall-min-font` on <html>: the style engine applies the floor, with no script walking each new page
 * (a MutationObserver did that before; ~90 ms per switch to the dictionary at 3840×2160).
 *
 * Charts draw text on canvas from their option: EChart raises every fontSize to textFloorPx() before
 * setOption (src-core/wall/text.ts).
 */
let floorPx = 0;

/** The minimum text size in CSS px now in force (0: no wall profile, no floor). */
export function textFloorPx(): number {
  return floorPx;
}

/** Keep text at `minPx` CSS px or more until the returned function is called. */
export function installTextFloor(minPx: number): () => void {
  floorPx = minPx;
  const html = document.documentElement;
  html.style.setProperty('--wall-min-font', `${minPx}px`);
  return () => {
    if (floorPx === minPx) floorPx = 0;
    html.style.removeProperty('--wall-min-font');
  };
}
