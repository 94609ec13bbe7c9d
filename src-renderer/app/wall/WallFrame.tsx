/**
 * The wall stage: with a profile, the cockpit is laid out at exactly the profile's size in CSS px
 * (profile pixels ÷ devicePixelRatio) with the profile's root font, whatever the window. Nothing is
 * scaled as a bitmap: text and canvases are drawn at the wall's own pixels.
 *
 * The window may differ from the wall (a controller's browser, a window over displays of another
 * size): a larger window centres the stage; a smaller one shows it at native size and scrolls, with a
 * label saying so (a preview of the wall, not a shrunken copy).
 *
 * Also here: the minimum text size (textFloor), and in kiosk mode the cursor hidden when idle.
 */
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import type { Lang } from '../../../src-core/contract';
import { stageFit } from '../../../src-core/wall/profiles';
import { ws } from './strings';
import { installTextFloor } from './textFloor';
import { RenderErrorProbe } from './AppBoundary';
import './wall.css';
import type { Wall } from './useWall';

export const CURSOR_IDLE_MS = 3000;

function useWindowSize() {
  const [size, setSize] = useState(() => ({ w: innerWidth, h: innerHeight }));
  useEffect(() => {
    const on = () => setSize((s) => (s.w === innerWidth && s.h === innerHeight ? s : { w: innerWidth, h: innerHeight }));
    addEventListener('resize', on);
    return () => removeEventListener('resize', on);
  }, []);
  return size;
}

/** Kiosk: hide the pointer after CURSOR_IDLE_MS without movement; any movement shows it again. */
export function useIdleCursor(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const html = document.documentElement;
    let timer = 0;
    const idle = () => html.classList.add('cursor-idle');
    let last = '';
    const wake = (ev?: PointerEvent) => {
      // the browser sends a pointermove without movement when the page changes under a still pointer (e.g. the
      // live map replacing its poster): only real movement shows the cursor again
      if (ev?.type === 'pointermove') {
        const at = `${ev.screenX},${ev.screenY}`;
        if (at === last) return;
        last = at;
      }
      html.classList.remove('cursor-idle');
      clearTimeout(timer);
      timer = window.setTimeout(idle, CURSOR_IDLE_MS);
    };
    wake();
    const opts = { capture: true, passive: true } as const;
    addEventListener('pointermove', wake, opts);
    addEventListener('pointerdown', wake, opts);
    return () => {
      clearTimeout(timer);
      removeEventListener('pointermove', wake, opts);
      removeEventListener('pointerdown', wake, opts);
      html.classList.remove('cursor-idle');
    };
  }, [enabled]);
}

export function WallFrame({ wall, lang, children }: { wall: Wall; lang: Lang; children: ReactNode }) {
  const g = wall.geometry;
  const size = useWindowSize();
  const fit = g ? stageFit(g, size.w, size.h) : null;
  const root = g?.rootFontCss;
  const min = g?.minFontCss;

  useLayoutEffect(() => {
    if (root === undefined || min === undefined) return;
    const html = document.documentElement;
    html.style.fontSize = `${root}px`;
    html.classList.add('wall');
    const undoFloor = installTextFloor(min);
    return () => {
      undoFloor();
      html.style.removeProperty('font-size');
      html.classList.remove('wall');
    };
  }, [root, min]);

  useLayoutEffect(() => {
    document.documentElement.classList.toggle('wall-scroll', !!fit?.scroll);
    return () => document.documentElement.classList.remove('wall-scroll');
  }, [fit?.scroll]);

  useLayoutEffect(() => {
    document.documentElement.classList.toggle('wall-kiosk', wall.kiosk);
  }, [wall.kiosk]);

  useIdleCursor(wall.kiosk);

  if (!g || !fit) {
    return (
      <>
        <RenderErrorProbe />
        {children}
      </>
    );
  }
  return (
    <div className="wall-frame" data-testid="wall-frame" data-profile={g.profile.id} data-tiles={g.profile.tiles} style={{ paddingLeft: fit.left, paddingTop: fit.top }}>
      <div className={`wall-stage wall-tiles-${g.profile.tiles}`} data-testid="wall-stage" style={{ width: g.width, height: g.height }}>
        <RenderErrorProbe />
        {children}
      </div>
      {fit.scroll && (
        <div className="wall-preview-label" role="status" data-testid="wall-preview">
          <b>{ws(lang, 'preview')}</b> {g.profile.width}×{g.profile.height} · {lang === 'zh-CN' ? '窗口' : 'window'} {Math.round(size.w * g.dpr)}×{Math.round(size.h * g.dpr)} — {ws(lang, 'previewHint')}
        </div>
      )}
    </div>
  );
}
