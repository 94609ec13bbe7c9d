/**
 * Where the cockpit window goes on a machine with several displays: `--display N` (one display),
 * `--span` (one window across all displays, or `--display A-B --span` across displays A..B), kiosk or
 * not, and the wall profile's size. Pure: main.ts passes Electron's screen.getAllDisplays().
 *
 * Displays are numbered 1.. from left to right, then top to bottom (the order an operator sees them on
 * the wall); the log lists them at startup. Bounds are in DIP (Electron's unit); physical pixels are
 * DIP × scaleFactor.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  scaleFactor: number;
}

export interface DisplayRange {
  from: number;
  to: number;
}

export interface PlacementRequest {
  /** 1-based display number or range (inclusive); default: the primary display, or all when spanning */
  display?: DisplayRange;
  span: boolean;
  kiosk: boolean;
  /** wall profile size in physical pixels, when the profile names one */
  profile?: { width: number; height: number };
}

export type Placement =
  | {
      ok: true;
      /** window bounds (DIP); with useContentSize the content area */
      bounds: Rect;
      /** the display(s) used, by number */
      displays: number[];
      /** Electron kiosk/fullscreen (one display only) */
      fullscreen: boolean;
      /** frameless window (spans; kiosk emulated across displays) */
      frameless: boolean;
      /** things the operator should know, for the log */
      notes: string[];
    }
  | { ok: false; message: string };

/** "3" or "2-4" → range; null when malformed. */
export function parseDisplayArg(value: string): DisplayRange | null {
  const m = /^\s*(\d{1,2})\s*(?:-\s*(\d{1,2}))?\s*$/.exec(value);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to < from) return null;
  return { from, to };
}

/** Displays in wall order: left to right, then top to bottom. */
export function orderDisplays<D extends DisplayInfo>(ds: readonly D[]): D[] {
  return [...ds].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
}

export function describeDisplays(ds: readonly DisplayInfo[], primaryId?: number): string {
  return orderDisplays(ds)
    .map((d, i) => `${i + 1}: ${Math.round(d.bounds.width * d.scaleFactor)}×${Math.round(d.bounds.height * d.scaleFactor)} px (scale ${d.scaleFactor}) at ${d.bounds.x},${d.bounds.y}${d.id === primaryId ? ' (primary)' : ''}`)
    .join('; ');
}

export function union(rs: readonly Rect[]): Rect {
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  const right = Math.max(...rs.map((r) => r.x + r.width));
  const bottom = Math.max(...rs.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}

function area(r: Rect): number {
  return r.width * r.height;
}

function intersect(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function placeWindow(all: readonly DisplayInfo[], req: PlacementRequest, primaryId?: number): Placement {
  const ds = orderDisplays(all);
  if (!ds.length) return { ok: false, message: 'no displays found' };
  const list = describeDisplays(ds, primaryId);
  const notes: string[] = [];
  let numbers: number[];
  if (req.display) {
    if (req.display.to > ds.length) {
      const what = req.display.from === req.display.to ? `${req.display.from}` : `${req.display.from}-${req.display.to}`;
      return { ok: false, message: `--display ${what}: this machine has ${ds.length} display${ds.length === 1 ? '' : 's'} (${list})` };
    }
    numbers = [];
    for (let n = req.display.from; n <= req.display.to; n++) numbers.push(n);
    if (numbers.length > 1 && !req.span) return { ok: false, message: `--display ${req.display.from}-${req.display.to}: a range of displays needs --span (one window across them)` };
  } else if (req.span) {
    numbers = ds.map((_, i) => i + 1);
  } else {
    const p = ds.findIndex((d) => d.id === primaryId);
    numbers = [p < 0 ? 1 : p + 1];
  }
  const chosen = numbers.map((n) => ds[n - 1]!);

  if (req.span) {
    const bounds = union(chosen.map((d) => d.bounds));
    const covered = chosen.reduce((s, d) => s + area(d.bounds), 0) - overlapArea(chosen.map((d) => d.bounds));
    if (covered < area(bounds) - 1) notes.push(`displays ${numbers.join(', ')} do not form a rectangle: parts of the ${bounds.width}×${bounds.height} window lie off-screen`);
    const scales = [...new Set(chosen.map((d) => d.scaleFactor))];
    if (scales.length > 1) notes.push(`displays ${numbers.join(', ')} use different scaling (${scales.join(', ')}): one window has one pixel ratio, so set the same scaling on every wall display`);
    const sf = dominantScale(chosen, bounds);
    checkProfile(req.profile, { width: bounds.width * sf, height: bounds.height * sf }, notes);
    if (req.kiosk) notes.push('kiosk across several displays: a frameless window over them (fullscreen covers one display only)');
    return { ok: true, bounds, displays: numbers, fullscreen: false, frameless: true, notes };
  }

  const d = chosen[0]!;
  const phys = { width: Math.round(d.bounds.width * d.scaleFactor), height: Math.round(d.bounds.height * d.scaleFactor) };
  if (req.kiosk) {
    checkProfile(req.profile, phys, notes);
    return { ok: true, bounds: { ...d.bounds }, displays: numbers, fullscreen: true, frameless: false, notes };
  }
  // a window the profile's size (in this display's DIP), centred on the display
  const want = req.profile ? { width: Math.round(req.profile.width / d.scaleFactor), height: Math.round(req.profile.height / d.scaleFactor) } : { width: Math.min(1600, d.bounds.width), height: Math.min(900, d.bounds.height) };
  if (req.profile) checkProfile(req.profile, phys, notes);
  const width = want.width;
  const height = want.height;
  return {
    ok: true,
    bounds: { x: d.bounds.x + Math.max(0, Math.round((d.bounds.width - width) / 2)), y: d.bounds.y + Math.max(0, Math.round((d.bounds.height - height) / 2)), width, height },
    displays: numbers,
    fullscreen: false,
    frameless: false,
    notes,
  };
}

function overlapArea(rs: readonly Rect[]): number {
  let s = 0;
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) s += intersect(rs[i]!, rs[j]!);
  return s;
}

/** The scale factor of the display holding most of the window (Chromium uses that one for the whole window). */
function dominantScale(ds: readonly DisplayInfo[], r: Rect): number {
  let best = ds[0]!;
  for (const d of ds) if (intersect(d.bounds, r) > intersect(best.bounds, r)) best = d;
  return best.scaleFactor;
}

function checkProfile(profile: PlacementRequest['profile'], phys: { width: number; height: number }, notes: string[]) {
  if (!profile) return;
  const w = Math.round(phys.width);
  const h = Math.round(phys.height);
  if (profile.width === w && profile.height === h) return;
  const smaller = profile.width > w || profile.height > h;
  notes.push(
    `profile ${profile.width}×${profile.height} differs from the screen area ${w}×${h} px: the cockpit is laid out for the profile at native resolution` +
      (smaller ? ' and scrolls inside the smaller window' : ', centred in the larger window'),
  );
}
