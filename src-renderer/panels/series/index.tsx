/** An indicator over time for the city: points at their as-of dates (time axis), derived points marked. */
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatAxis, formatDate, formatValue } from '../../../src-core/format';
import { indicatorName, useCockpit, useFigures } from '../../app/context';
import { EChart, theme, tooltipBase } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, figureTooltip } from '../util';

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
      value: f.primary.value,
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
      // category axis of the actual as-of dates: points are few and irregular; every label is a real date
      xAxis: { type: 'category', boundaryGap: true, data: figs.map((f) => formatDate(f.asOf, c.lang)), axisLabel: { color: theme.muted, fontSize: fs * 0.9, interval: 0 }, axisLine: { lineStyle: { color: theme.grid } } },
      yAxis: { type: 'value', scale: true, axisLabel: { color: theme.muted, fontSize: fs * 0.9, formatter: (v: number) => formatAxis(v, ind.unit, c.lang) }, splitLine: { lineStyle: { color: theme.grid } } },
      series: [{ type: 'line', data: pts, cursor: 'pointer', lineStyle: { color: theme.accent, width: 2 }, areaStyle: { color: 'rgba(47,211,255,0.08)' } }],
    };
  }, [figs, c]);
  const onClick = useCallback((e: { dataIndex: number }) => c.showProvenance(figs[e.dataIndex]!), [c, figs]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={figs[0]!.indicatorId} />;
}

function AsOfSpread({ dates, counts, onReady }: { dates: string[]; counts: number[]; onReady: () => void }) {
  const c = useCockpit();
  const option = useMemo(() => {
    const fs = theme.fontSize();
    return {
      grid: { left: '4%', right: '4%', top: '12%', bottom: '4%', containLabel: true },
      xAxis: { type: 'category', data: dates.map((d) => formatDate(d, c.lang)), axisLabel: { color: theme.muted, fontSize: fs * 0.85, interval: 0, rotate: dates.length > 3 ? 30 : 0 }, axisLine: { lineStyle: { color: theme.grid } } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: theme.muted, fontSize: fs * 0.85 }, splitLine: { lineStyle: { color: theme.grid } } },
      series: [{ type: 'bar', data: counts, barMaxWidth: fs * 2.5, itemStyle: { color: theme.accent2 }, label: { show: true, position: 'top', color: theme.text, fontSize: fs } }],
    };
  }, [dates, counts, c.lang]);
  return <EChart option={option} onReady={onReady} ariaLabel="as-of spread" />;
}

export default definePanel<Options>({
  kind: 'series',
  options: Options,
  component: function SeriesPanel({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], county: false });
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
          // No multi-date indicator: show how the city's figures spread over as-of dates instead, so the
          // age of the data is visible at a glance.
          const byDate = new Map<string, number>();
          for (const o of idx.observations) if (!o.flags.includes('simulated')) byDate.set(o.asOf, (byDate.get(o.asOf) ?? 0) + 1);
          const dates = [...byDate.keys()].sort();
          return (
            <div className="panel-stack">
              <p className="series-title">{c.t('seriesSingle')}{c.t('asOfSpread')}</p>
              <AsOfSpread dates={dates} counts={dates.map((d) => byDate.get(d)!)} onReady={onReady} />
            </div>
          );
        }}
      </LoadState>
    );
  },
});
