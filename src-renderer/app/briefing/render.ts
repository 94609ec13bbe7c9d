/**
 * Client-side export rendering, no server and no headless browser needed:
 *
 * (Both wait for the frame to draw: a tab in the background does not paint, so an export started there
 * finishes when the tab is shown again.)
 *
 * PNG — the page is laid out again in a hidden same-origin iframe at the target size (CSS pixels =
 * image pixels; charts drawn at devicePixelRatio 1 for that size, so nothing is upscaled), then
 * rasterised: the iframe's DOM, with its stylesheets, the web-font subsets it uses (inlined) and its
 * chart canvases (as images), goes into an SVG <foreignObject>, which the browser's own engine paints
 * onto a canvas of the target size. A data: URL keeps the canvas untainted so it can be encoded.
 *
 * PDF (browser shell) — the print view (one sheet per step) is loaded in a hidden iframe and printed
 * with the browser's print dialog (print CSS sets the sheet size; text stays text, charts are SVG).
 * In Electron the shell prints the same view with printToPDF instead (see src-main/logic/export.ts).
 */
import { pngQuery, printQuery, sheetPx, type PngRequest, type PrintRequest } from '../../../src-core/briefing/print';
import { invoke } from '../../shell/bridge';

export class ExportError extends Error {}

function appUrl(query: string): string {
  return `${location.origin}${location.pathname}?${query}`;
}

/**
 * Load `url` in an iframe of the given CSS size, kept in the page (rendering is not throttled) but
 * invisible, and resolve once it says every panel and the footer have drawn.
 */
export async function loadFrame(url: string, width: number, height: number, opts: { timeoutMs?: number; visible?: boolean } = {}): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.dataset.exportFrame = 'true';
  Object.assign(frame.style, {
    position: 'fixed', left: '0', top: '0', width: `${width}px`, height: `${height}px`, border: '0',
    opacity: opts.visible ? '1' : '0', pointerEvents: 'none', zIndex: '-1',
  });
  frame.src = url;
  document.body.appendChild(frame);
  const timeout = opts.timeoutMs ?? 90_000;
  const start = performance.now();
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const doc = frame.contentDocument;
      const root = doc?.documentElement;
      const fatal = doc?.querySelector('[data-testid="fatal-error"]');
      if (fatal) throw new ExportError(fatal.textContent?.replace(/\s+/g, ' ').trim() ?? 'failed');
      if (root?.dataset.ready === 'true' && doc!.querySelector('[data-footer-ready="true"]') && !doc!.querySelector('[data-footer-ready="false"]')) break;
      if (performance.now() - start > timeout) throw new ExportError(`not drawn within ${Math.round(timeout / 1000)} s`);
    }
    // fonts the footer's text needs, then two frames so any last resize has been painted
    await frame.contentDocument!.fonts?.ready;
    const win = frame.contentWindow!;
    await new Promise((r) => win.requestAnimationFrame(() => win.requestAnimationFrame(r)));
    return frame;
  } catch (e) {
    frame.remove();
    throw e;
  }
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const normRange = (s: string) => s.replace(/\s+/g, '').toUpperCase() || 'U+0-10FFFF';

/** The document's CSS with the @font-face rules of the fonts it has loaded inlined as data: URLs. */
async function inlineCss(doc: Document): Promise<string> {
  const loaded = new Set<string>();
  doc.fonts?.forEach((f) => {
    if (f.status === 'loaded') loaded.add(`${f.family.replace(/["']/g, '')}|${f.weight}|${normRange(f.unicodeRange)}`);
  });
  const parts: string[] = [];
  const fonts: Promise<string>[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (rule.constructor.name !== 'CSSFontFaceRule') {
        parts.push(rule.cssText);
        continue;
      }
      const st = (rule as CSSFontFaceRule).style;
      const key = `${st.getPropertyValue('font-family').replace(/["']/g, '').trim()}|${st.getPropertyValue('font-weight') || '400'}|${normRange(st.getPropertyValue('unicode-range'))}`;
      if (!loaded.has(key)) continue;
      const m = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(st.getPropertyValue('src'));
      if (!m) continue;
      const url = new URL(m[1]!, sheet.href ?? doc.baseURI).href;
      fonts.push(
        fetch(url)
          .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))
          .then((b) => rule.cssText.replace(m[0], `url(data:font/woff2;base64,${base64(new Uint8Array(b))})`))
          .catch(() => ''), // a font that cannot be inlined falls back to the system's CJK font
      );
    }
  }
  return [...(await Promise.all(fonts)), ...parts].join('\n');
}

