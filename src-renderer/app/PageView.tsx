/**
 * Lays a page's panels on its grid and tracks readiness: when every panel has drawn, the document root
 * gets data-ready="true" (automation, screenshots and exports wait for it).
 */
import { Component, useCallback, useMemo, useRef, type ReactNode } from 'react';
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

function PanelHost({ spec, onReady }: { spec: PanelSpec; onReady: (id: string) => void }) {
  const c = useCockpit();
  const kind = panelRegistry.get(spec.kind)!;
  const ready = useCallback(() => onReady(spec.id), [onReady, spec.id]);
  const [col, row, w, h] = spec.at;
  const Comp = kind.component;
  return (
    <section
      className={`panel panel-${spec.kind}`}
      data-panel={spec.id}
      data-panel-kind={spec.kind}
      style={{ gridColumn: `${col + 1} / span ${w}`, gridRow: `${row + 1} / span ${h}` }}
      aria-labelledby={`pt-${spec.id}`}
    >
      <h2 className="panel-title" id={`pt-${spec.id}`}>{spec.title[c.lang]}</h2>
      <div className="panel-body">
        <PanelBoundary onError={ready} label={c.t('renderError')}>
          <Comp spec={spec} options={spec.options} onReady={ready} />
        </PanelBoundary>
      </div>
    </section>
  );
}

export function PageView({ page }: { page: PageSpec }) {
  // Mounted with a key per page × city × language: a fresh mount starts not ready.
  const done = useRef<Set<string> | null>(null);
  if (done.current === null) {
    done.current = new Set();
    document.documentElement.dataset.ready = 'false';
  }
  const ids = useMemo(() => page.panels.map((p) => p.id), [page]);
  const onReady = useCallback(
    (id: string) => {
      done.current!.add(id);
      if (ids.every((i) => done.current!.has(i))) {
        performance.mark('cockpit:panels-drawn');
        const mark = () => {
          if (ids.every((i) => done.current!.has(i))) {
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
    <main className="page-grid" data-page={page.id} style={{ gridTemplateColumns: `repeat(${page.grid.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${page.grid.rows}, minmax(0, 1fr))` }}>
      {page.panels.map((p) => <PanelHost key={p.id} spec={p} onReady={onReady} />)}
    </main>
  );
}
