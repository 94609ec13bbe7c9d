/**
 * One indicator across all cities. The cities' figures come from different years, so every bar is
 * labelled with its own as-of date and the panel says plainly that they are not simultaneous.
 */
import { useCallback, useMemo, useState } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatAxis, formatDate, formatValue } from '../../../src-core/format';
import { cityName, indicatorName, useCockpit, useFigures } from '../../app/context';
import { EChart, theme, tooltipBase } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, figureTooltip } from '../util';
import { EmptyReady } from '../bar';

const Options = z.object({
  /** comparable indicators; the first is shown first, the others are one click away */
  indicators: z.array(z.string().min(1)).min(1),
});
type Options = z.infer<typeof Options>;

function CompareChart({ figs, onReady }: { figs: Figure[]; onReady: () => void }) {
  const c = useCockpit();
  const option = useMemo(() => {
    const ind = c.indicators.get(figs[0]!.indicatorId)!;
    const fs = theme.fontSize();
    return {
      grid: { left: '3%', right: '3%', top: '16%', bottom: '3%', containLabel: true },
      tooltip: { ...tooltipBase(), formatter: (p: { dataIndex: number }) => figureTooltip(c, figs[p.dataIndex]!, cityName(c.cities.get(figs[p.dataIndex]!.cityId)!, c.lang)) },
      xAxis: {
        type: 'category',
        data: figs.map((f) => `${cityName(c.cities.get(f.cityId)!, c.lang)}\n${c.t('asOfShort')} ${formatDate(f.asOf, c.lang, 'short')}`),
        axisLabel: { color: theme.text, fontSize: fs, lineHeight: fs * 1.4, interval: 0 },
        axisLine: { lineStyle: { color: theme.grid } },
      },
      yAxis: { type: 'value', axisLabel: { color: theme.muted, fontSize: fs * 0.9, formatter: (v: number) => formatAxis(v, ind.unit, c.lang) }, splitLine: { lineStyle: { color: theme.grid } } },
      series: [{
        type: 'bar', barMaxWidth: fs * 3, cursor: 'pointer',
        data: figs.map((f) => ({
          value: f.primary.value,
          itemStyle: {
            color: f.conflict ? theme.warn : f.cityId === c.city.id
              ? { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: theme.accent }, { offset: 1, color: 'rgba(47,211,255,0.2)' }] }
              : { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: theme.accent2 }, { offset: 1, color: 'rgba(59,123,255,0.15)' }] },
            borderRadius: [3, 3, 0, 0],
          },
        })),
        label: {
          show: true, position: 'top', color: theme.text, fontSize: fs,
          formatter: (p: { dataIndex: number }) => {
            const f = figs[p.dataIndex]!;
            return formatValue(ind, { value: f.primary.value!, qualifier: f.primary.qualifier, qualifierZh: f.primary.qualifierZh }, c.lang).text + (f.conflict ? ' ⚠' : '');
          },
        },
      }],
    };
  }, [figs, c]);
  const onClick = useCallback((e: { dataIndex: number }) => c.showProvenance(figs[e.dataIndex]!), [c, figs]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={figs[0]!.indicatorId} />;
}

export default definePanel<Options>({
  kind: 'compare',
  options: Options,
  component: function ComparePanel({ options, onReady }) {
    const c = useCockpit();
    const [sel, setSel] = useState(0);
    const id = options.indicators[Math.min(sel, options.indicators.length - 1)]!;
    const state = useFigures({ indicatorIds: options.indicators, county: false, latest: 1 });
    return (
      <LoadState state={state}>
        {(idx) => {
          const figs = c.catalog.cities.map((city) => idx.latest(id, city.id)).filter((f): f is Figure => !!f && f.primary.value !== null && !f.primary.flags.includes('garbled'));
          const missing = c.catalog.cities.filter((city) => !idx.latest(id, city.id));
          return (
            <div className="panel-stack">
              {options.indicators.length > 1 && (
                <div className="tabs" role="tablist">
                  {options.indicators.map((iid, i) => {
                    const ind = c.indicators.get(iid);
                    return ind ? (
                      <button key={iid} role="tab" aria-selected={iid === id} className={`tab ${iid === id ? 'on' : ''}`} onClick={() => setSel(i)}>
                        {indicatorName(ind, c.lang)}
                      </button>
                    ) : null;
                  })}
                </div>
              )}
              <p className="compare-note">{c.lang === 'zh-CN' ? '各市数据时点不同（见柱下日期），并非同期数据' : 'Each bar has its own as-of date (below it); the figures are not simultaneous'}</p>
              {figs.length ? <CompareChart figs={figs} onReady={onReady} /> : <EmptyReady onReady={onReady} text={c.t('noFigures')} />}
              {missing.length > 0 && (
                <p className="not-reported">{c.t('notReportedList')}{missing.map((m) => cityName(m, c.lang)).join(c.lang === 'zh-CN' ? '、' : ', ')}</p>
              )}
            </div>
          );
        }}
      </LoadState>
    );
  },
});
