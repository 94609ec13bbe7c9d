/**
 * Spreadsheet files → rows of cells, in the data worker, with well-kept parsers: Papa Parse for CSV
 * (after decoding UTF-8 / UTF-8 with BOM / UTF-16 / GBK), SheetJS (@e965/xlsx, loaded only when an
 * XLSX arrives) for Excel workbooks. Cell formats matter: a date-formatted number is an Excel date
 * serial, a percent-formatted 0.936 is 93.6%. The rest (headers, numbers, dates) is src-core/feed/tabular.ts.
 */
import Papa from 'papaparse';
import { decodeSpreadsheetText } from '../../src-core/feed/parse';
import { excelSerialToIso, type Cell, type Sheet } from '../../src-core/feed/tabular';

export async function readSpreadsheet(file: string, bytes: Uint8Array): Promise<{ format: string; sheets: Sheet[] }> {
  const lower = file.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // XLSX is a zip
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf; // legacy .xls
  if (lower.endsWith('.xlsx') || lower.endsWith('.xls') || isZip || isOle) return { format: lower.endsWith('.xls') || isOle ? 'xls' : 'xlsx', sheets: await readWorkbook(bytes) };
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new Error(`CSV 第 ${(fatal.row ?? 0) + 1} 行引号不配对 / unbalanced quotes at row ${(fatal.row ?? 0) + 1}`);
  return { format: `csv (${encoding})`, sheets: [{ name: file, rows: parsed.data }] };
}

async function readWorkbook(bytes: Uint8Array): Promise<Sheet[]> {
  const XLSX = await import('@e965/xlsx');
  let wb;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, cellText: false, dense: false });
  } catch (e) {
    throw new Error(`不是可读取的 Excel 文件 / not a readable Excel workbook: ${(e as Error).message}`);
  }
  // Mac Excel's 1904 date system: serials count from 1904-01-01 (1462 days later than the 1900 system)
  const serialOffset = (wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904 ? 1462 : 0;
  const sheets: Sheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws || !ws['!ref']) continue;
    const range = XLSX.utils.decode_range(ws['!ref']);
    const rows: Cell[][] = [];
    for (let r = 0; r <= range.e.r; r++) {
      const row: Cell[] = [];
      for (let c = 0; c <= range.e.c; c++) {
        const cell = ws[XLSX.utils.encode_cell({ r, c })] as { t: string; v: unknown; z?: string | number } | undefined;
        row.push(cell ? cellValue(cell, XLSX.SSF.is_date, serialOffset) : null);
      }
      rows.push(row);
    }
    // Merged cells hold their value in the top-left cell only: a region or indicator merged down
    // several rows (or a header across columns) applies to every cell of the merge.
    for (const m of (ws['!merges'] ?? []) as { s: { r: number; c: number }; e: { r: number; c: number } }[]) {
      const v = rows[m.s.r]?.[m.s.c];
      if (v === null || v === undefined) continue;
      for (let r = m.s.r; r <= Math.min(m.e.r, range.e.r); r++) for (let c = m.s.c; c <= Math.min(m.e.c, range.e.c); c++) if (rows[r]![c] === null) rows[r]![c] = v;
    }
    sheets.push({ name, rows });
  }
  return sheets;
}

function cellValue(cell: { t: string; v: unknown; z?: string | number }, isDate: (fmt: string | number) => boolean, serialOffset: number): Cell {
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      const fmt = cell.z;
      if (fmt !== undefined && fmt !== 'General' && isDate(fmt)) return excelSerialToIso(v + serialOffset);
      if (typeof fmt === 'string' && fmt.includes('%')) return `${Math.round(v * 100 * 1e9) / 1e9}%`;
      return v;
    }
    case 'd':
      return (cell.v as Date).toISOString().slice(0, 10);
    case 'b':
      return cell.v as boolean;
    case 'e':
      return '#ERROR';
    default:
      return cell.v === undefined || cell.v === null ? null : String(cell.v);
  }
}
