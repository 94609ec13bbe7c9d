/**
 * Part of a whole, pair by pair (e.g. City-Brain allocation vs the whole government cloud). Both stated
 * figures open their provenance; the share is computed here and labelled 推算 (derived).
 */
import { z } from 'zod';
import { figureTooltipText } from './text';
import { indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { definePanel } from '../types';
import { LoadState } from '../util';

const Options = z.object({
  pairs: z.array(z.object({ part: z.string().min(1), whole: z.string().min(1) })).min(1),
});
type Options = z.infer<typeof Options>;

export default definePanel<Options>({
  kind: 'pairs',
  options: Options,
  component: function PairsPanel({ options, onReady }) {
    const c = useCockpit();
    const ids = options.pairs.flatMap((p) => [p.part, p.whole]);
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: ids, county: false, latest: 1 }, onReady);
    return (
      <LoadState state={state}>
        {(idx) => {
          const rows = options.pairs.map((p) => ({ p, part: idx.latest(p.part, c.city.id), whole: idx.latest(p.whole, c.city.id) })).filter((r) => r.part || r.whole);
          if (!rows.length) return <div className="panel-msg">{c.t('noFigures')}</div>;
          return (
            <ul className="pairs">
              {rows.map(({ p, part, whole }) => {
                const share = part && whole && part.primary.value !== null && whole.primary.value ? part.primary.value / whole.primary.value : null;
                return (
                  <li key={p.part} className="pair">
                    <div className="pair-head">
                      <span>{indicatorName(c.indicators.get(p.part)!, c.lang)}</span>
                      <span className="muted"> / {indicatorName(c.indicators.get(p.whole)!, c.lang)}</span>
                    </div>
                    <div className="pair-values">
                      {part ? <FigureValue fig={part} badges={false} /> : <span className="muted">{c.t('notReported')}</span>}
                      <span className="muted"> / </span>
                      {whole ? <FigureValue fig={whole} badges={false} /> : <span className="muted">{c.t('notReported')}</span>}
                      {share !== null && (
                        <span className={`derived-num pair-share ${share > 1 ? 'over' : ''}`} title={figureTooltipText(c.lang, share)}>
                          {(share * 100).toFixed(1)}% <span className="badge badge-derived">{c.t('derived')}</span>
                        </span>
                      )}
                    </div>
                    {share !== null && <div className="flow-bar"><span style={{ width: `${Math.min(100, share * 100)}%` }} className={share > 1 ? 'over' : ''} /></div>}
                  </li>
                );
              })}
            </ul>
          );
        }}
      </LoadState>
    );
  },
});
