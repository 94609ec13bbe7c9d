import type { ReactNode } from 'react';
import type { Figure, FigureIndex } from '../../src-core/figures';
import { formatDate, formatValue } from '../../src-core/format';
import type { Indicator } from '../../src-core/model';
import { indicatorName, useCockpit, type Cockpit, type Loaded } from '../app/context';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Loading / error states shared by panels. Errors still count as "drawn" for readiness. */
export function LoadState({ state, children }: { state: Loaded<FigureIndex>; children: (idx: FigureIndex) => ReactNode }) {
  const { t } = useCockpit();
  if (state.state === 'loading') return <div className="panel-msg">{t('loading')}</div>;
  if (state.state === 'error') return <div className="panel-msg panel-error">{state.error.message}</div>;
  return <>{children(state.value)}</>;
}

/** Names of indicators a city does not report, for the "未报告" line (never a zero). */
export function NotReported({ ids, idx, cityId }: { ids: string[]; idx: FigureIndex; cityId: string }) {
  const c = useCockpit();
  const missing = ids.filter((id) => !idx.latest(id, cityId)).map((id) => c.indicators.get(id)).filter((i): i is Indicator => !!i);
  if (!missing.length) return null;
  return (
    <p className="not-reported" data-testid="not-reported">
      {c.t('notReportedList')}
      {missing.map((i) => indicatorName(i, c.lang)).join(c.lang === 'zh-CN' ? '、' : ', ')}
    </p>
  );
}

/** Tooltip HTML for a chart element backed by a figure: value, as-of, source, trust marks. */
export function figureTooltip(c: Cockpit, fig: Figure, label?: string): string {
  const ind = c.indicators.get(fig.indicatorId)!;
  const o = fig.primary;
  const doc = o.docId ? c.docs.get(o.docId) : undefined;
  const value = o.flags.includes('garbled') || o.value === null ? c.t('garbled') : formatValue(ind, { value: o.value, qualifier: o.qualifier, qualifierZh: o.qualifierZh }, c.lang).text;
  const marks = [fig.conflict && `⚠ ${c.t('conflictLong')}`, o.flags.includes('derived') && c.t('derived'), o.flags.includes('simulated') && c.t('simulated'), o.flags.includes('date_inferred') && c.t('dateInferred')].filter(Boolean);
  return [
    `<b>${esc(label ?? indicatorName(ind, c.lang))}</b>`,
    `<span style="font-size:1.2em">${esc(value)}</span>`,
    `${esc(c.t('asOfDate'))}: ${esc(formatDate(o.asOf, c.lang))}`,
    doc ? `${esc(c.t('source'))}: 《${esc(doc.titleZh)}》 ${esc(doc.publisherZh)}` : '',
    marks.length ? `<span style="color:#ffb020">${esc(marks.join(' · '))}</span>` : '',
    `<i style="opacity:.7">${c.lang === 'zh-CN' ? '点击查看完整来源' : 'Click for full provenance'}</i>`,
  ].filter(Boolean).join('<br/>');
}
