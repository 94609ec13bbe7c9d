/**
 * Number formatting the way Chinese officials read figures: 17.24亿条, 8.1万余人, 93.6%, 1260 PFLOPS,
 * 345万元, 约1500核, 近800万次, 第3名. One set of rules used by every panel, tooltip and export.
 * Magnitudes come from Intl.NumberFormat's compact notation (万/亿 in zh-CN, thousand/million/billion in en).
 */
import type { Lang } from './contract';
import type { Indicator, Observation, Qualifier } from './model';

export interface Formatted {
  /** qualifier word before the number: 约, 近, 超过 / about, nearly, over */
  prefix: string;
  /** the digits with magnitude: 17.24亿, 8874, 1.72 billion */
  number: string;
  /** qualifier word after the number: 余, 多 / + */
  suffix: string;
  /** unit noun or symbol: 条, %, PFLOPS, 万元 … */
  unit: string;
  /** what goes between number and unit: '' (17.24亿条, 93.6%) or ' ' (1260 PFLOPS, 1.7 billion records) */
  sep: string;
  /** everything joined, as it reads */
  text: string;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, opts);
    cache.set(key, f);
  }
  return f;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
/** A cached Intl.DateTimeFormat: constructing one costs far more than formatting with it. */
export function dtf(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(opts);
  let f = dtfCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, opts);
    dtfCache.set(key, f);
  }
  return f;
}

/** Significant decimals of a stated value, so 93.6 stays 93.6 and 100 stays 100. */
function decimalsOf(v: number): number {
  const s = String(v);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(s.length - i - 1, 2);
}

/**
 * Format a plain count with 万/亿 (zh) or thousand/million/billion (en).
 * Below 10 000 the digits are printed in full (8874, not 0.89万); in English with grouping (8,874).
 */
export function formatCount(v: number, lang: Lang): string {
  const abs = Math.abs(v);
  if (lang === 'zh-CN') {
    if (abs < 10000) return nf(lang, { useGrouping: false, maximumFractionDigits: 2 }).format(v);
    return nf(lang, { notation: 'compact', maximumFractionDigits: 2, useGrouping: false }).format(v);
  }
  if (abs < 10000) return nf(lang, { maximumFractionDigits: 2 }).format(v);
  // 4 significant digits keep what 万/亿 keeps: 17.24亿 = 1.724 billion, 8711万 = 87.11 million
  return nf(lang, { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 4 }).format(v);
}

export function formatPercent(v: number, lang: Lang): string {
  const d = decimalsOf(v);
  return nf(lang, { minimumFractionDigits: Math.min(d, 1), maximumFractionDigits: Math.max(1, d) }).format(v);
}

const QUAL_EN: Record<Qualifier, [string, string]> = {
  exact: ['', ''],
  more_than: ['over ', ''],
  about: ['about ', ''],
  less_than: ['nearly ', ''],
};

/** Where the qualifier sits in Chinese: 余/多 after the magnitude, 约/近/超过 before the number. */
function qualZh(q: Qualifier, word: string): [string, string] {
  const w = word || { exact: '', more_than: '余', about: '约', less_than: '近' }[q];
  if (q === 'exact') return ['', ''];
  if (w === '余' || w === '多') return ['', w];
  return [w, ''];
}

export interface FormatInput {
  value: number;
  qualifier?: Qualifier;
  qualifierZh?: string;
}

