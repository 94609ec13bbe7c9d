/** Rates as ring gauges coloured red/amber/green by the configured thresholds; the value is DOM text (crisp, clickable). */
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import type { Figure } from '../../../src-core/figures';
import { formatDate } from '../../../src-core/format';
import { figureRag, indicatorName, RAG_COLOURS, useCockpit, useFigures } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { EChart, theme } from '../chart/EChart';
import { definePanel } from '../types';
import { LoadState, NotReported } from '../util';
import { EmptyReady } from '../bar';

const Options = z.object({
  indicators: z.array(z.string().min(1)).min(1),
  max: z.number().int().min(1).max(8).default(4),
  showMissing: z.boolean().default(true),
});
type Options = z.infer<typeof Options>;

function Rings({ figs, onReady }: { figs: Figure[]; onReady: () => void }) {
  const c = useCockpit();
  const option = useMemo(() => {
    const n = figs.length;
    return {
      series: figs.map((f, i) => {
        const rag = figureRag(c, f);
        const colour = f.conflict ? theme.warn : rag ? RAG_COLOURS[rag] : theme.accent;
        return {
          type: 'gauge', startAngle: 90, endAngle: -270, min: 0, max: 100,
          center: [`${((i + 0.5) / n) * 100}%`, '50%'], radius: `${Math.min(80, 170 / n)}%`,
          pointer: { show: false }, progress: { show: true, roundCap: true, width: 10, itemStyle: { color: colour, shadowBlur: 8, shadowColor: colour } },
          axisLine: { lineStyle: { width: 10, color: [[1, 'rgba(64,148,255,0.15)']] } },
          axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, title: { show: false }, detail: { show: false },
          data: [{ value: Math.min(100, f.primary.value ?? 0) }],
          cursor: 'pointer',
        };
      }),
    };
  }, [figs, c]);
  const onClick = useCallback((e: { seriesIndex?: number }) => e.seriesIndex !== undefined && c.showProvenance(figs[e.seriesIndex]!), [c, figs]);
  return <EChart option={option} onReady={onReady} onClick={onClick} ariaLabel={figs.map((f) => f.indicatorId).join(',')} />;
}

export default definePanel<Options>({
  kind: 'gauges',
  options: Options,
  component: function GaugesPanel({ options, onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], indicatorIds: options.indicators, county: false, latest: 1 });
    return (
      <LoadState state={state}>
        {(idx) => {
          const figs = options.indicators.map((id) => idx.latest(id, c.city.id)).filter((f): f is Figure => !!f && f.primary.value !== null && !f.primary.flags.includes('garbled')).slice(0, options.max);
          if (!figs.length) return <div className="panel-stack"><EmptyReady onReady={onReady} text={c.t('noFigures')} />{options.showMissing && <NotReported ids={options.indicators} idx={idx} cityId={c.city.id} />}</div>;
          return (
            <div className="panel-stack gauges">
              <div className="gauges-rings">
                <Rings figs={figs} onReady={onReady} />
                <div className="gauges-values" style={{ gridTemplateColumns: `repeat(${figs.length}, 1fr)` }}>
                  {figs.map((f) => <div key={f.indicatorId} className="gauge-value"><FigureValue fig={f} badges={false} /></div>)}
                </div>
              </div>
              <div className="gauges-labels" style={{ gridTemplateColumns: `repeat(${figs.length}, 1fr)` }}>
                {figs.map((f) => (
                  <div key={f.indicatorId} className="gauge-label" data-rag={figureRag(c, f) ?? undefined}>
                    <div>{indicatorName(c.indicators.get(f.indicatorId)!, c.lang)}</div>
                    <div className="muted">{c.t('asOfShort')} {formatDate(f.asOf, c.lang)}</div>
                  </div>
                ))}
              </div>
              {options.showMissing && <NotReported ids={options.indicators} idx={idx} cityId={c.city.id} />}
            </div>
          );
        }}
      </LoadState>
    );
  },
});