/** Paint a laid-out document onto a canvas of `width`×`height` and encode it as PNG. */
export async function rasterise(doc: Document, width: number, height: number): Promise<Blob> {
  const css = await inlineCss(doc);
  const root = doc.documentElement.cloneNode(true) as HTMLElement;
  root.querySelectorAll('script, link, meta, title, iframe, noscript').forEach((n) => n.remove());
  // canvases (charts) become images of their current pixels
  const src = Array.from(doc.querySelectorAll('canvas'));
  const dst = Array.from(root.querySelectorAll('canvas'));
  src.forEach((cv, i) => {
    const img = doc.createElement('img');
    try {
      img.src = cv.toDataURL('image/png');
    } catch {
      /* a WebGL canvas without preserved buffer draws empty */
    }
    img.setAttribute('style', cv.getAttribute('style') ?? '');
    img.style.width = cv.style.width || `${cv.clientWidth}px`;
    img.style.height = cv.style.height || `${cv.clientHeight}px`;
    dst[i]?.replaceWith(img);
  });
  // form fields show their current values; scrolled boxes keep their scroll position
  const srcFields = Array.from(doc.querySelectorAll('input, textarea'));
  Array.from(root.querySelectorAll('input, textarea')).forEach((el, i) => {
    const v = (srcFields[i] as HTMLInputElement | undefined)?.value ?? '';
    if (el instanceof HTMLTextAreaElement || el.tagName === 'TEXTAREA') el.textContent = v;
    else el.setAttribute('value', v);
  });
  const xml = new XMLSerializer().serializeToString(root);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">${xml}</foreignObject></svg>`;
  const img = new Image(width, height);
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ExportError('no 2D canvas');
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new ExportError('PNG encoding failed'))), 'image/png'));
}

/** Render a page at the requested size and return the PNG. */
export async function renderPng(req: PngRequest): Promise<Blob> {
  const frame = await loadFrame(appUrl(pngQuery(req)), req.width, req.height);
  try {
    return await rasterise(frame.contentDocument!, req.width, req.height);
  } finally {
    frame.remove();
  }
}

/** Hand a finished file to the user: Electron's save dialog, or a browser download. Returns where it went. */
export async function deliver(blob: Blob, fileName: string): Promise<{ saved: string | null; cancelled: boolean }> {
  if (window.cockpitShell) {
    const r = await invoke('saveExportFile', { fileName, dataBase64: base64(new Uint8Array(await blob.arrayBuffer())) });
    if (r.error) throw new ExportError(r.error);
    return { saved: r.saved, cancelled: r.saved === null };
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: fileName, cancelled: false };
}

/**
 * PDF: Electron prints the print view with printToPDF (vector, selectable text) and saves it; the
 * browser prints it from a hidden iframe through its print dialog ("Save as PDF"), the file name
 * suggested through the document title.
 */
export async function exportPdf(req: PrintRequest, fileName: string): Promise<{ saved: string | null; cancelled: boolean }> {
  if (window.cockpitShell) {
    const r = await invoke('exportPdf', { ...req, fileName });
    if (r.error) throw new ExportError(r.error);
    return { saved: r.saved, cancelled: r.saved === null };
  }
  const { width, height } = sheetPx(req.size);
  const frame = await loadFrame(appUrl(printQuery(req)), width, height);
  try {
    const win = frame.contentWindow!;
    win.document.title = fileName.replace(/\.pdf$/, '');
    win.focus();
    win.print(); // returns when the print dialog closes
    return { saved: null, cancelled: false };
  } finally {
    setTimeout(() => frame.remove(), 1000);
  }
}
