/**
 * A status flow (e.g. systems surveyed → zombie systems rectified → problem systems rectified →
 * decommissioned → on the government cloud): each stage with its figure, the bureau's configured
 * target and a red/amber/green status. Targets come from configuration and are labelled as such.
 */
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatDate, formatValue } from '../../../src-core/format';
import { targetOf } from '../../../src-core/thresholds';
import { figureRag, indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue, FlagBadges } from '../../app/FigureValue';
import { definePanel } from '../types';
import { LoadState } from '../util';

const Options = z.object({
  stages: z.array(z.string().min(1)).min(2),
});
type Options = z.infer<typeof Options>;

export default definePanel<Options>({
  kind: 'status-flow',
  options: Options,
  component: function StatusFlow({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: options.stages, county: false, latest: 1 }, onReady);
    return (
      <LoadState state={state}>
        {(idx) => (
          <div className="flow">
            <ol className="flow-stages">
              {options.stages.map((id) => {
                const ind = c.indicators.get(id);
                if (!ind) return null;
                const fig: Figure | undefined = idx.latest(id, c.city.id);
                const rag = fig ? figureRag(c, fig) : null;
                const target = targetOf(c.thresholds, ind);
                const pct = fig && target && fig.primary.value !== null ? Math.min(100, (fig.primary.value / target) * 100) : null;
                return (
                  <li key={id} className={`flow-stage ${fig ? '' : 'flow-missing'} ${rag ? `rag-${rag}` : ''}`} data-indicator={id} data-rag={rag ?? undefined}>
                    <div className="flow-name">{rag && <span className={`rag-dot rag-dot-${rag}`} />}{indicatorName(ind, c.lang)}</div>
                    {fig ? <FigureValue fig={fig} className="flow-value" badges={false} /> : <div className="flow-value muted">{c.t('notReported')}</div>}
                    {fig && <div className="kpi-meta">{c.t('asOfShort')} {formatDate(fig.asOf, c.lang)}<FlagBadges fig={fig} /></div>}
                    {target !== undefined && (
                      <div className="flow-target">
                        <div className="flow-bar"><span style={{ width: `${pct ?? 0}%` }} /></div>
                        <span className="muted">{c.t('target')} {formatValue(ind, { value: target }, c.lang).text}{c.t('configured')}</span>
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </LoadState>
    );
  },
});
