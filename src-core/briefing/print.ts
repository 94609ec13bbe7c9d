/**
 * What to print or export, as a validated request and as the URL query the renderer's print/export
 * view reads. The same request travels over the shell contract (Electron: printToPDF in a hidden
 * window) and into the browser's print-CSS path, so both print the same sheets.
 */
import { z } from 'zod';

const Id = z.string().regex(/^[a-z][a-z0-9_-]*$/).max(64);
const LangId = z.enum(['zh-CN', 'en']);

/** Printed sheet sizes: A4 landscape and 16:9 (the 13.333 × 7.5 in slide size). */
export const SHEETS = {
  a4: { widthMm: 297, heightMm: 210, css: 'A4 landscape', label: { 'zh-CN': 'A4 横向', en: 'A4 landscape' } },
  '16x9': { widthMm: 338.667, heightMm: 190.5, css: '13.333in 7.5in', label: { 'zh-CN': '16:9 宽屏', en: '16:9 widescreen' } },
} as const;
export const SheetSize = z.enum(['a4', '16x9']);
export type SheetSize = z.infer<typeof SheetSize>;

/** CSS pixels (96 per inch) of a sheet. */
export function sheetPx(size: SheetSize): { width: number; height: number } {
  const s = SHEETS[size];
  return { width: Math.round((s.widthMm / 25.4) * 96), height: Math.round((s.heightMm / 25.4) * 96) };
}

export const PrintTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('page'), page: Id, city: Id }),
  z.object({ kind: z.literal('story'), story: z.string().regex(/^(u-)?[a-z0-9][a-z0-9-]*$/).max(64) }),
]);
export type PrintTarget = z.infer<typeof PrintTarget>;

export const PrintRequest = z.object({
  target: PrintTarget,
  size: SheetSize,
  lang: LangId,
});
export type PrintRequest = z.infer<typeof PrintRequest>;

/** PNG export resolutions offered (the export renders at this CSS size, 1 device pixel per CSS pixel). */
export const PNG_SIZES = [
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
  { width: 3840, height: 2160 },
] as const;
export const PngRequest = z.object({
  page: Id,
  city: Id,
  lang: LangId,
  width: z.number().int().min(640).max(7680),
  height: z.number().int().min(360).max(4320),
});
export type PngRequest = z.infer<typeof PngRequest>;

/** A query string from ordered pairs (application/x-www-form-urlencoded, as URLSearchParams writes it). */
function encodeQuery(pairs: [string, string][]): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}
/** The first value of each key of a query string (with or without the leading "?"). */
function decodeQuery(search: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const dec = (v: string) => {
      try {
        return decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        return '';
      }
    };
    const k = dec(i < 0 ? part : part.slice(0, i));
    if (!out.has(k)) out.set(k, dec(i < 0 ? '' : part.slice(i + 1)));
  }
  return out;
}

/** The query string (without "?") of the print view for a request. */
export function printQuery(r: PrintRequest): string {
  const t: [string, string][] = r.target.kind === 'page' ? [['page', r.target.page], ['city', r.target.city]] : [['story', r.target.story]];
  return encodeQuery([['print', r.target.kind], ...t, ['size', r.size], ['lang', r.lang]]);
}

/** Read a print request from a query string; null when it is not a (valid) print view URL. */
export function parsePrintQuery(search: string): PrintRequest | null {
  const q = decodeQuery(search);
  const kind = q.get('print');
  if (!kind) return null;
  const target = kind === 'page' ? { kind, page: q.get('page'), city: q.get('city') } : { kind, story: q.get('story') };
  const r = PrintRequest.safeParse({ target, size: q.get('size') ?? 'a4', lang: q.get('lang') ?? 'zh-CN' });
  return r.success ? r.data : null;
}

/** The query string of the PNG export view (the wall layout at the target size, no controls). */
export function pngQuery(r: PngRequest): string {
  return encodeQuery([['export', 'png'], ['layout', 'wall'], ['page', r.page], ['city', r.city], ['lang', r.lang], ['w', String(r.width)], ['h', String(r.height)]]);
}
export function parsePngQuery(search: string): PngRequest | null {
  const q = decodeQuery(search);
  if (q.get('export') !== 'png') return null;
  const r = PngRequest.safeParse({ page: q.get('page'), city: q.get('city'), lang: q.get('lang') ?? 'zh-CN', width: Number(q.get('w')), height: Number(q.get('h')) });
  return r.success ? r.data : null;
}
