/**
 * 指标字典 / Indicator dictionary: every indicator in the catalogue with its id, unit, domain and
 * definition (口径), and each city's latest figure with its own as-of date. A city that does not report an
 * indicator shows a muted dash, never a zero. Indicators kept off the main pages (party-building,
 * training) are listed too, tagged "dictionary only".
 */
import { Fragment, memo, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import type { Lang } from '../../../src-core/contract';
import type { FigureIndex } from '../../../src-core/figures';
import { formatDate } from '../../../src-core/format';
import type { City, Indicator, Unit } from '../../../src-core/model';
import { cityName, indicatorName, useCockpit, useFigures } from '../../app/context';
import { FigureValue, FlagBadges } from '../../app/FigureValue';
import { definePanel } from '../types';
import { LoadState } from '../util';
import './dictionary.css';

const Options = z.object({
  /** domain selected when the page opens (default: all domains) */
  domain: z.string().min(1).optional(),
  /** show the definition (口径) column */
  showDefinition: z.boolean().default(true),
});
type Options = z.infer<typeof Options>;

const STR = {
  'zh-CN': {
    search: '搜索指标名称、编号或口径…',
    searchLabel: '搜索指标',
    clear: '清除',
    all: '全部',
    domainLabel: '按领域筛选',
    count: (n: number, total: number) => `显示 ${n} / ${total} 项指标`,
    dictOnlyCount: (n: number) => `其中 ${n} 项仅在字典中列出`,
    colName: '指标名称',
    colId: '编号',
    colUnit: '单位',
    colDomain: '领域',
    colDef: '口径',
    dictOnly: '仅字典',
    dictOnlyTitle: '党建、培训类指标不在主页面展示，仅在字典中列出',
    notReported: '未报告',
    asOf: '截至',
    none: '没有符合条件的指标',
    legend: '各市数值为该市最新数据，时点各不相同；“—”表示该市资料未报告此项。点击数值查看来源。',
  },
  en: {
    search: 'Search name, id or definition…',
    searchLabel: 'Search indicators',
    clear: 'Clear',
    all: 'All',
    domainLabel: 'Filter by domain',
    count: (n: number, total: number) => `Showing ${n} / ${total} indicators`,
    dictOnlyCount: (n: number) => `${n} listed in the dictionary only`,
    colName: 'Indicator',
    colId: 'Id',
    colUnit: 'Unit',
    colDomain: 'Domain',
    colDef: 'Definition',
    dictOnly: 'dictionary only',
    dictOnlyTitle: 'Party-building and training indicators are not shown on the main pages; they are listed here only',
    notReported: 'not reported',
    asOf: 'as of',
    none: 'No indicator matches',
    legend: "Each city's latest figure, each at its own as-of date; “—” means the city's sources do not report it. Click a figure for its source.",
  },
} satisfies Record<Lang, unknown>;

/** Domains in display order, with their labels. Unknown domains are shown after these, by their id. */
export const DOMAINS: [id: string, zh: string, en: string][] = [
  ['resources', '数据资源', 'Data resources'],
  ['sharing', '共享交换', 'Data sharing'],
  ['opening', '数据开放', 'Open data'],
  ['catalog', '目录治理', 'Data catalogue'],
  ['services', '政务服务', 'Government services'],
  ['apps', '移动端', 'Mobile apps'],
  ['rectification', '系统整改', 'System rectification'],
  ['projects', '项目管理', 'Projects'],
  ['compute', '云与算力', 'Cloud & compute'],
  ['network', '网络', 'Network'],
  ['datacenter', '数据中心', 'Data centres'],
  ['proposals', '建议提案', 'Suggestions & proposals'],
  ['economy', '数字经济', 'Digital economy'],
  ['community', '智慧社区', 'Smart communities'],
  ['security', '网络安全', 'Cybersecurity'],
  ['training', '培训', 'Training'],
  ['party', '党建', 'Party building'],
  ['other', '其他', 'Other'],
];
const DOMAIN_LABEL = new Map(DOMAINS.map(([id, zh, en]) => [id, { 'zh-CN': zh, en }]));
export function domainLabel(domain: string, lang: Lang): string {
  return DOMAIN_LABEL.get(domain)?.[lang] ?? domain;
}

/** Unit shown when the indicator has no noun of its own (percent, physical units …). */
const UNIT_SYMBOL: Record<Unit, Record<Lang, string>> = {
  count: { 'zh-CN': '', en: '' },
  percent: { 'zh-CN': '%', en: '%' },
  rank: { 'zh-CN': '名', en: 'place' },
  yuan: { 'zh-CN': '元', en: 'yuan' },
  GB: { 'zh-CN': 'GB', en: 'GB' },
  TB: { 'zh-CN': 'TB', en: 'TB' },
  PFLOPS: { 'zh-CN': 'PFLOPS', en: 'PFLOPS' },
  Gbps: { 'zh-CN': 'Gbps', en: 'Gbps' },
  km2: { 'zh-CN': 'km²', en: 'km²' },
  years: { 'zh-CN': '年', en: 'years' },
  per_capita: { 'zh-CN': '次/人', en: 'per capita' },
  score: { 'zh-CN': '分', en: 'points' },
};
export function unitLabel(ind: Indicator, lang: Lang): string {
  return (lang === 'zh-CN' ? ind.unitZh : ind.unitEn) || UNIT_SYMBOL[ind.unit]?.[lang] || ind.unit;
}

/** An identifier that may wrap after its dots and underscores (a <wbr> there; copying it stays intact). */
function breakable(text: string, key: string | number): ReactNode {
  const parts = text.split(/(?<=[._])/);
  if (parts.length < 2) return text;
  return <Fragment key={key}>{parts.map((p, i) => <Fragment key={i}>{p}{i < parts.length - 1 && <wbr />}</Fragment>)}</Fragment>;
}

/** Highlight the query inside a text (case-insensitive); `ident`: let an identifier wrap at . and _. */
function Hl({ text, q, ident = false }: { text: string; q: string; ident?: boolean }): ReactNode {
  const plain = (t: string, key: number) => (ident ? breakable(t, key) : t);
  if (!q) return plain(text, 0);
  const lower = text.toLowerCase();
  const out: ReactNode[] = [];
  let from = 0;
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, from)) {
    if (i > from) out.push(plain(text.slice(from, i), from));
    out.push(<mark key={`m${i}`}>{plain(text.slice(i, i + q.length), i)}</mark>);
    from = i + q.length;
  }
  if (from < text.length) out.push(plain(text.slice(from), from));
  return <>{out}</>;
}

