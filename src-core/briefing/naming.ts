/**
 * Export file names: city, page or story, date — e.g. 临沂-总览-2026-11-22.png,
 * Linyi-Overview-2026-11-22.pdf, 4市-四市大数据工作汇报-2026-11-22.pdf. Safe on Windows, macOS and Linux.
 */

const ZH_NUM = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A city's short name for a file: 临沂市 → 临沂 (two characters or more are kept), Linyi stays Linyi. */
export function shortCityName(name: string): string {
  const n = name.trim();
  return n.endsWith('市') && n.length > 2 ? n.slice(0, -1) : n;
}

/** The city part for several cities: one → its name, two → 临沂、济宁, more → 四市 / 4 cities. */
export function citiesLabel(names: readonly string[], lang: 'zh-CN' | 'en'): string {
  const uniq = [...new Set(names.map(shortCityName))];
  if (uniq.length === 0) return '';
  if (uniq.length <= 2) return uniq.join(lang === 'zh-CN' ? '、' : ' & ');
  if (lang === 'zh-CN') return `${ZH_NUM[uniq.length] ?? uniq.length}市`;
  return `${uniq.length} cities`;
}

/** YYYY-MM-DD of a moment in the given time zone's calendar (default: the machine's). */
export function localDate(d: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** One name part made file-safe: no path separators, reserved or control characters; spaces → "_". */
export function safePart(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 60);
}

export const FILE_NAME_PATTERN = /^[^\u0000-\u001f\u007f<>:"/\\|?*]{1,180}\.(png|pdf)$/u;

/**
 * The export's file name: `<city>-<page or story>-<YYYY-MM-DD>.<ext>`. Empty parts are left out;
 * the result always matches FILE_NAME_PATTERN.
 */
export function exportFileName(p: { city: string; title: string; date: string; ext: 'png' | 'pdf' }): string {
  const parts = [safePart(shortCityName(p.city)), safePart(p.title), safePart(p.date)].filter(Boolean);
  let base = parts.join('-') || 'cockpit';
  if (RESERVED.test(base)) base = `${base}_`;
  return `${base}.${p.ext}`;
}
