/**
 * The page area of the wall: one 16:9 tile per screen of the profile (src-core/wall/layout tilePages),
 * and transitions without flicker. A new view (a click, the playlist) is prepared in a hidden layer
 * while the old one stays on screen; when every panel of the new one has drawn, it fades in over the
 * old one, which is then unmounted (charts disposed). The playlist's next item is prepared the same
 * way before its turn (`preload`), so the swap is instant.
 *
 * data-ready on <html> is "true" when the view asked for is the one on screen and fully drawn; pages
 * prepared off screen do not touch it.
 */
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PageSpec } from '../../../src-core/pages/config';
import { tilePages } from '../../../src-core/wall/layout';
import { CockpitContext, cityName, useCockpit } from '../context';
import { PageView, remark } from '../PageView';

/** crossfade length; prefers-reduced-motion swaps at once (CSS) */
export const FADE_MS = 350;
/** a view that never finishes drawing (a stuck panel) is shown anyway after this long */
export const SHOW_ANYWAY_MS = 10_000;

export interface StageTarget {
  page: string;
  city: string;
  /** pages beside it on a wall of several tiles (a playlist item's `with`) */
  with?: readonly string[];
}

interface Layer {
  key: string;
  city: string;
  pages: string[];
  ready: boolean;
}

function layerFor(t: StageTarget, pageIds: string[], tiles: number, salt: string): Layer {
  const pages = tilePages(pageIds, t.page, tiles, t.with ?? []);
  return { key: `${salt}|${t.city}|${pages.join(',')}`, city: t.city, pages, ready: false };
}

const WallLayer = memo(function WallLayer({ layer, state, fade, pages, tiles, onReady }: {
  layer: Layer;
  state: 'front' | 'leaving' | 'incoming';
  fade: boolean;
  pages: Map<string, PageSpec>;
  tiles: number;
  onReady: (key: string, page: string) => void;
}) {
  const base = useCockpit();
  const city = base.cities.get(layer.city) ?? base.city;
  const value = useMemo(() => ({ ...base, city }), [base, city]);
  const hidden = state === 'incoming';
  return (
    <CockpitContext.Provider value={value}>
      <div
        className="wall-layer"
        data-state={state}
        data-fade={fade ? 'in' : undefined}
        data-layer-page={layer.pages[0]}
        data-layer-city={layer.city}
        aria-hidden={hidden || undefined}
        inert={hidden || state === 'leaving'}
        style={{ gridTemplateColumns: `repeat(${tiles}, minmax(0, 1fr))` }}
      >
        {layer.pages.map((id) => {
          const page = pages.get(id)!;
          return (
            <section className="wall-tile" key={id} data-tile-page={id} aria-label={page.title[base.lang]}>
              {tiles > 1 && (
                <h2 className="wall-tile-title">
                  {page.title[base.lang]}
                  <span className="wall-tile-city">{cityName(city, base.lang)}</span>
                </h2>
              )}
              <PageView page={page} reportReady={false} onReady={() => onReady(layer.key, id)} />
            </section>
          );
        })}
      </div>
    </CockpitContext.Provider>
  );
});

