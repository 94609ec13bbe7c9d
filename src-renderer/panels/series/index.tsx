/** An indicator over time for the city: points at their as-of dates (time axis), derived points marked. */
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatAxis, formatDate, formatValue } from '../../../src-core/format';
import { indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { EChart, theme, tooltipBase } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, figureTooltip } from '../util';
import { EmptyReady } from '../bar';

const Options = z.object({
  /** candidates in priority order: the first with at least two dates for the city is drawn */
  indicators: z.array(z.string().min(1)).min(1),
});
type Options = z.infer<typeof Options>;

function SeriesChart({ figs, onReady }: { figs: Figure[]; onReady: () => void }) {
  const c = useCockpit();
  const option = useMemo(() => {
    const ind = c.indicators.get(figs[0]!.indicatorId)!;
    const fs = theme.fontSize();
    const pts = figs.map((f) => ({
      value: [f.asOf, f.primary.value],
      symbolSize: fs * 0.9,
      itemStyle: { color: f.conflict ? theme.warn : f.primary.flags.includes('derived') ? 'transparent' : theme.accent, borderColor: f.primary.flags.includes('derived') ? theme.accent : undefined, borderWidth: 2 },
      label: {
        show: true, position: 'top', color: theme.text, fontSize: fs,
        formatter: () => formatValue(ind, { value: f.primary.value!, qualifier: f.primary.qualifier, qualifierZh: f.primary.qualifierZh }, c.lang).text
          + (f.primary.flags.includes('derived') ? `（${c.t('derived')}）` : '') + (f.conflict ? ' ⚠' : ''),
      },
    }));
    return {
      grid: { left: '4%', right: '8%', top: '18%', bottom: '4%', containLabel: true },
      tooltip: { ...tooltipBase(), formatter: (p: { dataIndex: number }) => figureTooltip(c, figs[p.dataIndex]!) },
      xAxis: { type: 'time', axisLabel: { color: theme.muted, fontSize: fs * 0.9, formatter: (v: number) => formatDate(new Date(v).toISOString().slice(0, 10), c.lang, 'short') }, splitLine: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
      yAxis: { type: 'value', scale: true, axisLabel: { color: theme.muted, fontSize: fs * 0.9, formatter: (v: number) => formatAxis(v, ind.unit, c.lang) }, splitLine: { lineStyle: { color: theme.grid } } },
      series: [{ type: 'line', data: pts, cursor: 'pointer', lineStyle: { color: theme.accent, width: 2 }, areaStyle: { color: 'rgba(47,211,255,0.08)' } }],
    };
  }, [figs, c]);
  const onClick = useCallback((e: { dataIndex: number }) => c.showProvenance(figs[e.dataIndex]!), [c, figs]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={figs[0]!.indicatorId} />;
}

export default definePanel<Options>({
  kind: 'series',
  options: Options,
  component: function SeriesPanel({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: options.indicators, county: false });
    return (
      <LoadState state={state}>
        {(idx) => {
          const id = options.indicators.find((i) => idx.seriesFor(i, c.city.id).length >= 2);
          if (id) {
            const figs = idx.seriesFor(id, c.city.id).filter((f) => f.primary.value !== null && !f.primary.flags.includes('garbled'));
            return (
              <div className="panel-stack">
                <p className="series-title">{indicatorName(c.indicators.get(id)!, c.lang)}</p>
                <SeriesChart figs={figs} onReady={onReady} />
              </div>
            );
          }
          const singles = options.indicators.map((i) => idx.latest(i, c.city.id)).filter((f): f is Figure => !!f).slice(0, 4);
          return (
            <div className="panel-stack">
              <EmptyReady onReady={onReady} text={c.t('seriesSingle')} />
              <ul className="single-list">
                {singles.map((f) => (
                  <li key={f.indicatorId}>
                    <span>{indicatorName(c.indicators.get(f.indicatorId)!, c.lang)}</span>
                    <FigureValue fig={f} badges={false} />
                    <span className="muted">{formatDate(f.asOf, c.lang)}</span>
                  </li>
                ))}
              </ul>
            </div>
          );
        }}
      </LoadState>
    );
  },
});
