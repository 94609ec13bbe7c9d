/**
 * Indicators for every city over the years (e.g. 开放数林 ranks): one line per city × indicator on the
 * real as-of dates. Ranks are drawn with 1 at the top.
 */
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatAxis, formatValue } from '../../../src-core/format';
import { cityName, indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { EChart, theme, tooltipBase } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, figureTooltip } from '../util';
import { EmptyReady } from '../bar';

const Options = z.object({ indicators: z.array(z.string().min(1)).min(1) });
type Options = z.infer<typeof Options>;

const CITY_COLOURS = ['#2fd3ff', '#22d39a', '#ffb020', '#b58cff', '#ff7a45', '#3b7bff'];

function Lines({ lines, years, onReady }: { lines: { key: string; name: string; colour: string; figs: Figure[]; dashed: boolean }[]; years: string[]; onReady: () => void }) {
  const c = useCockpit();
  const all = lines.flatMap((l) => l.figs);
  const ind = c.indicators.get(all[0]!.indicatorId)!;
  const option = useMemo(() => {
    const fs = theme.fontSize();
    return {
      grid: { left: '4%', right: '6%', top: '16%', bottom: '4%', containLabel: true },
      legend: { top: 0, textStyle: { color: theme.text, fontSize: fs * 0.9 }, itemWidth: fs, itemHeight: fs * 0.6 },
      tooltip: { ...tooltipBase(), formatter: (p: { seriesIndex: number; dataIndex: number }) => {
        const l = lines[p.seriesIndex]!;
        const f = l.figs.find((x) => x.asOf.slice(0, 4) === years[p.dataIndex]);
        return f ? figureTooltip(c, f, l.name) : '';
      } },
      xAxis: { type: 'category', data: years, axisLabel: { color: theme.muted, fontSize: fs * 0.9 }, axisLine: { lineStyle: { color: theme.grid } } },
      yAxis: { type: 'value', inverse: ind.unit === 'rank', min: ind.unit === 'rank' ? 1 : undefined, minInterval: 1, axisLabel: { color: theme.muted, fontSize: fs * 0.9, formatter: (v: number) => (ind.unit === 'rank' ? `${v}` : formatAxis(v, ind.unit, c.lang)) }, splitLine: { lineStyle: { color: theme.grid } } },
      series: lines.map((l) => ({
        type: 'line', name: l.name, connectNulls: true, symbolSize: fs * 0.8, cursor: 'pointer',
        lineStyle: { color: l.colour, type: l.dashed ? 'dashed' : 'solid' }, itemStyle: { color: l.colour },
        data: years.map((y) => l.figs.find((f) => f.asOf.slice(0, 4) === y)?.primary.value ?? null),
        label: { show: true, position: 'right', color: theme.text, fontSize: fs * 0.9, formatter: (p: { dataIndex: number }) => {
          const f = l.figs.find((x) => x.asOf.slice(0, 4) === years[p.dataIndex]);
          return f ? formatValue(c.indicators.get(f.indicatorId)!, { value: f.primary.value!, qualifier: f.primary.qualifier, qualifierZh: f.primary.qualifierZh }, c.lang).text : '';
        } },
      })),
    };
  }, [lines, years, c, ind]);
  const onClick = useCallback((e: { seriesIndex?: number; dataIndex: number }) => {
    const l = lines[e.seriesIndex ?? 0];
    const f = l?.figs.find((x) => x.asOf.slice(0, 4) === years[e.dataIndex]);
    if (f) c.showProvenance(f);
  }, [c, lines, years]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={all[0]!.indicatorId} />;
}

export default definePanel<Options>({
  kind: 'timeline',
  options: Options,
  component: function TimelinePanel({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ indicatorIds: options.indicators, county: false });
    return (
      <LoadState state={state}>
        {(idx) => {
          const lines = c.catalog.cities.flatMap((city, ci) => options.indicators.map((id, ii) => ({
            key: `${city.id}|${id}`,
            name: `${cityName(city, c.lang)}·${indicatorName(c.indicators.get(id)!, c.lang)}`,
            colour: CITY_COLOURS[ci % CITY_COLOURS.length]!,
            dashed: ii > 0,
            figs: idx.seriesFor(id, city.id).filter((f) => f.primary.value !== null && !f.primary.flags.includes('garbled')),
          }))).filter((l) => l.figs.length);
          if (!lines.length) return <EmptyReady onReady={onReady} text={c.t('noFigures')} />;
          const years = [...new Set(lines.flatMap((l) => l.figs.map((f) => f.asOf.slice(0, 4))))].sort();
          const mine = lines.filter((l) => l.key.startsWith(`${c.city.id}|`));
          return (
            <div className="panel-stack">
              <Lines lines={lines} years={years} onReady={onReady} />
              <ul className="timeline-mine">
                {mine.length ? mine.flatMap((l) => l.figs.map((f) => (
                  <li key={`${l.key}|${f.asOf}`}><span>{l.name} · {f.asOf.slice(0, 4)}</span><FigureValue fig={f} badges={false} /></li>
                ))) : <li className="muted">{cityName(c.city, c.lang)}: {c.t('notReported')}</li>}
              </ul>
            </div>
          );
        }}
      </LoadState>
    );
  },
});
