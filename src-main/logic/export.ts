/**
 * Briefing exports in the Electron shell, kept free of electron (main.ts injects the edges):
 * - PDF: ask where to save, load the renderer's print view for the request in a hidden window at the
 *   sheet size, wait until every panel has drawn (<html data-ready="true">), printToPDF with the
 *   print CSS's own page size (A4 landscape or 16:9), write atomically.
 * - PNG: the renderer renders the image itself (at the chosen resolution); here it is only checked
 *   to be a PNG and written atomically where the user says.
 * Arguments arrive validated by the contract (the IPC sender is checked before that).
 */
import type { ExportResult, FileExportRequest, PdfExportRequest } from '../../src-core/contract';
import { printQuery, sheetPx, type SheetSize } from '../../src-core/briefing/print';
import { APP_ORIGIN } from './policy';

export interface HiddenPage {
  /** evaluate `document.documentElement.dataset.ready` (or any expression) in the page */
  evaluate(expression: string): Promise<unknown>;
  printToPDF(options: PdfOptions): Promise<Uint8Array>;
  close(): void;
}

export interface ExportDeps {
  /** a hidden, sandboxed window of the given content size showing `url` (resolves once loaded) */
  openHidden(url: string, size: { width: number; height: number }): Promise<HiddenPage>;
  /** the save dialog; null when cancelled */
  saveDialog(defaultName: string, kind: 'pdf' | 'png'): Promise<string | null>;
  writeFile(file: string, data: Uint8Array): Promise<void>;
  sleep?(ms: number): Promise<void>;
  now?(): number;
}

export interface PdfOptions {
  printBackground: boolean;
  preferCSSPageSize: boolean;
  landscape: boolean;
  pageSize: 'A4' | { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number };
  generateTaggedPDF: boolean;
  generateDocumentOutline: boolean;
}

/** printToPDF options for a sheet size (inches; the print CSS's @page size wins where they differ). */
export function pdfOptions(size: SheetSize): PdfOptions {
  return {
    printBackground: true,
    preferCSSPageSize: true,
    landscape: size === 'a4',
    pageSize: size === 'a4' ? 'A4' : { width: 13.333, height: 7.5 },
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

export const PRINT_READY_TIMEOUT_MS = 90_000;

/** The print view's URL inside the app. */
export function printUrl(req: PdfExportRequest): string {
  const { fileName: _f, ...r } = req;
  return `${APP_ORIGIN}/index.html?${printQuery(r)}`;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createExporter(deps: ExportDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? Date.now;

  async function waitReady(page: HiddenPage, timeoutMs: number): Promise<void> {
    const start = now();
    for (;;) {
      const v = await page.evaluate('document.documentElement.dataset.ready');
      if (v === 'true') return;
      const failed = await page.evaluate('document.querySelector("[data-testid=fatal-error]")?.textContent ?? null');
      if (typeof failed === 'string' && failed) throw new Error(`the print view failed: ${failed}`);
      if (now() - start > timeoutMs) throw new Error(`the print view was not ready within ${Math.round(timeoutMs / 1000)} s`);
      await sleep(200);
    }
  }

  return {
    async exportPdf(req: PdfExportRequest): Promise<ExportResult> {
      const file = await deps.saveDialog(req.fileName, 'pdf');
      if (!file) return { saved: null, error: null };
      let page: HiddenPage | null = null;
      try {
        page = await deps.openHidden(printUrl(req), sheetPx(req.size));
        await waitReady(page, PRINT_READY_TIMEOUT_MS);
        const pdf = await page.printToPDF(pdfOptions(req.size));
        if (pdf.length < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') throw new Error('printToPDF returned no PDF');
        await deps.writeFile(file, pdf);
        return { saved: file, error: null };
      } catch (e) {
        return { saved: null, error: `${req.fileName}: ${message(e)}` };
      } finally {
        page?.close();
      }
    },

    async saveExportFile(req: FileExportRequest): Promise<ExportResult> {
      const bytes = Uint8Array.from(Buffer.from(req.dataBase64, 'base64'));
      if (!isPng(bytes)) return { saved: null, error: `${req.fileName}: the data is not a PNG image` };
      const file = await deps.saveDialog(req.fileName, 'png');
      if (!file) return { saved: null, error: null };
      try {
        await deps.writeFile(file, bytes);
        return { saved: file, error: null };
      } catch (e) {
        return { saved: null, error: `${file}: ${message(e)}` };
      }
    },
  };
}
