/**
 * 城市对比 / Cross-city benchmark: comparable indicators (rows) × cities (columns), each cell the city's
 * latest figure with its own as-of date. The cities' sources are from different years, so every cell
 * carries its date and the table says plainly that it is not a same-period comparison. A city that does
 * not report an indicator shows "not reported", never a zero. Thin CSS bars (counts and percentages only)
 * show each value against the largest in its row.
 */
import { useMemo } from 'react';
import { z } from 'zod';
import type { Lang } from '../../../src-core/contract';
import type { Figure, FigureIndex } from '../../../src-core/figures';
import { formatDate } from '../../../src-core/format';
import type { Indicator } from '../../../src-core/model';
import { cityName, indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue, FlagBadges } from '../../app/FigureValue';
import { unitLabel } from '../dictionary';
import { definePanel } from '../types';
import { LoadState } from '../util';
import './benchmark-table.css';

const Options = z.object({
  /** comparable indicators, one row each, in this order */
  indicators: z.array(z.string().min(1)).min(1),
  /** thin bars against the row's largest value (count and percent indicators only) */
  bars: z.boolean().default(true),
});
type Options = z.infer<typeof Options>;

const STR = {
  'zh-CN': {
    note: (from: number, to: number) =>
      from < to
        ? `各市数据来自不同年份（${from}–${to}），表中每格注明数据时点，不代表同期比较`
        : '各市数据时点不同，表中每格注明数据时点，不代表同期比较',
    indicator: '指标',
    current: '本市',
    notReported: '未报告',
    notReportedTitle: '该市资料未报告此项指标',
    asOf: '截至',
    unit: '单位：',
    bars: '条形长度：该行最大值为满格（仅数量、比例类指标）',
    none: '所配置的指标均不在指标字典中',
  },
  en: {
    note: (from: number, to: number) =>
      from < to
        ? `The cities' figures come from different years (${from}–${to}); each cell gives its own as-of date — not a same-period comparison`
        : "The cities' figures have different as-of dates; each cell gives its own — not a same-period comparison",
    indicator: 'Indicator',
    current: 'this city',
    notReported: 'not reported',
    notReportedTitle: "This city's sources do not report this indicator",
    asOf: 'as of',
    unit: 'unit: ',
    bars: "Bars: share of the row's largest value (counts and percentages only)",
    none: 'None of the configured indicators is in the indicator dictionary',
  },
} satisfies Record<Lang, unknown>;

const BAR_UNITS = new Set<Indicator['unit']>(['count', 'percent']);

const usable = (f: Figure | undefined): f is Figure => !!f && f.primary.value !== null && !f.primary.flags.includes('garbled');

interface RowData {
  ind: Indicator;
  figs: (Figure | undefined)[];
  /** largest value in the row when bars are drawn for it, else null */
  max: number | null;
}

/** "2022-11" with the year emphasised (the full date in the tooltip), then the trust marks (⚠ conflict, date inferred …). */
function AsOf({ fig, lang }: { fig: Figure; lang: Lang }) {
  const short = formatDate(fig.asOf, lang, 'short');
  const year = short.slice(0, 4);
  return (
    <div className="bt-asof">
      <span className="bt-date" title={formatDate(fig.asOf, lang)}>{STR[lang].asOf} <b className="bt-year">{year}</b>{short.slice(4)}</span>
      <FlagBadges fig={fig} />
    </div>
  );
}

function BenchmarkTable({ idx, options }: { idx: FigureIndex; options: Options }) {
  const c = useCockpit();
  const s = STR[c.lang];
  const cities = c.catalog.cities;

  const { rows, years } = useMemo(() => {
    const rows: RowData[] = [];
    const years: number[] = [];
    for (const id of options.indicators) {
      const ind = c.indicators.get(id);
      if (!ind) continue;
      const figs = cities.map((city) => idx.latest(id, city.id));
      for (const f of figs) if (f) years.push(Number(f.asOf.slice(0, 4)));
      const values = figs.filter(usable).map((f) => f.primary.value!);
      const max = options.bars && BAR_UNITS.has(ind.unit) && values.length >= 2 ? Math.max(...values) : null;
      rows.push({ ind, figs, max: max !== null && max > 0 ? max : null });
    }
    return { rows, years };
  }, [idx, options.indicators, options.bars, cities, c.indicators]);

  if (!rows.length) return <div className="panel-msg">{s.none}</div>;
  const from = years.length ? Math.min(...years) : 0;
  const to = years.length ? Math.max(...years) : 0;
  const anyBars = rows.some((r) => r.max !== null);

  return (
    <div className="bt">
      <p className="bt-note" data-testid="benchmark-note">⚠ {s.note(from, to)}</p>
      <div className="bt-scroll" tabIndex={0}>
        <table className="bt-table">
          <colgroup>
            <col className="bt-col-ind" />
            {cities.map((city) => <col key={city.id} />)}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="bt-corner">{s.indicator}</th>
              {cities.map((city) => (
                <th key={city.id} scope="col" data-city={city.id} className={city.id === c.city.id ? 'bt-cur' : ''}>
                  {cityName(city, c.lang)}
                  {city.id === c.city.id && <span className="bt-cur-tag">{s.current}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ ind, figs, max }) => {
              const unit = unitLabel(ind, c.lang);
              return (
                <tr key={ind.id} data-indicator={ind.id}>
                  <th scope="row" className="bt-ind" title={c.lang === 'zh-CN' ? ind.definitionZh : ind.definitionEn}>
                    <div className="bt-ind-name">{indicatorName(ind, c.lang)}</div>
                    {unit && <div className="bt-ind-unit">{s.unit}{unit}</div>}
                  </th>
                  {cities.map((city, i) => {
                    const fig = figs[i];
                    const cur = city.id === c.city.id;
                    if (!fig) {
                      return (
                        <td key={city.id} data-city={city.id} className={`bt-cell bt-missing ${cur ? 'bt-cur' : ''}`}>
                          <span className="bt-nr" title={s.notReportedTitle}>{s.notReported}</span>
                        </td>
                      );
                    }
                    const pct = max !== null && usable(fig) ? Math.max(0, Math.min(1, fig.primary.value! / max)) * 100 : null;
                    return (
                      <td key={city.id} data-city={city.id} data-asof={fig.asOf} className={`bt-cell ${cur ? 'bt-cur' : ''} ${fig.conflict ? 'bt-conflict' : ''}`}>
                        <FigureValue fig={fig} className="bt-fig" badges={false} />
                        <AsOf fig={fig} lang={c.lang} />
                        {pct !== null && (
                          <div className="bt-bar" aria-hidden="true">
                            <span style={{ width: `${pct.toFixed(1)}%` }} />
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {anyBars && <p className="bt-legend">{s.bars}</p>}
    </div>
  );
}

export default definePanel<Options>({
  kind: 'benchmark-table',
  options: Options,
  component: function BenchmarkTablePanel({ options, onReady }) {
    const state = useFigures({ indicatorIds: options.indicators, county: false, latest: 1 }, onReady);
    return <LoadState state={state}>{(idx) => <BenchmarkTable idx={idx} options={options} />}</LoadState>;
  },
});
