/**
 * Wall settings in force: the profile (?profile= > --profile > saved setting), kiosk (--kiosk or
 * ?kiosk=1), the playlist (on in kiosk unless ?playlist=0; ?playlist=1 elsewhere; the header toggle),
 * the schedule's clock (?clock=fast, a test hook), the idle time before it resumes (?idle=SECONDS) and the device pixel ratio the stage is laid out at.
 * Everything that must survive a reload (crash recovery) lives in the URL.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LaunchOptions } from '../../../src-core/contract';
import { chooseProfile, wallGeometry, type WallGeometry, type WallProfile } from '../../../src-core/wall/profiles';
import { clockScale } from '../../../src-core/wall/playlist';
import { IDLE_MS } from './usePlaylist';

export const SAVED_PROFILE_KEY = 'cockpit.wall.profile';
/** the largest wall (physical pixels) that crossfades by default */
export const FADE_MAX_PIXELS = 3840 * 1080;

export interface Wall {
  profile: WallProfile | null;
  from: 'url' | 'launch' | 'saved' | null;
  /** a profile value that could not be used, named (shown in the wall menu) */
  error: string | null;
  /** null without a profile */
  geometry: WallGeometry | null;
  dpr: number;
  kiosk: boolean;
  playlistOn: boolean;
  setPlaylistOn(on: boolean): void;
  /** choose a profile id, or 'auto' for none; saved on this machine and put in the URL */
  setProfile(id: string): void;
  /** schedule time scale (1 = real time) */
  scale: number;
  /** the playlist resumes after this long without input (schedule ms; ?idle=SECONDS, default 60) */
  idleMs: number;
  /** the stage (double-buffered transitions, tiles) is in use */
  active: boolean;
  /** ?testhooks=1: automation may trigger a render error to check recovery */
  testHooks: boolean;
  /**
   * page transitions: crossfade or cut; both keep the old page until the new one has drawn. Default: a
   * crossfade up to FADE_MAX_PIXELS (a 3840×1080 splice), a cut on bigger walls, where compositing two
   * full-wall layers for every frame of a fade costs more than it shows (software compositing: frames of
   * several hundred ms). ?transition=fade|cut decides.
   */
  fade: boolean;
}

function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

function setParam(name: string, value: string | null) {
  const q = new URLSearchParams(location.search);
  if (value === null) q.delete(name);
  else q.set(name, value);
  const s = q.toString();
  history.replaceState(history.state, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(SAVED_PROFILE_KEY);
  } catch {
    return null;
  }
}

const truthy = (v: string | null) => v !== null && v !== '0' && v !== 'false' && v !== 'off';

/** window.devicePixelRatio, following moves between displays and browser zoom. */
export function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    const mq = matchMedia(`(resolution: ${dpr}dppx)`);
    const on = () => setDpr(window.devicePixelRatio || 1);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [dpr]);
  return dpr;
}

export function useWall(launch: LaunchOptions | null): Wall {
  const [rev, setRev] = useState(0);
  const dpr = useDevicePixelRatio();
  const kiosk = !!launch?.kiosk || truthy(param('kiosk'));
  const chosen = useMemo(
    () => chooseProfile({ url: param('profile'), launch: launch?.profile ?? null, saved: readSaved() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [launch, rev],
  );
  const pl = param('playlist');
  const playlistOn = pl === null ? kiosk : truthy(pl);
  const setPlaylistOn = useCallback((on: boolean) => {
    setParam('playlist', on ? '1' : '0');
    setRev((r) => r + 1);
  }, []);
  const setProfile = useCallback((id: string) => {
    try {
      localStorage.setItem(SAVED_PROFILE_KEY, id);
    } catch {
      /* storage unavailable: the URL still carries it */
    }
    setParam('profile', id);
    setRev((r) => r + 1);
  }, []);
  const geometry = useMemo(() => (chosen.profile ? wallGeometry(chosen.profile, dpr) : null), [chosen.profile, dpr]);
  const scale = clockScale(param('clock'));
  const idle = Number(param('idle'));
  const idleMs = Number.isFinite(idle) && idle >= 3 && idle <= 3600 ? idle * 1000 : IDLE_MS;
  const testHooks = truthy(param('testhooks'));
  return {
    profile: chosen.profile,
    from: chosen.from,
    error: chosen.error,
    geometry,
    dpr,
    kiosk,
    playlistOn,
    setPlaylistOn,
    setProfile,
    scale,
    idleMs,
    active: !!chosen.profile || playlistOn || kiosk,
    testHooks,
    fade: param('transition') === 'fade' || (param('transition') !== 'cut' && (!chosen.profile || chosen.profile.width * chosen.profile.height <= FADE_MAX_PIXELS)),
  };
}