interface RowProps {
  ind: Indicator;
  cities: City[];
  currentCity: string;
  idx: FigureIndex;
  lang: Lang;
  q: string;
  showDefinition: boolean;
}

const Row = memo(function Row({ ind, cities, currentCity, idx, lang, q, showDefinition }: RowProps) {
  const s = STR[lang];
  const other = lang === 'zh-CN' ? ind.nameEn : ind.nameZh;
  const def = lang === 'zh-CN' ? ind.definitionZh : ind.definitionEn;
  return (
    <div role="row" data-indicator={ind.id} className={`dict-tr ${ind.mainPages ? '' : 'dict-row-only'}`}>
      <div role="cell" className="dict-td dict-name">
        <div className="dict-name-main">
          <Hl text={indicatorName(ind, lang)} q={q} />
          {!ind.mainPages && <span className="dict-tag" title={s.dictOnlyTitle}>{s.dictOnly}</span>}
        </div>
        <div className="dict-name-other"><Hl text={other} q={q} /></div>
      </div>
      <div role="cell" className="dict-td dict-id"><code><Hl text={ind.id} q={q} ident /></code></div>
      <div role="cell" className="dict-td dict-unit">{unitLabel(ind, lang)}</div>
      <div role="cell" className="dict-td dict-domain">{domainLabel(ind.domain, lang)}</div>
      {showDefinition && <div role="cell" className="dict-td dict-def"><Hl text={def} q={q} /></div>}
      {cities.map((city) => {
        const fig = idx.latest(ind.id, city.id);
        return (
          <div role="cell" key={city.id} data-city={city.id} className={`dict-td dict-city ${city.id === currentCity ? 'dict-cur' : ''}`}>
            {fig ? (
              <>
                <FigureValue fig={fig} badges={false} className="dict-fig" />
                <div className="dict-asof" title={formatDate(fig.asOf, lang)}>
                  {s.asOf} {formatDate(fig.asOf, lang, 'short')}
                  <FlagBadges fig={fig} />
                </div>
              </>
            ) : (
              <span className="dict-none" title={s.notReported} aria-label={s.notReported}>—</span>
            )}
          </div>
        );
      })}
    </div>
  );
});

/**
 * Column widths of the grid every row shares (rem): name, id, unit, domain, [definition], one per city. The
 * definition column (or, without it, the name column) takes the rest of the width.
 */
const COL_REM = { name: 16, id: 14.5, unit: 4.5, domain: 6.5, def: 10, city: 9 };
function gridColumns(showDefinition: boolean, cities: number): { template: string; minWidth: string } {
  const fixed = [COL_REM.id, COL_REM.unit, COL_REM.domain].map((w) => `${w}rem`).join(' ');
  const cityCols = `repeat(${cities}, ${COL_REM.city}rem)`;
  const template = showDefinition
    ? `${COL_REM.name}rem ${fixed} minmax(${COL_REM.def}rem, 1fr) ${cityCols}`
    : `minmax(${COL_REM.name}rem, 1fr) ${fixed} ${cityCols}`;
  const min = COL_REM.name + COL_REM.id + COL_REM.unit + COL_REM.domain + (showDefinition ? COL_REM.def : 0) + cities * COL_REM.city;
  return { template, minWidth: `${min}rem` };
}

