/**
 * Lays a page's panels on its grid and tracks readiness: when every panel has drawn, the document root
 * gets data-ready="true" (automation, screenshots and exports wait for it).
 *
 * `layout` (default: the grid the page declares) says where each panel goes, so other layouts (a wall
 * tile, a laptop reflow) reuse this renderer. With `reportReady={false}` the page reports to `onReady`
 * only and leaves data-ready to its host (the wall stage, which prepares pages off screen).
 */
import { Component, memo, useCallback, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import type { GridArea, PageSpec, PanelSpec } from '../../src-core/pages/config';
import { gridLayout, type PageLayout } from '../../src-core/wall/layout';
import { panelRegistry } from '../panels/registry';
import type { LocationPin } from '../panels/types';
import { useCockpit } from './context';

class PanelBoundary extends Component<{ onError: () => void; label: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error) {
    console.warn(`[panel] ${error.message}`);
    this.props.onError();
  }
  override render() {
    if (this.state.error) return <div className="panel-msg panel-error" role="alert">{this.props.label}: {this.state.error.message}</div>;
    return this.props.children;
  }
}

/** How a mode decorates the laid-out panels (briefing reflow, story highlight, notes). */
export interface PanelDecor {
  grid?: CSSProperties;
  panel?(spec: PanelSpec): { className?: string; style?: CSSProperties; extra?: ReactNode; pins?: readonly LocationPin[]; onPickLocation?: (at: { lng: number; lat: number }) => void };
}

/**
 * One panel in its frame. Memoised: a page re-rendered around unchanged panels (a wall layer becoming ready or
 * going on screen, the app re-rendering after the first draw) must not re-render them, since a chart panel
 * re-rendered builds a new option and ECharts redraws (at 3840×2160 one to three redundant setOptions per
 * chart per page switch, in the frames of the transition).
 */
const PanelHost = memo(function PanelHost({ spec, at, onReady, decor }: { spec: PanelSpec; at: GridArea; onReady: (id: string) => void; decor?: PanelDecor }) {
  const c = useCockpit();
  const kind = panelRegistry.get(spec.kind)!;
  const ready = useCallback(() => onReady(spec.id), [onReady, spec.id]);
  const [col, row, w, h] = at;
  const Comp = kind.component;
  const deco = decor?.panel?.(spec);
  return (
    <section
      className={`panel panel-${spec.kind}${deco?.className ? ` ${deco.className}` : ''}`}
      data-panel={spec.id}
      data-panel-kind={spec.kind}
      style={{ gridColumn: `${col + 1} / span ${w}`, gridRow: `${row + 1} / span ${h}`, ...deco?.style }}
      aria-labelledby={`pt-${spec.id}`}
    >
      <h2 className="panel-title" id={`pt-${spec.id}`}>{spec.title[c.lang]}</h2>
      <div className="panel-body">
        <PanelBoundary onError={ready} label={c.t('renderError')}>
          <Comp spec={spec} options={spec.options} onReady={ready} pins={deco?.pins} onPickLocation={deco?.onPickLocation} />
        </PanelBoundary>
      </div>
      {deco?.extra}
    </section>
  );
});

/** One entry per mark name: a screen that switches pages for weeks must not grow its performance timeline. */
export function remark(name: string) {
  performance.clearMarks(name);
  performance.mark(name);
}

/**
 * `decor` restyles and decorates panels (briefing, story highlight, notes); `onAllReady` reports readiness to
 * the caller only (several pages drawn at once, e.g. the print view of a story).
 */
export function PageView({ page, layout, decor, onReady: onPageReady, reportReady: reportReadyProp = true, onAllReady }: {
  page: PageSpec; layout?: PageLayout; decor?: PanelDecor; onReady?: () => void; reportReady?: boolean; onAllReady?: () => void;
}) {
  const reportReady = reportReadyProp && !onAllReady;
  const lay = useMemo(() => layout ?? gridLayout(page), [layout, page]);
  const shown = useMemo(() => page.panels.filter((p) => lay.areas[p.id]), [page, lay]);
  // Mounted with a key per page × city × language: a fresh mount starts not ready.
  const done = useRef<Set<string> | null>(null);
  if (done.current === null) {
    done.current = new Set();
    if (reportReady) document.documentElement.dataset.ready = 'false';
  }
  const readyRef = useRef(onPageReady ?? onAllReady);
  readyRef.current = onPageReady ?? onAllReady;
  const ids = useMemo(() => shown.map((p) => p.id), [shown]);
  const kinds = useMemo(() => new Map(shown.map((p) => [p.id, p.kind])), [shown]);
  const onReady = useCallback(
    (id: string) => {
      // each panel's first draw, by kind and id (the startup bench tells where the time goes)
      if (reportReady && !done.current!.has(id)) remark(`cockpit:drawn:${kinds.get(id)}:${id}`);
      done.current!.add(id);
      if (ids.every((i) => done.current!.has(i))) {
        if (reportReady) remark('cockpit:panels-drawn');
        const mark = () => {
          if (ids.every((i) => done.current!.has(i))) {
            if (reportReady) {
              document.documentElement.dataset.ready = 'true';
              remark('cockpit:ready');
            }
            readyRef.current?.();
          }
        };
        if (document.fonts?.status === 'loaded') mark();
        else void document.fonts.ready.then(mark);
      }
    },
    [ids, kinds, reportReady],
  );
  return (
    <main className="page-grid" data-page={page.id} style={{ gridTemplateColumns: `repeat(${lay.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${lay.rows}, minmax(0, 1fr))`, ...decor?.grid }}>
      {shown.map((p) => <PanelHost key={p.id} spec={p} at={lay.areas[p.id]!} onReady={onReady} decor={decor} />)}
    </main>
  );
}
