/**
 * The footer every exported page carries (PNG and PDF alike): city, page (and story step), data as-of
 * time, sources, export time — in the UI language. One function, so PNG, PDF and the print preview
 * say the same thing.
 */
import { formatDate } from '../format';

export interface FooterSource {
  /** document title (shown in 《》 in Chinese, quotes in English) or a feed/import name */
  title: string;
  publisher?: string;
  /** ISO date */
  published?: string;
  /** true for a remote feed or an imported file rather than a document */
  feed?: boolean;
}

export interface FooterInput {
  lang: 'zh-CN' | 'en';
  city: string;
  page: string;
  /** latest as-of date (ISO) of the figures on the page; null when the page shows none */
  asOf: string | null;
  sources: FooterSource[];
  /** the page shows generated demo values (marked 模拟 on the page) */
  simulated?: boolean;
  story?: { title: string; step: number; total: number };
  exportedAt: Date;
  appTitle: string;
  /** how many sources to list before "and N more" */
  maxSources?: number;
}

export interface FooterText {
  /** 临沂市 · 总览 · 数据截至 2022年8月29日 */
  where: string;
  /** 来源：《…》（发布单位，2022年8月29日）；… */
  sources: string;
  /** 城市大脑领导驾驶舱 · 导出于 2026-11-22 10:30 · 汇报：… 第2/6页 */
  meta: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function stamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function footerText(f: FooterInput): FooterText {
  const zh = f.lang === 'zh-CN';
  const sep = ' · ';
  const asOf = f.asOf ? `${zh ? '数据截至 ' : 'Data as of '}${formatDate(f.asOf, f.lang)}` : zh ? '本页无数据' : 'No figures on this page';
  const sim = f.simulated ? (zh ? '含模拟数值（已标注）' : 'includes simulated values (marked)') : '';
  const where = [f.city, f.page, asOf, sim].filter(Boolean).join(sep);
  const max = f.maxSources ?? 6;
  const seen = new Set<string>();
  const uniq = f.sources.filter((s) => {
    if (seen.has(s.title)) return false;
    seen.add(s.title);
    return true;
  });
  const one = (s: FooterSource) => {
    const name = s.feed ? s.title : zh ? `《${s.title}》` : `“${s.title}”`;
    const meta = [s.publisher, s.published ? formatDate(s.published, f.lang) : ''].filter(Boolean).join(zh ? '，' : ', ');
    return meta ? (zh ? `${name}（${meta}）` : `${name} (${meta})`) : name;
  };
  const listed = uniq.slice(0, max).map(one);
  const more = uniq.length - listed.length;
  const list = listed.join(zh ? '；' : '; ') + (more > 0 ? (zh ? `；等共${uniq.length}份` : `; and ${more} more`) : '');
  const sources = `${zh ? '来源：' : 'Sources: '}${uniq.length ? list : zh ? '无' : 'none'}`;
  const story = !f.story ? '' : zh ? `汇报：${f.story.title} 第${f.story.step}/${f.story.total}页` : `Briefing: ${f.story.title} (${f.story.step}/${f.story.total})`;
  const meta = [f.appTitle, `${zh ? '导出于 ' : 'Exported '}${stamp(f.exportedAt)}`, story].filter(Boolean).join(sep);
  return { where, sources, meta };
}
