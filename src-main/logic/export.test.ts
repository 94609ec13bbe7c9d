import { describe, expect, it, vi } from 'vitest';
import { createExporter, isPng, pdfOptions, printUrl, type ExportDeps, type HiddenPage } from './export';
import { parseArgs } from '../../src-core/contract';

const PDF = new TextEncoder().encode('%PDF-1.7\n…');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const req = { target: { kind: 'story' as const, story: 'four-cities' }, size: 'a4' as const, lang: 'zh-CN' as const, fileName: '四市-四市大数据工作汇报-2026-11-22.pdf' };

function fakes(opts: { readyAfter?: number; dialog?: string | null; pdf?: Uint8Array; fatal?: string } = {}) {
  let polls = 0;
  let t = 0;
  const page: HiddenPage & { closed: boolean } = {
    closed: false,
    evaluate: vi.fn(async (e: string) => {
      if (e.includes('fatal-error')) return opts.fatal ?? null;
      return ++polls > (opts.readyAfter ?? 2) ? 'true' : 'false';
    }),
    printToPDF: vi.fn(async () => opts.pdf ?? PDF),
    close() {
      this.closed = true;
    },
  };
  const written: [string, Uint8Array][] = [];
  const deps: ExportDeps = {
    openHidden: vi.fn(async () => page),
    saveDialog: vi.fn(async () => (opts.dialog === undefined ? '/home/u/Documents/out.pdf' : opts.dialog)),
    writeFile: vi.fn(async (f: string, d: Uint8Array) => void written.push([f, d])),
    sleep: async (ms) => void (t += ms),
    now: () => t,
  };
  return { page, deps, written };
}

describe('PDF export (Electron)', () => {
  it('asks where, prints the print view once every panel has drawn, writes the file', async () => {
    const f = fakes({ readyAfter: 3 });
    const r = await createExporter(f.deps).exportPdf(req);
    expect(r).toEqual({ saved: '/home/u/Documents/out.pdf', error: null });
    expect(f.deps.saveDialog).toHaveBeenCalledWith(req.fileName, 'pdf');
    expect(f.deps.openHidden).toHaveBeenCalledWith('app://cockpit/index.html?print=story&story=four-cities&size=a4&lang=zh-CN', { width: 1123, height: 794 });
    expect(f.page.printToPDF).toHaveBeenCalledWith(pdfOptions('a4'));
    expect(f.written).toEqual([['/home/u/Documents/out.pdf', PDF]]);
    expect(f.page.closed).toBe(true);
  });
  it('does nothing when the dialog is cancelled', async () => {
    const f = fakes({ dialog: null });
    expect(await createExporter(f.deps).exportPdf(req)).toEqual({ saved: null, error: null });
    expect(f.deps.openHidden).not.toHaveBeenCalled();
  });
  it('reports a print view that never gets ready, or fails, and closes the window', async () => {
    const slow = fakes({ readyAfter: 1e9 });
    const r = await createExporter(slow.deps).exportPdf(req);
    expect(r.saved).toBeNull();
    expect(r.error).toMatch(/^四市-四市大数据工作汇报-2026-11-22\.pdf: the print view was not ready within 90 s/);
    expect(slow.page.closed).toBe(true);
    expect(slow.written).toEqual([]);
    const broken = fakes({ fatal: 'Page configuration invalid' });
    expect((await createExporter(broken.deps).exportPdf(req)).error).toMatch(/the print view failed: Page configuration invalid/);
    const notPdf = fakes({ pdf: new Uint8Array([1, 2, 3]) });
    expect((await createExporter(notPdf.deps).exportPdf(req)).error).toMatch(/returned no PDF/);
  });
  it('uses the sheet sizes of the print CSS', () => {
    expect(pdfOptions('a4')).toMatchObject({ pageSize: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    expect(pdfOptions('16x9')).toMatchObject({ pageSize: { width: 13.333, height: 7.5 }, landscape: false });
    expect(printUrl({ ...req, target: { kind: 'page', page: 'overview', city: 'linyi' }, size: '16x9', lang: 'en' })).toBe('app://cockpit/index.html?print=page&page=overview&city=linyi&size=16x9&lang=en');
  });
  it('refuses bad requests at the contract', () => {
    expect(() => parseArgs('exportPdf', [{ ...req, fileName: '../../etc/passwd.pdf' }])).toThrow(/fileName/);
    expect(() => parseArgs('exportPdf', [{ ...req, fileName: 'a.exe' }])).toThrow(/fileName/);
    expect(() => parseArgs('exportPdf', [{ ...req, target: { kind: 'story', story: 'a/../b' } }])).toThrow(/story/);
    expect(() => parseArgs('exportPdf', [{ ...req, size: 'letter' }])).toThrow(/size/);
    expect(parseArgs('exportPdf', [req])).toEqual([req]);
  });
});

describe('PNG save (Electron)', () => {
  const b64 = Buffer.from(PNG).toString('base64');
  it('writes a PNG where the user says', async () => {
    const f = fakes({ dialog: '/tmp/x.png' });
    const r = await createExporter(f.deps).saveExportFile({ fileName: '临沂-总览-2026-11-22.png', dataBase64: b64 });
    expect(r).toEqual({ saved: '/tmp/x.png', error: null });
    expect(f.deps.saveDialog).toHaveBeenCalledWith('临沂-总览-2026-11-22.png', 'png');
    expect([...f.written[0]![1]]).toEqual([...PNG]);
  });
  it('refuses what is not a PNG before asking', async () => {
    const f = fakes();
    const r = await createExporter(f.deps).saveExportFile({ fileName: 'a.png', dataBase64: Buffer.from('GIF89a....').toString('base64') });
    expect(r.error).toMatch(/not a PNG/);
    expect(f.deps.saveDialog).not.toHaveBeenCalled();
    expect(isPng(PNG)).toBe(true);
    expect(() => parseArgs('saveExportFile', [{ fileName: 'a.png', dataBase64: 'not base64!' }])).toThrow(/base64/);
    expect(() => parseArgs('saveExportFile', [{ fileName: 'a.pdf', dataBase64: b64 }])).toThrow(/png/);
  });
});