/** Format a value of an indicator. Garbled values must not reach this function (see displayValue). */
export function formatValue(ind: Pick<Indicator, 'unit' | 'unitZh' | 'unitEn'>, obs: FormatInput, lang: Lang): Formatted {
  const q = obs.qualifier ?? 'exact';
  const [prefix, suffix] = lang === 'zh-CN' ? qualZh(q, obs.qualifierZh ?? '') : QUAL_EN[q];
  const v = obs.value;
  let number: string;
  let unit: string;
  let sep = lang === 'en' ? ' ' : '';
  switch (ind.unit) {
    case 'percent':
      number = formatPercent(v, lang);
      unit = '%';
      sep = '';
      break;
    case 'rank':
      if (lang === 'zh-CN') {
        const text = `第${v}${ind.unitZh || '名'}`;
        return { prefix: '', number: `第${v}`, suffix: '', unit: ind.unitZh || '名', sep: '', text };
      }
      number = `No. ${v}`;
      unit = '';
      break;
    case 'yuan': {
      // money in 万元/亿元 (zh) or yuan with million/billion (en)
      number = formatCount(v, lang);
      unit = lang === 'zh-CN' ? '元' : 'yuan';
      break;
    }
    case 'PFLOPS':
    case 'Gbps':
    case 'GB':
    case 'TB':
      number = nf(lang, { useGrouping: lang === 'en', maximumFractionDigits: 2 }).format(v);
      unit = ind.unit;
      sep = ' ';
      break;
    case 'km2':
      number = nf(lang, { useGrouping: lang === 'en', maximumFractionDigits: 2 }).format(v);
      unit = 'km²';
      sep = lang === 'en' ? ' ' : '';
      break;
    case 'years':
      number = String(v);
      unit = lang === 'zh-CN' ? '年' : v === 1 ? 'year' : 'years';
      break;
    case 'per_capita':
      number = nf(lang, { maximumFractionDigits: 2 }).format(v);
      unit = lang === 'zh-CN' ? ind.unitZh || '次/人' : ind.unitEn || 'per capita';
      break;
    case 'score':
      number = nf(lang, { maximumFractionDigits: 2 }).format(v);
      unit = lang === 'zh-CN' ? ind.unitZh : ind.unitEn;
      break;
    default:
      number = formatCount(v, lang);
      unit = lang === 'zh-CN' ? ind.unitZh : ind.unitEn;
  }
  // Chinese suffix qualifier sits between magnitude and noun: 8.1万余人; English suffix none.
  if (!unit) sep = '';
  const text = `${prefix}${number}${suffix}${sep}${unit}`;
  return { prefix, number, suffix, unit, sep, text };
}

/** What to show for an observation: a formatted number, or why no number is shown. */
export type Display =
  | { kind: 'number'; f: Formatted }
  | { kind: 'withheld'; reason: 'garbled' | 'missing' };

export function displayValue(ind: Indicator, obs: Pick<Observation, 'value' | 'qualifier' | 'qualifierZh' | 'flags'>, lang: Lang): Display {
  if (obs.flags.includes('garbled')) return { kind: 'withheld', reason: 'garbled' };
  if (obs.value === null) return { kind: 'withheld', reason: 'missing' };
  return { kind: 'number', f: formatValue(ind, { value: obs.value, qualifier: obs.qualifier, qualifierZh: obs.qualifierZh }, lang) };
}

/** Axis labels on charts: compact, no qualifier. */
export function formatAxis(v: number, unit: Indicator['unit'], lang: Lang): string {
  if (unit === 'percent') return `${v}%`;
  if (lang === 'en' && Math.abs(v) >= 10000) return nf(lang, { notation: 'compact', compactDisplay: 'short', maximumSignificantDigits: 3 }).format(v);
  return formatCount(v, lang);
}

/** As-of dates: 2022-08-29 → 2022年8月29日 / 29 Aug 2022; month-end precision kept as given. */
/** The header clock: date with weekday, and time (24 h), in the machine's time zone. */
export function formatClock(now: Date, lang: Lang): { date: string; time: string } {
  return {
    date: dtf(lang, { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).format(now),
    time: dtf(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now),
  };
}

/**
 * Create the formatters a first page uses (ICU's set-up for a locale and a pattern costs milliseconds each,
 * the first time). The renderer calls it while it waits for the database, so the first render does not.
 */
export function warmFormats(lang: Lang): void {
  formatClock(new Date(0), lang);
  formatDate('2022-08-29', lang);
  for (const v of [42, 93.6, 8739, 1.724e9]) {
    formatCount(v, lang);
    formatAxis(v, 'count', lang);
    formatValue({ unit: 'count', unitZh: '条', unitEn: 'records' }, { value: v }, lang);
  }
  formatPercent(93.6, lang);
  formatValue({ unit: 'percent', unitZh: '', unitEn: '' }, { value: 93.6 }, lang);
}

export function formatDate(iso: string, lang: Lang, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (style === 'short') return `${y}-${String(m).padStart(2, '0')}`;
  return dtf(lang, { year: 'numeric', month: lang === 'zh-CN' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}
