/** KPI cards: the city's headline figures, in priority order, each with qualifier, as-of and trust marks. */
import { z } from 'zod';
import { formatDate } from '../../../src-core/format';
import type { Figure } from '../../../src-core/figures';
import { figureRag, indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue, FlagBadges } from '../../app/FigureValue';
import { definePanel } from '../types';
import { LoadState } from '../util';

const Options = z.object({
  /** candidate indicators in priority order; each city shows the first `max` it reports */
  indicators: z.array(z.string().min(1)).min(1),
  max: z.number().int().min(1).max(24).default(10),
  columns: z.number().int().min(1).max(8).default(5),
});
type Options = z.infer<typeof Options>;

/** A conflict is shown as a conflict: the other value(s) stated for the same date, each with its own provenance. */
function ConflictLine({ fig }: { fig: Figure }) {
  const c = useCockpit();
  const others = fig.observations.filter((o) => o.id !== fig.primary.id && o.value !== fig.primary.value);
  return (
    <div className="kpi-meta kpi-conflict-line">
      ⚠ {c.t('conflict')}
      {others.length > 0 ? (
        <>：{c.t('otherValue')} {others.map((o) => <FigureValue key={o.id} fig={{ ...fig, primary: o, observations: [o] }} badges={false} />)}</>
      ) : (
        <>：{c.t('conflictOtherDate')}</>
      )}
    </div>
  );
}

export default definePanel<Options>({
  kind: 'kpi-grid',
  options: Options,
  component: function KpiGrid({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: options.indicators, county: false, latest: 8 }, onReady);
    return (
      <LoadState state={state}>
        {(idx) => {
          const figs = options.indicators.map((id) => idx.latest(id, c.city.id)).filter((f) => !!f).slice(0, options.max);
          if (!figs.length) return <div className="panel-msg">{c.t('noFigures')}</div>;
          return (
            <div className="kpi-grid" style={{ gridTemplateColumns: `repeat(${options.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${Math.ceil(options.max / options.columns)}, minmax(0, 1fr))` }}>
              {figs.map((fig) => {
                const ind = c.indicators.get(fig.indicatorId)!;
                const ch = idx.change(fig.indicatorId, c.city.id);
                const rag = figureRag(c, fig);
                return (
                  <div key={fig.indicatorId} className={`kpi-card ${fig.conflict ? 'kpi-conflict' : ''} ${rag ? `rag-${rag}` : ''}`} data-indicator={fig.indicatorId} data-rag={rag ?? undefined}>
                    <div className="kpi-name" title={c.lang === 'zh-CN' ? ind.definitionZh : ind.definitionEn}>
                      {rag && <span className={`rag-dot rag-dot-${rag}`} aria-label={rag} />}
                      {indicatorName(ind, c.lang)}
                    </div>
                    <FigureValue fig={fig} className="kpi-value" badges={false} />
                    <div className="kpi-meta">{c.t('asOfShort')} {formatDate(fig.asOf, c.lang)}<FlagBadges fig={fig} /></div>
                    {fig.conflict && <ConflictLine fig={fig} />}
                    {ch && ch.ratio !== null && (
                      <div className={`kpi-meta kpi-change ${ch.delta >= 0 ? 'up' : 'down'}`} title={`${c.t('changeVs')} ${formatDate(ch.from.asOf, c.lang)}`}>
                        {c.t('changeVs')} {formatDate(ch.from.asOf, c.lang, 'short')} {ch.delta === 0 ? (c.lang === 'zh-CN' ? '持平' : 'unchanged') : `${ch.delta > 0 ? '▲' : '▼'}${(Math.abs(ch.ratio) * 100).toFixed(1)}%`}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          );
        }}
      </LoadState>
    );
  },
});
