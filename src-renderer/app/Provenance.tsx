/** Provenance view: where a figure came from, for every observation behind it and every side of a conflict. */
import { useEffect, useRef, useState } from 'react';
import type { Figure } from '../../src-core/figures';
import { displayValue, formatDate } from '../../src-core/format';
import type { Observation } from '../../src-core/model';
import { cityName, indicatorName, useCockpit } from './context';
import type { StringKey } from '../i18n';

function Quote({ text }: { text: string }) {
  // Emphasise the digits so the reader finds the number inside the quote.
  const parts = text.split(/([0-9][0-9.,%]*(?:[万亿])?)/);
  return <q className="prov-quote">{parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p))}</q>;
}

function ObservationCard({ o, compact }: { o: Observation; compact?: boolean }) {
  const c = useCockpit();
  const ind = c.indicators.get(o.indicatorId);
  const doc = o.docId ? c.docs.get(o.docId) : undefined;
  if (!ind) return null;
  const d = displayValue(ind, o, c.lang);
  const rows: [string, React.ReactNode][] = [];
  rows.push([c.t('source'), doc ? <>《{doc.titleZh}》{doc.titleDescriptive && <span className="muted"> (descriptive title)</span>}</> : c.t('bundled')]);
  if (doc) {
    rows.push([c.t('publisher'), doc.publisherZh]);
    rows.push([c.t('published'), <>{formatDate(doc.published, c.lang)}{doc.publishedInferred && <span className="warn">{c.t('publishedInferred')}</span>}</>]);
  }
  rows.push([c.t('asOfDate'), <>{formatDate(o.asOf, c.lang)} <span className="muted">({c.t(`basis_${o.asOfBasis}` as StringKey)})</span></>]);
  rows.push([c.t('qualifier'), <>{o.qualifierZh ? `“${o.qualifierZh}” ` : ''}{c.t(o.qualifier)}</>]);
  if (!compact || o.quoteZh) rows.push([c.t('quote'), <Quote text={o.quoteZh} />]);
  if (!compact && o.notes) rows.push([c.t('notes'), o.notes]);
  if (!compact) rows.push([c.t('dataSource'), o.source === 'bundled' ? c.t('bundled') : o.source]);
  if (!compact) rows.push([c.t('obsId'), <code>{o.id}</code>]);
  return (
    <div className={`prov-card ${o.flags.includes('garbled') ? 'prov-garbled' : ''}`}>
      <div className="prov-value">
        {d.kind === 'number' ? d.f.text : c.t('garbled')}
        {o.flags.map((f) => (
          <span key={f} className={`badge badge-${f}`}>{c.t(({ conflict: 'conflict', garbled: 'garbledShort', simulated: 'simulated', derived: 'derived', suspect: 'suspect', date_inferred: 'dateInferred', round: 'round' } as const)[f])}</span>
        ))}
      </div>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="prov-row"><dt>{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
    </div>
  );
}

export function ProvenanceDialog({ fig, onClose }: { fig: Figure; onClose: () => void }) {
  const c = useCockpit();
  const ind = c.indicators.get(fig.indicatorId)!;
  const [conflicts, setConflicts] = useState<Observation[]>([]);
  const closeRef = useRef<HTMLButtonElement>(null);
  const group = fig.observations.find((o) => o.conflictGroup)?.conflictGroup;
  useEffect(() => {
    closeRef.current?.focus();
    if (group) c.data.conflictGroup(group).then(setConflicts, () => setConflicts([]));
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [group, c.data, onClose]);
  const shownIds = new Set(fig.observations.map((o) => o.id));
  const others = conflicts.filter((o) => !shownIds.has(o.id));
  const city = c.cities.get(fig.cityId);
  return (
    <div className="prov-backdrop" onClick={onClose}>
      <div className="prov-dialog" role="dialog" aria-modal="true" aria-labelledby="prov-title" data-testid="provenance" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="prov-title">{c.t('provenance')} · {indicatorName(ind, c.lang)}{city ? ` · ${cityName(city, c.lang)}` : ''}</h2>
          <button ref={closeRef} className="btn" onClick={onClose} aria-label={c.t('close')}>✕</button>
        </header>
        <p className="prov-def"><b>{c.t('definition')}</b> {c.lang === 'zh-CN' ? ind.definitionZh : ind.definitionEn}</p>
        {fig.conflict && <p className="prov-alert">⚠ {c.t('conflictLong')}</p>}
        {fig.observations.length > 1 && <h3>{c.t('allSources')}</h3>}
        {fig.observations.map((o) => <ObservationCard key={o.id} o={o} />)}
        {others.length > 0 && (
          <>
            <h3>{c.t('conflictMembers')}</h3>
            {others.map((o) => <ObservationCard key={o.id} o={o} />)}
          </>
        )}
      </div>
    </div>
  );
}

export function ProvenanceHover({ fig, anchor }: { fig: Figure; anchor: DOMRect }) {
  const c = useCockpit();
  const ind = c.indicators.get(fig.indicatorId);
  if (!ind) return null;
  const width = Math.min(window.innerWidth * 0.3, 520);
  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8));
  const below = anchor.bottom + 8;
  const style = below > window.innerHeight * 0.6 ? { left, bottom: window.innerHeight - anchor.top + 8, width } : { left, top: below, width };
  return (
    <div className="prov-hover" style={style} role="tooltip" data-testid="provenance-hover">
      <div className="prov-hover-title">{indicatorName(ind, c.lang)}</div>
      <ObservationCard o={fig.primary} compact />
      {fig.conflict && <p className="prov-alert">⚠ {c.t('conflictLong')}</p>}
    </div>
  );
}
