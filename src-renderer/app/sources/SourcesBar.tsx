/**
 * The header's data-source line: for every remote source its freshness (last successful fetch, or a
 * stale badge that says why, in words a duty officer understands), imported files, and the actions
 * refresh now / settings / import.
 */
import { useEffect, useState } from 'react';
import type { Lang } from '../../../src-core/contract';
import { freshness, type Freshness } from '../../../src-core/feed/status';
import type { FeedsState, SourceState } from '../../data/feeds';
import { sourcesStrings } from './strings';
import './sources.css';

export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function sourceLabel(s: SourceState): string {
  if (s.configuredName) return s.configuredName;
  if (s.name) return s.name;
  try {
    const u = new URL(s.url);
    return `${u.host}${u.pathname}`;
  } catch {
    return s.url;
  }
}

export function sourceFreshness(s: SourceState, state: FeedsState, now: number, lang: Lang): Freshness {
  return freshness(s, now, state.options.maxAgeMinutes * 60_000, lang);
}

export function SourcesBar({ state, lang, refreshing, onRefresh, onSettings, onImport }: {
  state: FeedsState | null;
  lang: Lang;
  refreshing: boolean;
  onRefresh: () => void;
  onSettings: () => void;
  onImport: () => void;
}) {
  const t = sourcesStrings[lang];
  const now = useNow(5000);
  const sources = state?.sources ?? [];
  const imports = state?.imports ?? [];
  const shown = sources.slice(0, 2);
  const rest = sources.slice(2);
  const restWorst = rest.map((s) => sourceFreshness(s, state!, now, lang)).find((f) => f.level === 'stale');
  return (
    <div className="feed-bar" data-testid="feed-status" aria-label={t.sources}>
      {sources.length === 0 && imports.length === 0 && <span className="feed-pill feed-ok-muted">{t.bundledOnly}</span>}
      {shown.map((s) => {
        const f = sourceFreshness(s, state!, now, lang);
        const label = sourceLabel(s);
        return (
          <span
            key={s.url}
            className={`feed-pill feed-${f.level}`}
            data-testid={f.level === 'stale' ? 'stale-badge' : 'source-pill'}
            data-source={s.url}
            data-level={f.level}
            data-reason={f.reason ?? ''}
            data-observations={s.observations}
            data-fetch-ms={s.fetchMs ?? ''}
            data-apply-ms={s.applyMs ?? ''}
            data-last-success={s.lastSuccessAt ?? ''}
            title={`${label} — ${s.url}\n${f.text}${s.error ? `\n${s.error.message}` : ''}`}
            role={f.level === 'stale' ? 'alert' : undefined}
          >
            <span className="feed-dot" aria-hidden="true" />
            {f.level === 'stale' ? <>⚠ {sources.length > 1 ? `${label}：` : ''}{f.text}</> : <>{label} · {f.text}</>}
          </span>
        );
      })}
      {rest.length > 0 && (
        <span className={`feed-pill feed-${restWorst ? 'stale' : 'ok'}`} data-testid={restWorst ? 'stale-badge' : 'source-pill'} title={rest.map(sourceLabel).join('\n')}>
          +{rest.length} {t.sourceCount}{restWorst ? ` ⚠ ${restWorst.text}` : ''}
        </span>
      )}
      {imports.length > 0 && (
        <span className="feed-pill feed-import" data-testid="import-pill" title={imports.map((i) => i.file).join('\n')}>
          {t.imported} {imports.length === 1 ? imports[0]!.file : `${imports.length}`}
        </span>
      )}
      {state?.configError && <span className="feed-pill feed-stale" data-testid="config-error" role="alert" title={state.configError}>⚠ {t.configError}{state.configError}</span>}
      <span className="feed-actions">
        {sources.length > 0 && (
          <button className="feed-btn" data-testid="refresh-now" onClick={onRefresh} disabled={refreshing} title={t.refreshNow} aria-label={t.refreshNow}>
            <span className={refreshing ? 'feed-spin' : ''} aria-hidden="true">⟳</span>
          </button>
        )}
        <button className="feed-btn" data-testid="sources-open" onClick={onSettings} title={t.settings} aria-label={t.settings}>⚙</button>
        <button className="feed-btn" data-testid="import-open" onClick={onImport} title={t.import} aria-label={t.import}>⇪</button>
      </span>
    </div>
  );
}