function DictionaryTable({ idx, options }: { idx: FigureIndex; options: Options }) {
  const c = useCockpit();
  const s = STR[c.lang];
  /** grouped by domain (in DOMAINS order, unknown domains last), catalogue order within a domain */
  const all = useMemo(() => {
    const rank = (d: string) => { const i = DOMAINS.findIndex(([id]) => id === d); return i < 0 ? DOMAINS.length : i; };
    return c.catalog.indicators.map((ind, i) => ({ ind, i })).sort((a, b) => rank(a.ind.domain) - rank(b.ind.domain) || a.ind.domain.localeCompare(b.ind.domain) || a.i - b.i).map((x) => x.ind);
  }, [c.catalog.indicators]);
  const [query, setQuery] = useState('');
  const [domain, setDomain] = useState<string | null>(() => (options.domain && all.some((i) => i.domain === options.domain) ? options.domain : null));
  const deferred = useDeferredValue(query);
  const q = deferred.trim().toLowerCase();

  /** lower-cased text searched per indicator: id, both names, both definitions */
  const haystack = useMemo(
    () => new Map(all.map((i) => [i.id, [i.id, i.nameZh, i.nameEn, i.definitionZh, i.definitionEn].join('\u0001').toLowerCase()])),
    [all],
  );
  const domains = useMemo(() => {
    const counts = new Map<string, number>();
    for (const i of all) counts.set(i.domain, (counts.get(i.domain) ?? 0) + 1);
    const known = DOMAINS.map(([id]) => id).filter((id) => counts.has(id));
    const extra = [...counts.keys()].filter((d) => !DOMAIN_LABEL.has(d)).sort();
    return [...known, ...extra].map((id) => ({ id, n: counts.get(id)! }));
  }, [all]);
  const shown = useMemo(
    () => all.filter((i) => (!domain || i.domain === domain) && (!q || haystack.get(i.id)!.includes(q))),
    [all, domain, q, haystack],
  );
  const dictOnly = useMemo(() => shown.filter((i) => !i.mainPages).length, [shown]);
  const cities = c.catalog.cities;
  const columns = useMemo(() => gridColumns(options.showDefinition, cities.length), [options.showDefinition, cities.length]);

  return (
    <div className="dict">
      <div className="dict-tools">
        <div className="dict-search">
          <span className="dict-search-icon" aria-hidden="true">⌕</span>
          <input
            type="search"
            data-testid="dictionary-search"
            aria-label={s.searchLabel}
            placeholder={s.search}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
            spellCheck={false}
            autoComplete="off"
          />
          {query && <button type="button" className="dict-clear" onClick={() => setQuery('')} aria-label={s.clear} title={s.clear}>×</button>}
        </div>
        <div className="dict-domains" role="group" aria-label={s.domainLabel}>
          <button type="button" className={`dict-dom ${domain === null ? 'on' : ''}`} aria-pressed={domain === null} onClick={() => setDomain(null)} data-domain="">
            {s.all} <span className="dict-dom-n">{all.length}</span>
          </button>
          {domains.map((d) => (
            <button
              key={d.id}
              type="button"
              className={`dict-dom ${domain === d.id ? 'on' : ''}`}
              aria-pressed={domain === d.id}
              onClick={() => setDomain(domain === d.id ? null : d.id)}
              data-domain={d.id}
            >
              {domainLabel(d.id, c.lang)} <span className="dict-dom-n">{d.n}</span>
            </button>
          ))}
        </div>
      </div>
      <div className="dict-count" data-testid="dictionary-count" aria-live="polite">
        <b>{s.count(shown.length, all.length)}</b>
        {dictOnly > 0 && <span className="dict-count-sub">{s.dictOnlyCount(dictOnly)}</span>}
        <span className="dict-legend">{s.legend}</span>
      </div>
      <div className="dict-scroll" tabIndex={0}>
        <div className="dict-table" role="table" aria-rowcount={shown.length + 1} style={{ ['--dict-cols' as string]: columns.template, minWidth: columns.minWidth }}>
          <div role="rowgroup" className="dict-head">
            <div role="row" className="dict-tr">
              <div role="columnheader" className="dict-th">{s.colName}</div>
              <div role="columnheader" className="dict-th">{s.colId}</div>
              <div role="columnheader" className="dict-th">{s.colUnit}</div>
              <div role="columnheader" className="dict-th">{s.colDomain}</div>
              {options.showDefinition && <div role="columnheader" className="dict-th">{s.colDef}</div>}
              {cities.map((city) => (
                <div role="columnheader" key={city.id} data-city={city.id} className={`dict-th dict-city ${city.id === c.city.id ? 'dict-cur' : ''}`}>
                  {cityName(city, c.lang)}
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className="dict-body">
            {shown.map((ind) => (
              <Row key={ind.id} ind={ind} cities={cities} currentCity={c.city.id} idx={idx} lang={c.lang} q={q} showDefinition={options.showDefinition} />
            ))}
            {!shown.length && (
              <div role="row" className="dict-tr dict-empty">
                <div role="cell" className="dict-td">{s.none}</div>
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

export default definePanel<Options>({
  kind: 'dictionary',
  options: Options,
  component: function DictionaryPanel({ options, onReady }) {
    const state = useFigures({ county: false, latest: 1 }, onReady);
    return <LoadState state={state}>{(idx) => <DictionaryTable idx={idx} options={options} />}</LoadState>;
  },
});