export function WallStage({ pages, tiles, salt, shown, preload, onPreloaded, onShown, fade = true }: {
  pages: PageSpec[];
  /** 16:9 tiles side by side (1 without a wide profile) */
  tiles: number;
  /** remounts everything when it changes (language, configuration generation, profile, pixel ratio) */
  salt: string;
  shown: StageTarget;
  preload: StageTarget | null;
  onPreloaded: (t: StageTarget) => void;
  /** a view is on screen, drawn (after the swap was committed) */
  onShown?: (page: string, city: string) => void;
  /** crossfade (default) or cut */
  fade?: boolean;
}) {
  const byId = useMemo(() => new Map(pages.map((p) => [p.id, p])), [pages]);
  const ids = useMemo(() => pages.map((p) => p.id), [pages]);
  const want = useMemo(() => layerFor(shown, ids, tiles, salt), [shown, ids, tiles, salt]);
  const pre = useMemo(() => (preload ? layerFor(preload, ids, tiles, salt) : null), [preload, ids, tiles, salt]);
  const [layers, setLayers] = useState<Layer[]>([]);
  const [front, setFront] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<string | null>(null);
  const [fadeKey, setFadeKey] = useState<string | null>(null);
  const drawn = useRef(new Map<string, Set<string>>());

  // the layers that should exist: on screen, leaving, asked for, prepared
  // A transition: the new view is built off screen in slices that yield to the browser (a page switch by click
  // would otherwise hold the frame on screen for the whole mount); data-ready turns false at once regardless.
  useEffect(() => {
    startTransition(() => setLayers((ls) => {
      const keep = ls.filter((l) => l.key === front || l.key === leaving || l.key === want.key || l.key === pre?.key);
      for (const l of [want, pre]) if (l && !keep.some((k) => k.key === l.key)) keep.push({ ...l });
      for (const l of ls) if (!keep.includes(l)) drawn.current.delete(l.key);
      return keep.length === ls.length && keep.every((l, i) => l === ls[i]) ? ls : keep;
    }));
  }, [want, pre, front, leaving]);

  const onReady = useCallback((key: string, page: string) => {
    let set = drawn.current.get(key);
    if (!set) drawn.current.set(key, (set = new Set()));
    set.add(page);
    setLayers((ls) => {
      const l = ls.find((x) => x.key === key);
      if (!l || l.ready || !l.pages.every((p) => set!.has(p))) return ls;
      return ls.map((x) => (x === l ? { ...x, ready: true } : x));
    });
  }, []);

  const target = layers.find((l) => l.key === want.key);

  // swap: the asked-for view goes on screen once drawn (at once when nothing is on screen yet)
  useEffect(() => {
    if (!target || front === target.key) return;
    if (!target.ready && front !== null && layers.some((l) => l.key === front)) return;
    setLeaving(front);
    setFadeKey(front !== null && fade ? target.key : null);
    setFront(target.key);
  }, [target, front, layers, fade]);

  // the old view is unmounted once the new one is fully opaque
  useEffect(() => {
    if (leaving === null) return;
    const t = setTimeout(() => setLeaving(null), fade ? FADE_MS + 50 : 0);
    return () => clearTimeout(t);
  }, [leaving, fade]);

  // a view that never finishes drawing is shown anyway (a stuck panel must not freeze the wall)
  useEffect(() => {
    if (!target || target.ready) return;
    const key = target.key;
    const t = setTimeout(() => {
      console.warn(`[wall] ${key} not drawn after ${SHOW_ANYWAY_MS} ms: shown anyway`);
      setLayers((ls) => ls.map((l) => (l.key === key ? { ...l, ready: true } : l)));
    }, SHOW_ANYWAY_MS);
    return () => clearTimeout(t);
  }, [target]);

  // the playlist's next item is ready off screen
  const told = useRef<string | null>(null);
  const preLayer = pre ? layers.find((l) => l.key === pre.key) : undefined;
  useEffect(() => {
    if (!preload || !preLayer?.ready || told.current === preLayer.key) return;
    told.current = preLayer.key;
    onPreloaded(preload);
  }, [preLayer, preload, onPreloaded]);

  // tell the playlist when the asked-for view is on screen and drawn (its dwell starts then)
  const shownRef = useRef(onShown);
  shownRef.current = onShown;
  const frontLayer = layers.find((l) => l.key === front);
  const frontShown = frontLayer?.ready ? frontLayer : null;
  useLayoutEffect(() => {
    if (frontShown) shownRef.current?.(frontShown.pages[0]!, frontShown.city);
  }, [frontShown]);

  // automation: ready = the asked-for view is on screen and drawn
  const isReady = !!target && front === target.key && target.ready;
  useEffect(() => {
    document.documentElement.dataset.ready = isReady ? 'true' : 'false';
    if (isReady) remark('cockpit:ready');
  }, [isReady, want.key]);

  return (
    // data-cut: a cut hides the leaving view in the same frame the new one appears (wall.css)
    <div className="wall-pages" data-testid="wall-pages" data-front={front ?? ''} data-cut={!fade || undefined}>
      {layers.map((l) => (
        <WallLayer
          key={l.key}
          layer={l}
          state={l.key === front ? 'front' : l.key === leaving ? 'leaving' : 'incoming'}
          fade={l.key === fadeKey && l.key === front}
          pages={byId}
          tiles={tiles}
          onReady={onReady}
        />
      ))}
    </div>
  );
}
