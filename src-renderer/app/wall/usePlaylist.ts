/**
 * Drives the wall's playlist (src-core/wall/playlist) in the renderer: one timer for the next change,
 * the next item prepared off screen by the stage (`preload`), the switch made when it has drawn, a pause
 * while someone uses the screen (pointer, keys, wheel, touch) and resumption after IDLE_MS without input.
 * The schedule runs on a clock that `?clock=fast` speeds up (documented test hook).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { indexFor, interact, msUntilNext, shown, start, tick, type PlaylistItem, type PlaylistState } from '../../../src-core/wall/playlist';
import { setStayClock } from './stay';

/** without input for this long (schedule time), the playlist resumes */
export const IDLE_MS = 60_000;

export interface PlaylistRun {
  on: boolean;
  items: readonly PlaylistItem[];
  state: PlaylistState | null;
  /** the item the schedule is at */
  current: PlaylistItem | null;
  /** prepare this off screen (the schedule moved on and it is not on screen yet) */
  preload: PlaylistItem | null;
  paused: boolean;
  /** schedule-time ms until the next change (Infinity when waiting or off) */
  remaining(): number;
  /** the stage reports a view drawn and on screen (the dwell of the item asked for starts) */
  onStageShown(page: string, city: string): void;
  resume(): void;
  next(): void;
}

export function usePlaylist({ items, on, scale, idleMs = IDLE_MS, page, city }: { items: readonly PlaylistItem[]; on: boolean; scale: number; idleMs?: number; page: string | undefined; city: string | undefined }): PlaylistRun {
  // the schedule's clock: real time × scale, from the moment the hook started
  const clock = useRef<{ t0: number; scale: number } | null>(null);
  if (!clock.current || clock.current.scale !== scale) clock.current = { t0: performance.now(), scale };
  const now = useCallback(() => clock.current!.t0 + (performance.now() - clock.current!.t0) * clock.current!.scale, []);
  const [s, setS] = useState<PlaylistState | null>(null);
  /** bumped by the timer: a pause that ended changes nothing in the state but everything on screen */
  const [wake, setWake] = useState(0);
  const active = on && items.length > 0;
  const onScreen = (x: PlaylistState | null) => !!x && items[x.index]?.page === page && items[x.index]?.city === city;

  // start (at the item on screen, e.g. after a crash reload) and stop; a changed playlist (the page
  // configuration file was edited) starts over at the item on screen. Compared by content: a data
  // refresh re-creates the list without changing it.
  const itemsKey = JSON.stringify(items);
  useEffect(() => {
    setS(active ? start(now(), indexFor(items, page, city)) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, itemsKey]);

  // someone navigated away (or a reload landed elsewhere): once not paused, ask for the current item again
  useEffect(() => {
    if (!s) return;
    if (!s.waiting && !onScreen(s) && s.pausedUntil <= now()) setS({ ...s, waiting: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s, page, city, wake]);

  // the stage put a view on screen (drawn): when it is the item asked for, its dwell starts now
  const onStageShown = useCallback(
    (p: string, c: string) => setS((x) => (x && x.waiting && items[x.index]?.page === p && items[x.index]?.city === c ? shown(x, now()) : x)),
    [items, now],
  );

  // one timer for the next change: the dwell ending, or a pause ending
  useEffect(() => {
    if (!s) return;
    const t = now();
    const ms = Math.min(msUntilNext(s, items, t), s.pausedUntil > t ? s.pausedUntil - t : Infinity);
    if (!Number.isFinite(ms)) return;
    const id = setTimeout(() => {
      setS((x) => (x ? tick(x, items, now()) : x));
      setWake((w) => w + 1);
    }, Math.max(0, ms / clock.current!.scale) + 5);
    return () => clearTimeout(id);
  }, [s, items, now, wake]);

  // interaction pauses the rotation (at most one state update per second of input)
  useEffect(() => {
    if (!active) return;
    let last = -Infinity;
    const onInput = (e: Event) => {
      if (e.type === 'pointermove' && (e as PointerEvent).movementX === 0 && (e as PointerEvent).movementY === 0) return;
      const t = now();
      if (t - last < 1000 * clock.current!.scale) return;
      last = t;
      setS((x) => (x ? interact(x, t, idleMs) : x));
    };
    const opts = { capture: true, passive: true } as const;
    const kinds = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'];
    for (const k of kinds) addEventListener(k, onInput, opts);
    return () => {
      for (const k of kinds) removeEventListener(k, onInput, opts);
    };
  }, [active, now, idleMs]);

  const remaining = useCallback(() => (s ? msUntilNext(s, items, now()) : Infinity), [s, items, now]);
  // how long the page on screen stays (real ms), for work that only pays off on a page that stays; asked
  // for the next item (waiting), the page on screen leaves as soon as that one is drawn
  useEffect(() => {
    if (!s) return;
    setStayClock(() => (s.waiting ? 0 : remaining() / clock.current!.scale));
    return () => setStayClock(null);
  }, [s, remaining]);

  const paused = !!s && s.pausedUntil > now();
  const current = s ? items[s.index] ?? null : null;
  const preload = s && s.waiting && !paused && !onScreen(s) ? current : null;
  const resume = useCallback(() => setS((x) => (x ? { ...x, pausedUntil: 0 } : x)), []);
  const next = useCallback(() => setS((x) => (x && items.length ? { index: (x.index + 1) % items.length, shownAt: now(), pausedUntil: 0, waiting: true } : x)), [items, now]);
  const stablePreload = useMemo(() => preload, [preload]);
  return { on: active, items, state: s, current, preload: stablePreload, paused, remaining, onStageShown, resume, next };
}
