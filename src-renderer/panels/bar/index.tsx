/** Latest value of several indicators of one city, as bars (e.g. what the aggregated data is made of). */
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatAxis, formatValue } from '../../../src-core/format';
import { RAG_COLOURS, figureRag, indicatorName, useCockpit, useFigures } from '../../app/context';
import { EChart, theme, tooltipBase } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, NotReported, figureTooltip } from '../util';

const Options = z.object({
  indicators: z.array(z.string().min(1)).min(1),
  sort: z.enum(['value', 'config']).default('value'),
  /** list the indicators this city does not report under the chart */
  showMissing: z.boolean().default(true),
});
type Options = z.infer<typeof Options>;

function BarChartOf({ figs, onReady }: { figs: Figure[]; onReady: () => void }) {
  const c = useCockpit();
  const option = useMemo(() => {
    const unit = c.indicators.get(figs[0]!.indicatorId)!.unit;
    const fs = theme.fontSize();
    return {
      grid: { left: '2%', right: '22%', top: '4%', bottom: '4%', containLabel: true },
      tooltip: { ...tooltipBase(), formatter: (p: { dataIndex: number }) => figureTooltip(c, figs[p.dataIndex]!) },
      xAxis: { type: 'value', axisLabel: { color: theme.muted, fontSize: fs * 0.9, formatter: (v: number) => formatAxis(v, unit, c.lang) }, splitLine: { lineStyle: { color: theme.grid } } },
      yAxis: {
        type: 'category', inverse: true,
        data: figs.map((f) => indicatorName(c.indicators.get(f.indicatorId)!, c.lang)),
        axisLabel: { color: theme.text, fontSize: fs, width: fs * 9, overflow: 'truncate', interval: 0 },
        axisLine: { lineStyle: { color: theme.grid } },
      },
      series: [{
        type: 'bar', barMaxWidth: fs * 1.4, cursor: 'pointer',
        data: figs.map((f) => ({
          value: f.primary.value,
          itemStyle: {
            color: f.conflict ? theme.warn : figureRag(c, f) ? RAG_COLOURS[figureRag(c, f)!] : f.primary.flags.includes('simulated') ? theme.sim : f.primary.flags.includes('derived') ? theme.accent2
              : { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops: [{ offset: 0, color: 'rgba(47,211,255,0.25)' }, { offset: 1, color: theme.accent }] },
            borderRadius: [0, 3, 3, 0],
          },
        })),
        label: {
          show: true, position: 'right', color: theme.text, fontSize: fs,
          formatter: (p: { dataIndex: number }) => {
            const f = figs[p.dataIndex]!;
            const ind = c.indicators.get(f.indicatorId)!;
            return formatValue(ind, { value: f.primary.value!, qualifier: f.primary.qualifier, qualifierZh: f.primary.qualifierZh }, c.lang).text + (f.conflict ? ' ⚠' : '');
          },
        },
      }],
    };
  }, [figs, c]);
  const onClick = useCallback((e: { dataIndex: number }) => c.showProvenance(figs[e.dataIndex]!), [c, figs]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={figs.map((f) => f.indicatorId).join(',')} />;
}

export default definePanel<Options>({
  kind: 'bar',
  options: Options,
  component: function BarPanel({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: options.indicators, county: false, latest: 1 });
    return (
      <LoadState state={state}>
        {(idx) => {
          let figs = options.indicators.map((id) => idx.latest(id, c.city.id)).filter((f): f is Figure => !!f && f.primary.value !== null && !f.primary.flags.includes('garbled'));
          if (options.sort === 'value') figs = [...figs].sort((a, b) => b.primary.value! - a.primary.value!);
          return (
            <div className="panel-stack">
              {figs.length ? <BarChartOf figs={figs} onReady={onReady} /> : <EmptyReady onReady={onReady} text={c.t('noFigures')} />}
              {options.showMissing && <NotReported ids={options.indicators} idx={idx} cityId={c.city.id} />}
            </div>
          );
        }}
      </LoadState>
    );
  },
});

export function EmptyReady({ onReady, text }: { onReady: () => void; text: string }) {
  useMemo(() => queueMicrotask(onReady), [onReady]);
  return <div className="panel-msg">{text}</div>;
}
