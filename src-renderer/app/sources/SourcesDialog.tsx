/** Data-source settings: every source with its state and history, sources added on this machine, polling options, imports. */
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../../src-core/contract';
import { normaliseSourceUrl, type FeedSourceEntry } from '../../../src-core/feed/config';
import { formatFetchTime } from '../../../src-core/feed/status';
import type { DataClient } from '../../data/client';
import type { FeedsState } from '../../data/feeds';
import { sourceFreshness, sourceLabel, useNow } from './SourcesBar';
import { sourcesStrings } from './strings';

export function SourcesDialog({ state, data, lang, allowedOrigins, onClose, onImport }: {
  state: FeedsState;
  data: DataClient;
  lang: Lang;
  /** origins the security policy lets the data worker fetch from */
  allowedOrigins: string[];
  onClose: () => void;
  onImport: () => void;
}) {
  const t = sourcesStrings[lang];
  const now = useNow(2000);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [poll, setPoll] = useState(String(state.options.pollSeconds));
  const [maxAge, setMaxAge] = useState(String(state.options.maxAgeMinutes));
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const fmt = (at: number | null) => (at === null ? t.never : formatFetchTime(at, now, lang));
  const save = (sources: FeedSourceEntry[]) => {
    const options: Record<string, number> = {};
    if (Number(poll) >= 2) options.pollSeconds = Number(poll);
    if (Number(maxAge) >= 1) options.maxAgeMinutes = Number(maxAge);
    data.saveFeedSettings({ sources, options }).catch((e: Error) => setProblem(e.message));
  };
  const add = () => {
    const u = normaliseSourceUrl(url.trim(), document.baseURI);
    if (!u) return setProblem(t.invalidUrl);
    const origin = new URL(u).origin;
    if (origin !== location.origin && !allowedOrigins.includes(origin)) return setProblem(t.blockedOrigin);
    setProblem(null);
    setUrl('');
    save([...state.settingsSources.filter((s) => s.url !== u), { url: u }]);
  };
  return (
    <div className="feed-backdrop" onClick={onClose}>
      <div className="feed-dialog" role="dialog" aria-modal="true" aria-labelledby="feed-title" data-testid="sources-dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="feed-title">{t.settings}</h2>
          <button ref={closeRef} className="feed-btn" onClick={onClose} aria-label={t.close}>✕</button>
        </header>
        <p className="muted">{t.precedence}</p>
        {!state.persistent && <p className="feed-warn">{t.notPersistent}</p>}
        {state.configError && <p className="feed-err">{t.configError}{state.configError}</p>}
        {state.sources.map((s) => {
          const f = sourceFreshness(s, state, now, lang);
          return (
            <div key={s.url} className="feed-source" data-source={s.url}>
              <div className="feed-row">
                <b>{sourceLabel(s)}</b> <span className="muted">({t[`from_${s.from}`]})</span>
                <span className={f.level === 'stale' ? 'feed-err' : f.level === 'notice' ? 'feed-warn' : 'feed-okt'}>{f.text}</span>
                <span style={{ marginLeft: 'auto' }} />
                <button className="feed-btn" onClick={() => void data.refreshFeeds(s.url)}>⟳ {t.refreshNow}</button>
                {s.from === 'settings' && <button className="feed-btn" onClick={() => save(state.settingsSources.filter((x) => x.url !== s.url))}>{t.remove}</button>}
              </div>
              <dl>
                <dt>URL</dt><dd><code>{s.url}</code></dd>
                <dt>{t.lastSuccess}</dt><dd>{fmt(s.lastSuccessAt)}</dd>
                <dt>{t.generatedAt}</dt><dd>{s.generatedAt ? formatFetchTime(Date.parse(s.generatedAt), now, lang) : t.never}</dd>
                <dt>{t.dataAsOf}</dt><dd>{s.asOf ?? '—'} · {s.observations} {t.records}{s.format ? ` · ${s.format}` : ''}</dd>
                {s.error && <><dt>{t.error}</dt><dd className="feed-err">{s.error.message} ({formatFetchTime(s.error.at, now, lang)})</dd></>}
                {s.notice && <><dt>!</dt><dd className="feed-warn">{s.notice.message}</dd></>}
                {s.nextAttemptAt && <><dt>{t.nextTry}</dt><dd>{formatFetchTime(s.nextAttemptAt, now, lang)}{s.failures ? ` (${s.failures}×)` : ''}</dd></>}
              </dl>
            </div>
          );
        })}
        <h3>{t.addSource}</h3>
        <div className="feed-row">
          <input type="url" value={url} placeholder={t.addSourceHint} onChange={(e) => setUrl(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} data-testid="source-url" />
          <button className="feed-btn" onClick={add} data-testid="source-add">{t.add}</button>
        </div>
        <div className="feed-row">
          <label>{t.pollSeconds} <input type="number" min={2} value={poll} onChange={(e) => setPoll(e.target.value)} /></label>
          <label>{t.maxAgeMinutes} <input type="number" min={1} value={maxAge} onChange={(e) => setMaxAge(e.target.value)} /></label>
          <button className="feed-btn" onClick={() => save(state.settingsSources)} data-testid="settings-save">{t.save}</button>
        </div>
        {problem && <p className="feed-err" role="alert">{problem}</p>}
        <h3>{t.imports}</h3>
        {state.imports.length === 0 && <p className="muted">{t.noImports}</p>}
        {state.imports.map((i) => (
          <div key={i.source} className="feed-row" data-import={i.file}>
            <b>{i.file}</b> <span className="muted">{i.observations} {t.records} · {formatFetchTime(i.importedAt, now, lang)}</span>
            <button className="feed-btn" onClick={() => void data.importRemove(i.source)} data-testid="import-remove">{t.remove}</button>
          </div>
        ))}
        <div className="feed-row"><button className="feed-btn" onClick={onImport}>{t.import}…</button></div>
      </div>
    </div>
  );
}
