/** Parts of a whole (e.g. catalogues by category): a donut plus a DOM legend whose figures open provenance. */
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { EChart, theme, tooltipBase } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, NotReported, figureTooltip } from '../util';
import { EmptyReady } from '../bar';

const Options = z.object({
  parts: z.array(z.string().min(1)).min(2),
  /** the stated total, shown in the centre when the city reports it */
  total: z.string().optional(),
  showMissing: z.boolean().default(false),
});
type Options = z.infer<typeof Options>;

const PALETTE = ['#2fd3ff', '#3b7bff', '#22d39a', '#b58cff', '#ffb020', '#ff7a45'];

function Donut({ figs, onReady }: { figs: Figure[]; onReady: () => void }) {
  const c = useCockpit();
  const option = useMemo(() => ({
    tooltip: { ...tooltipBase(), formatter: (p: { dataIndex: number }) => figureTooltip(c, figs[p.dataIndex]!) },
    series: [{
      type: 'pie', radius: ['55%', '80%'], center: ['50%', '50%'], avoidLabelOverlap: true, cursor: 'pointer',
      label: { show: false }, itemStyle: { borderColor: '#06152e', borderWidth: 3 },
      data: figs.map((f, i) => ({ value: f.primary.value, name: indicatorName(c.indicators.get(f.indicatorId)!, c.lang), itemStyle: { color: PALETTE[i % PALETTE.length] } })),
    }],
    textStyle: { color: theme.text },
  }), [figs, c]);
  const onClick = useCallback((e: { dataIndex: number }) => c.showProvenance(figs[e.dataIndex]!), [c, figs]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={figs.map((f) => f.indicatorId).join(',')} />;
}

export default definePanel<Options>({
  kind: 'donut',
  options: Options,
  component: function DonutPanel({ options, onReady }) {
    const c = useCockpit();
    const ids = options.total ? [...options.parts, options.total] : options.parts;
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: ids, county: false, latest: 1 });
    return (
      <LoadState state={state}>
        {(idx) => {
          const figs = options.parts.map((id) => idx.latest(id, c.city.id)).filter((f): f is Figure => !!f && f.primary.value !== null && !f.primary.flags.includes('garbled'));
          const total = options.total ? idx.latest(options.total, c.city.id) : undefined;
          if (figs.length < 2) return <div className="panel-stack"><EmptyReady onReady={onReady} text={c.t('noFigures')} /><NotReported ids={ids} idx={idx} cityId={c.city.id} /></div>;
          const sum = figs.reduce((a, f) => a + f.primary.value!, 0);
          return (
            <div className="donut">
              <div className="donut-chart">
                <Donut figs={figs} onReady={onReady} />
                {total && <div className="donut-total"><FigureValue fig={total} badges={false} /><div className="muted">{indicatorName(c.indicators.get(total.indicatorId)!, c.lang)}</div></div>}
              </div>
              <ul className="donut-legend">
                {figs.map((f, i) => (
                  <li key={f.indicatorId}>
                    <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
                    <span className="donut-name">{indicatorName(c.indicators.get(f.indicatorId)!, c.lang)}</span>
                    <FigureValue fig={f} badges={false} />
                    <span className="derived-num" title={c.t('derivedShareHint')}>{((f.primary.value! / sum) * 100).toFixed(1)}%</span>
                  </li>
                ))}
              </ul>
              {options.showMissing && <NotReported ids={ids} idx={idx} cityId={c.city.id} />}
            </div>
          );
        }}
      </LoadState>
    );
  },
});
