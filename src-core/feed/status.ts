/**
 * How fresh a source's data is, in words a duty officer understands (zh-CN and en). Pure functions of
 * the poller status and the clock, so the texts are unit-tested.
 */
import type { Lang } from '../contract';
import type { FeedErrorCode } from './fetch';
import type { SourceStatus } from './poller';

export type FreshnessLevel = 'ok' | 'notice' | 'stale';

export interface Freshness {
  level: FreshnessLevel;
  /** one sentence for the badge, e.g. 数据源连接超时，显示的是 10:42 获取的数据 */
  text: string;
  /** machine-readable reason */
  reason: FeedErrorCode | 'older' | 'data-old' | 'no-data' | 'checking' | null;
}

const REASON: Record<FeedErrorCode, Record<Lang, string>> = {
  timeout: { 'zh-CN': '数据源连接超时', en: 'The data source timed out' },
  network: { 'zh-CN': '无法连接数据源', en: 'The data source cannot be reached' },
  http: { 'zh-CN': '数据源服务出错', en: 'The data source reported an error' },
  'too-large': { 'zh-CN': '数据源发来的文件过大，已拒收', en: 'The data source sent a file that is too large; it was refused' },
  'content-type': { 'zh-CN': '数据源返回的不是数据（可能是网页或登录页）', en: 'The data source returned something other than data (perhaps a web or login page)' },
  truncated: { 'zh-CN': '数据源的数据没有传输完整', en: 'The data from the source arrived incomplete' },
  parse: { 'zh-CN': '数据源的数据格式已损坏', en: 'The data from the source is corrupt' },
  invalid: { 'zh-CN': '数据源的数据未通过校验', en: 'The data from the source failed validation' },
  duplicate: { 'zh-CN': '数据源的数据含重复记录编号', en: 'The data from the source has duplicate record ids' },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** 10:42 today; 6月30日 10:42 / 30 Jun 10:42 on another day. Local time of the screen. */
export function formatFetchTime(at: number, now: number, lang: Lang): string {
  const d = new Date(at);
  const n = new Date(now);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const sameDay = d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate();
  if (sameDay) return hm;
  if (lang === 'zh-CN') return `${d.getFullYear() !== n.getFullYear() ? `${d.getFullYear()}年` : ''}${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  return `${d.getDate()} ${mon}${d.getFullYear() !== n.getFullYear() ? ` ${d.getFullYear()}` : ''} ${hm}`;
}

/** 5 分钟 / 3 小时 / 2 天; 5 min / 3 h / 2 days */
export function formatAge(ms: number, lang: Lang): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 60) return lang === 'zh-CN' ? `${min} 分钟` : `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return lang === 'zh-CN' ? `${h} 小时` : `${h} h`;
  const days = Math.round(h / 24);
  return lang === 'zh-CN' ? `${days} 天` : `${days} days`;
}

function showing(s: SourceStatus, now: number, lang: Lang): string {
  const at = s.lastSuccessAt ?? s.dataFetchedAt;
  if (at === null) return lang === 'zh-CN' ? '，尚未取得该数据源的数据' : '; no data from it yet';
  return lang === 'zh-CN' ? `，显示的是 ${formatFetchTime(at, now, lang)} 获取的数据` : `; showing data fetched at ${formatFetchTime(at, now, lang)}`;
}

/**
 * The freshness of one source. `maxAgeMs`: data older than this (by the feed's generatedAt, or by the
 * last successful fetch) is stale even when the source answers.
 */
export function freshness(s: SourceStatus, now: number, maxAgeMs: number, lang: Lang): Freshness {
  if (s.error) {
    let why = REASON[s.error.code][lang];
    if (s.error.code === 'http') why += lang === 'zh-CN' ? `（${s.error.message}）` : ` (${s.error.message})`;
    if (s.error.code === 'invalid') {
      const m = /(\$[^\s:]*)/.exec(s.error.message);
      if (m) why += lang === 'zh-CN' ? `（${m[1]}）` : ` (${m[1]})`;
    }
    return { level: 'stale', reason: s.error.code, text: why + showing(s, now, lang) };
  }
  if (s.state === 'starting' && s.dataFetchedAt === null) {
    return { level: 'notice', reason: 'checking', text: lang === 'zh-CN' ? '正在连接数据源…' : 'Connecting to the data source…' };
  }
  const generated = s.generatedAt ? Date.parse(s.generatedAt) : NaN;
  if (Number.isFinite(generated) && now - generated > maxAgeMs) {
    return {
      level: 'stale', reason: 'data-old',
      text: lang === 'zh-CN'
        ? `数据源的数据已 ${formatAge(now - generated, lang)}未更新（生成于 ${formatFetchTime(generated, now, lang)}）`
        : `The source's data has not been updated for ${formatAge(now - generated, lang)} (generated ${formatFetchTime(generated, now, lang)})`,
    };
  }
  const last = s.lastSuccessAt ?? s.dataFetchedAt;
  if (last !== null && now - last > maxAgeMs) {
    return {
      level: 'stale', reason: 'data-old',
      text: lang === 'zh-CN'
        ? `已 ${formatAge(now - last, lang)}未能从数据源更新${showing(s, now, lang)}`
        : `No update from the data source for ${formatAge(now - last, lang)}${showing(s, now, lang)}`,
    };
  }
  if (s.notice) {
    return {
      level: 'notice', reason: 'older',
      text: lang === 'zh-CN' ? '数据源发来的数据比现有数据旧，已忽略，继续显示现有数据' : 'The data source sent older data than the data held; it was ignored',
    };
  }
  if (last === null) return { level: 'notice', reason: 'no-data', text: lang === 'zh-CN' ? '尚未取得该数据源的数据' : 'No data from this source yet' };
  return {
    level: 'ok', reason: null,
    text: lang === 'zh-CN' ? `${formatFetchTime(last, now, lang)} 更新` : `updated ${formatFetchTime(last, now, lang)}`,
  };
}
