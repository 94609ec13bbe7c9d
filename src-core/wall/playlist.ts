/**
 * Playlist scheduling for the wall: pages × cities with per-item dwell times. Pure and clock-driven so
 * it can be tested with a fast clock. Interaction pauses the rotation; it resumes after an idle period.
 *
 * An item's dwell time counts from the moment it is on screen: when the schedule moves on, the state
 * waits (`waiting`) until the renderer reports the next item drawn (`shown`), so a slow page never eats
 * into its own dwell time and the rotation never runs ahead of what the wall shows.
 */
export interface PlaylistItem {
  page: string;
  city: string;
  /** seconds on screen */
  dwell: number;
  /** pages beside it on a wall of several tiles */
  with?: string[];
}

export interface PlaylistState {
  index: number;
  /** when the current item came on screen (ms) */
  shownAt: number;
  /** no rotation before this time (ms); 0 = not paused */
  pausedUntil: number;
  /** the current item was asked for and is not drawn yet (its dwell has not started) */
  waiting: boolean;
}

/** Start at item `index` (e.g. the item matching what is on screen after a reload), waiting for it to be drawn. */
export function start(now: number, index = 0): PlaylistState {
  return { index: Math.max(0, index), shownAt: now, pausedUntil: 0, waiting: false };
}

/** The renderer drew the current item: its dwell time starts now. */
export function shown(s: PlaylistState, now: number): PlaylistState {
  return s.waiting ? { ...s, waiting: false, shownAt: now } : s;
}

/** Somebody touched the screen: hold the current item until `idleMs` after the last interaction. */
export function interact(s: PlaylistState, now: number, idleMs: number): PlaylistState {
  return { ...s, pausedUntil: now + idleMs };
}

/** Advance if the current item's dwell time is over (and not paused). Returns the same object when nothing changes. */
export function tick(s: PlaylistState, items: readonly PlaylistItem[], now: number): PlaylistState {
  if (!items.length || s.waiting) return s;
  if (s.pausedUntil > now) return s;
  const cur = items[s.index % items.length]!;
  // after a pause the item gets its full dwell time again from the moment the pause ended
  const since = Math.max(s.shownAt, s.pausedUntil);
  if (now - since < cur.dwell * 1000) return s;
  return { index: (s.index + 1) % items.length, shownAt: now, pausedUntil: 0, waiting: true };
}

/** Milliseconds until the next tick could change something (for a single timer instead of polling). */
export function msUntilNext(s: PlaylistState, items: readonly PlaylistItem[], now: number): number {
  if (!items.length || s.waiting) return Infinity;
  if (s.pausedUntil > now) return s.pausedUntil - now + items[s.index % items.length]!.dwell * 1000;
  const since = Math.max(s.shownAt, s.pausedUntil);
  return Math.max(0, since + items[s.index % items.length]!.dwell * 1000 - now);
}

/** The item to resume at for what is on screen (page and city), else the first. */
export function indexFor(items: readonly PlaylistItem[], page: string | undefined, city: string | undefined): number {
  const i = items.findIndex((x) => x.page === page && x.city === city);
  return i < 0 ? 0 : i;
}

/** Time scale of the schedule: `?clock=fast` runs it 10× faster (a documented test hook), `?clock=x25` 25×. */
export function clockScale(param: string | null | undefined): number {
  if (!param) return 1;
  if (param === 'fast') return 10;
  const m = /^x(\d{1,4})$/.exec(param);
  return m ? Math.min(100, Math.max(1, Number(m[1]))) : 1;
}
