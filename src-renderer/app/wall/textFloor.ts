/**
 * The wall's minimum text size, for DOM text and chart text.
 *
 * Pages are designed in rem on a 16:9 tile; a few captions, badges and units are designed small (0.6–
 * 0.75 rem). On a wall profile every piece of visible text must be at least the profile's minimum
 * (readable at a distance), whatever panel it comes from, including panels added later. So instead of
 * restating every small rule, the floor watches the stage: any element with its own text whose
 * computed size is below the minimum gets the minimum inline. It runs in a MutationObserver callback
 * (before the next paint: no visible jump) and only on what changed.
 *
 * Charts draw text on canvas from their option: EChart raises every fontSize to textFloorPx() before
 * setOption (src-core/wall/text.ts).
 */
let floorPx = 0;

/** The minimum text size in CSS px now in force (0: no wall profile, no floor). */
export function textFloorPx(): number {
  return floorPx;
}

const MARK = 'data-text-floor';

function ownText(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && n.nodeValue && n.nodeValue.trim()) return true;
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

function raise(el: Element, min: number) {
  if (!(el instanceof HTMLElement) || !ownText(el)) return;
  const fs = parseFloat(getComputedStyle(el).fontSize);
  if (fs + 0.01 >= min) return;
  el.style.setProperty('font-size', `${min}px`);
  el.setAttribute(MARK, '');
}

function floorTree(root: Element, min: number) {
  raise(root, min);
  for (const el of root.querySelectorAll('*')) raise(el, min);
}

/** A class change may make text larger (an inline floor would then hold it small) or smaller: start over. */
function refloorTree(root: Element, min: number) {
  const marked = [root, ...root.querySelectorAll(`[${MARK}]`)].filter((el) => el.hasAttribute(MARK));
  for (const el of marked) {
    (el as HTMLElement).style.removeProperty('font-size');
    el.removeAttribute(MARK);
  }
  floorTree(root, min);
}

/** Keep text under `root` at `minPx` CSS px or more until the returned function is called. */
export function installTextFloor(root: HTMLElement, minPx: number): () => void {
  floorPx = minPx;
  floorTree(root, minPx);
  const mo = new MutationObserver((records) => {
    const trees = new Set<Element>();
    const refloor = new Set<Element>();
    const single = new Set<Element>();
    for (const r of records) {
      if (r.type === 'childList') {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1) trees.add(n as Element);
          else if (n.nodeType === 3 && n.parentElement) single.add(n.parentElement);
        }
      } else if (r.type === 'characterData') {
        if (r.target.parentElement) single.add(r.target.parentElement);
      } else if (r.target.nodeType === 1) {
        refloor.add(r.target as Element);
      }
    }
    for (const el of refloor) if (el.isConnected) refloorTree(el, minPx);
    for (const el of trees) if (el.isConnected) floorTree(el, minPx);
    for (const el of single) if (el.isConnected) raise(el, minPx);
  });
  mo.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  return () => {
    mo.disconnect();
    if (floorPx === minPx) floorPx = 0;
    for (const el of root.querySelectorAll(`[${MARK}]`)) {
      (el as HTMLElement).style.removeProperty('font-size');
      el.removeAttribute(MARK);
    }
  };
}
