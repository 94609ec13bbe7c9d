/**
 * Lays a page's panels on its grid and tracks readiness: when every panel has drawn, the document root
 * gets data-ready="true" (automation, screenshots and exports wait for it).
 */
import { Component, useCallback, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import type { PageSpec, PanelSpec } from '../../src-core/pages/config';
import { panelRegistry } from '../panels/registry';
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

/** How a mode other than the wall grid places and decorates panels (briefing reflow, story highlight, notes). */
export interface PageLayout {
  grid?: CSSProperties;
  panel?(spec: PanelSpec): { className?: string; style?: CSSProperties; extra?: ReactNode };
}

function PanelHost({ spec, onReady, layout }: { spec: PanelSpec; onReady: (id: string) => void; layout?: PageLayout }) {
  const c = useCockpit();
  const kind = panelRegistry.get(spec.kind)!;
  const ready = useCallback(() => onReady(spec.id), [onReady, spec.id]);
  const [col, row, w, h] = spec.at;
  const Comp = kind.component;
  const deco = layout?.panel?.(spec);
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
          <Comp spec={spec} options={spec.options} onReady={ready} />
        </PanelBoundary>
      </div>
      {deco?.extra}
    </section>
  );
}

/**
 * `onAllReady`: report readiness to the caller instead of the document root (several pages drawn at
 * once, e.g. the print view of a story).
 */
export function PageView({ page, layout, onAllReady }: { page: PageSpec; layout?: PageLayout; onAllReady?: () => void }) {
  // Mounted with a key per page × city × language: a fresh mount starts not ready.
  const done = useRef<Set<string> | null>(null);
  if (done.current === null) {
    done.current = new Set();
    if (!onAllReady) document.documentElement.dataset.ready = 'false';
  }
  const allReady = useRef(onAllReady);
  allReady.current = onAllReady;
  const ids = useMemo(() => page.panels.map((p) => p.id), [page]);
  const onReady = useCallback(
    (id: string) => {
      done.current!.add(id);
      if (ids.every((i) => done.current!.has(i))) {
        performance.mark('cockpit:panels-drawn');
        const mark = () => {
          if (allReady.current) allReady.current();
          else if (ids.every((i) => done.current!.has(i))) {
            document.documentElement.dataset.ready = 'true';
            performance.mark('cockpit:ready');
          }
        };
        if (document.fonts?.status === 'loaded') mark();
        else void document.fonts.ready.then(mark);
      }
    },
    [ids],
  );
  return (
    <main className="page-grid" data-page={page.id} style={{ gridTemplateColumns: `repeat(${page.grid.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${page.grid.rows}, minmax(0, 1fr))`, ...layout?.grid }}>
      {page.panels.map((p) => <PanelHost key={p.id} spec={p} onReady={onReady} layout={layout} />)}
    </main>
  );
}
