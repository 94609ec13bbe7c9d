/**
 * Real import files as bureaus produce them, generated for the tests (nothing binary is committed):
 * an XLSX written by SheetJS (@e965/xlsx, the parser the cockpit uses) with a merged title row, a
 * blank row, Chinese headers, a date-formatted cell, a percent-formatted cell, numbers stored as text
 * with 万/亿 and thousands separators, and trailing empty rows; a GBK-encoded CSV (code page 936, as
 * Excel on a Chinese Windows saves "CSV"); a UTF-8 CSV with a BOM; and a CSV full of mistakes.
 */
import * as XLSX from '@e965/xlsx';
import { createRequire } from 'node:module';

const cptable = createRequire(import.meta.url)('@e965/xlsx/dist/cpexcel.js');

/** Excel date serial of a UTC date */
const serial = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;

export function bureauXlsx() {
  const ws = {};
  const put = (ref, cell) => (ws[ref] = cell);
  put('A1', { t: 's', v: '2030年1月数据资源汇聚情况统计表' });
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 7 } }];
  // row 2 blank; row 3 header
  ['指标', '城市', '区县', '日期', '数值', '单位', '限定词', '来源'].forEach((h, c) => put(XLSX.utils.encode_cell({ r: 2, c }), { t: 's', v: h }));
  const rows = [
    ['汇聚数据总量', '临沂市', '', { t: 'n', v: serial('2030-01-31'), z: 'yyyy-mm-dd' }, '17.5亿', '条', '余', '市大数据局'],
    ['汇聚数据总量', '宣城', '', '2030年1月31日', '1,234,567', '条', '', ''],
    ['自建系统对接占比', '济宁市', '', '2030/1/31', { t: 'n', v: 0.936, z: '0.0%' }, '', '', ''],
    ['汇聚数据总量', '临沂市', '兰山区', '2030-01', '12.5万', '', '约', ''],
  ];
  rows.forEach((row, i) => row.forEach((v, c) => {
    if (v === '') return;
    put(XLSX.utils.encode_cell({ r: 3 + i, c }), typeof v === 'object' ? v : { t: 's', v });
  }));
  // trailing "empty" rows that Excel keeps when cells were cleared
  for (let r = 7; r < 12; r++) put(XLSX.utils.encode_cell({ r, c: 0 }), { t: 's', v: '' });
  ws['!ref'] = 'A1:H12';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '汇聚情况');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

export const GBK_CSV_TEXT = '指标,城市,日期,数值,限定词\r\n汇聚数据总量,潍坊市,2030/1/31,"9,100,000",近\r\n汇聚数据总量,济宁,2030-01-31,158亿,\r\n\r\n';
export function gbkCsv() {
  return new Uint8Array(cptable.utils.encode(936, GBK_CSV_TEXT));
}

export function bomCsv() {
  return new TextEncoder().encode('\uFEFFindicator,city,date,value\r\ndata.aggregated_records,linyi,2030-02-28,1.8亿\r\n');
}

export const BAD_CSV_TEXT = [
  '指标,城市,日期,数值,单位',
  '汇聚数据总量,临沂市,2030-01-31,17亿,条', // fine
  '不存在的指标,临沂市,2030-01-31,5,', // unknown indicator
  '汇聚数据总量,火星市,2030-01-31,5,', // unknown city
  '汇聚数据总量,临沂市,2030-13-45,5,', // bad date
  '汇聚数据总量,宣城市,2030-01-31,很多,', // not a number
  '汇聚数据总量,济宁市,2030-01-31,5,公斤', // wrong unit
  '汇聚数据总量,临沂市,2030-01-31,18亿,条', // duplicate of row 2
].join('\n');
export function badCsv() {
  return new TextEncoder().encode(BAD_CSV_TEXT);
}

/** A valid JSON feed document for import. */
export function importJson() {
  return new TextEncoder().encode(JSON.stringify({
    format: 'city-brain-cockpit-feed', version: 1, generatedAt: '2030-03-01T09:00:00+08:00', source: { name: '导入测试' },
    observations: [{ id: 'j1', indicatorId: 'data.aggregated_records', cityId: 'weifang', asOf: '2030-02-28', value: 950000000 }],
  }));
}

/**
 * More of what Excel does to a bureau's table: a two-level header with merged group cells, the
 * indicator and the date merged down several rows (the value sits in the top cell only), full-width
 * digits and commas typed with a Chinese input method, a number stored as text with thousands
 * separators, whitespace-only trailing rows.
 */
export function mergedXlsx() {
  const ws = {};
  const put = (ref, cell) => (ws[ref] = typeof cell === 'object' ? cell : { t: 's', v: cell });
  put('A1', '各市数据汇聚情况（2030年1月）');
  put('A2', '基本信息');
  put('D2', '统计数据');
  ['指标', '城市', '日期', '数值', '单位', '备注'].forEach((h, c) => put(XLSX.utils.encode_cell({ r: 2, c }), h));
  put('A4', '汇聚数据总量');
  put('C4', { t: 'n', v: serial('2030-01-31'), z: 'yyyy"年"m"月"d"日"' });
  put('B4', '临沂市');
  put('D4', '１２．５亿');
  put('B5', '济宁市');
  put('D5', '3,456,789');
  put('B6', '潍坊市');
  put('D6', { t: 'n', v: 158000000 });
  ['E4', 'E5', 'E6'].forEach((r) => put(r, '条'));
  put('A7', '汇聚数据总量');
  put('B7', '宣城');
  put('C7', '２０３０年１月３１日');
  put('D7', '９８，７６５');
  put('F7', '手工录入');
  put('A9', '   ');
  put('B10', '');
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 5 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: 2 } },
    { s: { r: 1, c: 3 }, e: { r: 1, c: 5 } },
    { s: { r: 3, c: 0 }, e: { r: 5, c: 0 } },
    { s: { r: 3, c: 2 }, e: { r: 5, c: 2 } },
  ];
  ws['!ref'] = 'A1:F12';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

/** A workbook saved in Mac Excel's 1904 date system: the same date has a serial 1462 lower. */
export function mac1904Xlsx() {
  const ws = {};
  ['指标', '城市', '日期', '数值'].forEach((h, c) => (ws[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: h }));
  ws.A2 = { t: 's', v: 'data.aggregated_records' };
  ws.B2 = { t: 's', v: 'linyi' };
  ws.C2 = { t: 'n', v: serial('2030-01-31') - 1462, z: 'yyyy-mm-dd' };
  ws.D2 = { t: 'n', v: 42 };
  ws['!ref'] = 'A1:D2';
  const wb = XLSX.utils.book_new();
  wb.Workbook = { WBProps: { date1904: true } };
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

/** A CSV with more mistakes than the preview lists. */
export function manyErrorsCsv(n = 620) {
  const rows = ['指标,城市,日期,数值'];
  for (let i = 0; i < n; i++) rows.push(`汇聚数据总量,临沂市,2030-01-31,坏值${i}`);
  return new TextEncoder().encode(rows.join('\n'));
}
