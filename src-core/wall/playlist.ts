/**
 * Playlist scheduling for the wall: pages × cities with per-item dwell times. Pure and clock-driven so
 * it can be tested with a fast clock. Interaction pauses the rotation; it resumes after an idle period.
 */
export interface PlaylistItem {
  page: string;
  city: string;
  /** seconds on screen */
  dwell: number;
}

export interface PlaylistState {
  index: number;
  /** when the current item came on screen (ms) */
  shownAt: number;
  /** no rotation before this time (ms); 0 = not paused */
  pausedUntil: number;
}

export function start(now: number): PlaylistState {
  return { index: 0, shownAt: now, pausedUntil: 0 };
}

/** Somebody touched the screen: hold the current item until `idleMs` after the last interaction. */
export function interact(s: PlaylistState, now: number, idleMs: number): PlaylistState {
  return { ...s, pausedUntil: now + idleMs };
}

/** Advance if the current item's dwell time is over (and not paused). Returns the same object when nothing changes. */
export function tick(s: PlaylistState, items: readonly PlaylistItem[], now: number): PlaylistState {
  if (!items.length) return s;
  if (s.pausedUntil > now) return s;
  const cur = items[s.index % items.length]!;
  // after a pause the item gets its full dwell time again from the moment the pause ended
  const since = Math.max(s.shownAt, s.pausedUntil);
  if (now - since < cur.dwell * 1000) return s;
  return { index: (s.index + 1) % items.length, shownAt: now, pausedUntil: 0 };
}

/** Milliseconds until the next tick could change something (for a single timer instead of polling). */
export function msUntilNext(s: PlaylistState, items: readonly PlaylistItem[], now: number): number {
  if (!items.length) return Infinity;
  if (s.pausedUntil > now) return s.pausedUntil - now + items[s.index % items.length]!.dwell * 1000;
  const since = Math.max(s.shownAt, s.pausedUntil);
  return Math.max(0, since + items[s.index % items.length]!.dwell * 1000 - now);
}
