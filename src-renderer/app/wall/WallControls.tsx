/**
 * The wall's header controls: the playlist status (item n/N, seconds left, paused while in use) with
 * start/stop, resume and next; and the wall profile setting (built-in walls, custom W×H, or fit the
 * window), saved on this machine. In kiosk mode only the playlist status shows.
 */
import { useEffect, useState } from 'react';
import type { Lang } from '../../../src-core/contract';
import { BUILTIN_PROFILES, ProfileError, resolveProfile } from '../../../src-core/wall/profiles';
import { ws } from './strings';
import type { PlaylistRun } from './usePlaylist';
import type { Wall } from './useWall';

function PlaylistStatus({ run, lang, wall }: { run: PlaylistRun; lang: Lang; wall: Wall }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!run.on) return;
    const id = setInterval(() => tick((x) => x + 1), 1000);
    return () => clearInterval(id);
  }, [run.on]);
  if (!run.items.length) return null;
  if (!run.on) {
    if (wall.kiosk) return null;
    return (
      <button className="chip wall-chip" data-testid="playlist-start" title={ws(lang, 'playlistStart')} onClick={() => wall.setPlaylistOn(true)}>
        ▶ {ws(lang, 'playlistStartShort')}
      </button>
    );
  }
  const i = run.state?.index ?? 0;
  const left = run.remaining();
  return (
    <div className="wall-playlist" data-testid="playlist" data-index={i} data-paused={run.paused || undefined} role="status">
      <span className="wall-playlist-pos">
        {ws(lang, 'playlist')} {i + 1}/{run.items.length}
      </span>
      {run.paused ? (
        <button className="chip wall-chip" data-testid="playlist-resume" onClick={run.resume}>
          ⏸ {ws(lang, 'playlistPaused')} · {ws(lang, 'playlistResume')}
        </button>
      ) : (
        <span className="wall-playlist-left">{Number.isFinite(left) ? `${Math.ceil(left / 1000)}${lang === 'zh-CN' ? ' ' : ''}${ws(lang, 'seconds')}` : '…'}</span>
      )}
      {!wall.kiosk && (
        <>
          <button className="chip wall-chip" data-testid="playlist-next" title={ws(lang, 'playlistNext')} aria-label={ws(lang, 'playlistNext')} onClick={run.next}>⏭</button>
          <button className="chip wall-chip" data-testid="playlist-stop" title={ws(lang, 'playlistStop')} aria-label={ws(lang, 'playlistStop')} onClick={() => wall.setPlaylistOn(false)}>■</button>
        </>
      )}
    </div>
  );
}

function ProfileMenu({ wall, lang }: { wall: Wall; lang: Lang }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const label = wall.profile ? `${wall.profile.width}×${wall.profile.height}` : ws(lang, 'profileAutoShort');
  const pick = (id: string) => {
    wall.setProfile(id);
    setOpen(false);
  };
  const applyCustom = () => {
    try {
      const p = resolveProfile(custom.trim().replace(/[×*X]/g, 'x'));
      if (p) pick(p.id);
    } catch (e) {
      setErr(e instanceof ProfileError ? e.message : String(e));
    }
  };
  return (
    <div className="wall-profile">
      <button className="chip wall-chip" data-testid="wall-profile" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={ws(lang, 'profile')}>
        {ws(lang, 'wall')} {label}
      </button>
      {open && (
        <div className="wall-profile-menu" role="menu" data-testid="wall-profile-menu">
          <div className="wall-profile-head">
            {ws(lang, 'profile')}
            {wall.from && <span className="muted"> · {ws(lang, `profileFrom_${wall.from}`)}</span>}
          </div>
          {wall.error && <div className="wall-profile-err" role="alert">{wall.error}</div>}
          <button role="menuitemradio" aria-checked={!wall.profile} className="wall-profile-item" onClick={() => pick('auto')}>
            {ws(lang, 'profileAuto')}
          </button>
          {BUILTIN_PROFILES.map((p) => (
            <button key={p.id} role="menuitemradio" aria-checked={wall.profile?.id === p.id} data-profile-pick={p.id} className="wall-profile-item" onClick={() => pick(p.id)}>
              {p.width}×{p.height} <span className="muted">{lang === 'zh-CN' ? p.labelZh : p.labelEn}</span>
            </button>
          ))}
          <form
            className="wall-profile-custom"
            onSubmit={(e) => {
              e.preventDefault();
              applyCustom();
            }}
          >
            <label>
              {ws(lang, 'profileCustom')}
              <input value={custom} onChange={(e) => { setCustom(e.target.value); setErr(null); }} placeholder="6656x1792" inputMode="text" />
            </label>
            <button className="chip" type="submit">{ws(lang, 'profileApply')}</button>
            {err && <div className="wall-profile-err" role="alert">{err}</div>}
          </form>
        </div>
      )}
    </div>
  );
}

export function WallControls({ wall, run, lang }: { wall: Wall; run: PlaylistRun; lang: Lang }) {
  return (
    <div className="wall-controls" data-testid="wall-controls">
      <PlaylistStatus run={run} lang={lang} wall={wall} />
      {!wall.kiosk && <ProfileMenu wall={wall} lang={lang} />}
    </div>
  );
}
