/** Trust notices for the city: conflicting, garbled, suspect and derived figures, each opening its provenance. */
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { definePanel } from '../types';
import { LoadState } from '../util';

const Options = z.object({ max: z.number().int().min(1).max(50).default(8) });
type Options = z.infer<typeof Options>;

const ORDER = ['garbled', 'conflict', 'suspect', 'derived', 'simulated'] as const;

export default definePanel<Options>({
  kind: 'notices',
  options: Options,
  component: function NoticesPanel({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], county: false }, onReady);
    return (
      <LoadState state={state}>
        {(idx) => {
          const seen = new Set<string>();
          const items: { fig: Figure; kind: (typeof ORDER)[number] }[] = [];
          for (const kind of ORDER) {
            for (const o of idx.observations) {
              if (!o.flags.includes(kind)) continue;
              const fig = idx.seriesFor(o.indicatorId, o.cityId, o.countyAdcode).find((f) => f.asOf === o.asOf);
              const key = `${o.indicatorId}|${o.asOf}`;
              if (!fig || seen.has(key)) continue;
              seen.add(key);
              items.push({ fig, kind });
            }
          }
          const count = (pred: (o: (typeof idx.observations)[number]) => boolean) => idx.observations.filter(pred).length;
          const summary = [
            [c.t('figures'), idx.observations.length, ''],
            [c.t('conflict'), count((o) => o.flags.includes('conflict')), 'conflict'],
            [c.t('garbledShort'), count((o) => o.flags.includes('garbled')), 'garbled'],
            [c.t('derived'), count((o) => o.flags.includes('derived')), 'derived'],
            [c.t('dateInferred'), count((o) => o.flags.includes('date_inferred')), 'date_inferred'],
            [c.t('approx'), count((o) => o.qualifier !== 'exact'), 'approx'],
          ] as const;
          const head = (
            <dl className="trust-summary">
              {summary.map(([k, n, cls]) => (
                <div key={k} className={`trust-cell ${n && cls ? `trust-${cls}` : ''}`}><dt>{k}</dt><dd>{n}</dd></div>
              ))}
            </dl>
          );
          if (!items.length) return <>{head}<div className="panel-msg">{c.t('noticesNone')}</div></>;
          const label = { garbled: c.t('garbledShort'), conflict: c.t('conflict'), suspect: c.t('suspect'), derived: c.t('derived'), simulated: c.t('simulated') };
          return (
            <>{head}<ul className="notice-list">
              {items.slice(0, options.max).map(({ fig, kind }) => (
                <li key={`${fig.indicatorId}|${fig.asOf}`} className={`notice notice-${kind}`}>
                  <span className={`badge badge-${kind}`}>{label[kind]}</span>
                  <span className="notice-name">{indicatorName(c.indicators.get(fig.indicatorId)!, c.lang)}</span>
                  <FigureValue fig={fig} badges={false} />
                </li>
              ))}
            </ul></>
          );
        }}
      </LoadState>
    );
  },
});
