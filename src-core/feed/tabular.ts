/**
 * Spreadsheet rows (CSV or XLSX, already parsed by a well-kept library at the edge) → model
 * observations, with everything Excel implies: a title row or merged group header above the real
 * header, Chinese column names, trailing empty rows, numbers stored as text with thousands separators
 * or 万/亿 suffixes and qualifier words (8.1万余, 约1500), percent cells, Excel date serials and
 * Chinese dates. Every problem names the file, the row (as Excel numbers it), the column and what is wrong.
 */
import type { Indicator, Observation, Qualifier } from '../model';
import type { FeedIssue } from './format';

export type Cell = string | number | boolean | null | undefined;
export interface Sheet { name: string; rows: Cell[][] }

export interface NamedCatalog {
  indicators: readonly Pick<Indicator, 'id' | 'nameZh' | 'nameEn' | 'unit' | 'unitZh' | 'unitEn'>[];
  cities: readonly { id: string; adcode: string; nameZh: string; nameEn: string }[];
  counties: readonly { adcode: string; cityId: string; nameZh: string; nameEn: string }[];
}

type Field = 'id' | 'indicator' | 'city' | 'county' | 'asOf' | 'value' | 'unit' | 'qualifier' | 'source' | 'notes' | 'quote' | 'metric';

const ALIASES: Record<Field, string[]> = {
  id: ['id', '编号', '记录编号', '序号id', 'observationid', 'observation_id'],
  indicator: ['指标', '指标名称', '指标编号', '指标代码', '指标id', 'indicator', 'indicatorid', 'indicator_id'],
  city: ['城市', '市', '地市', '城市名称', '设区市', '城市编号', 'city', 'cityid', 'city_id', 'cityadcode', 'city_adcode'],
  county: ['区县', '县区', '县市区', '区县名称', '区县代码', '区划代码', 'county', 'countyadcode', 'county_adcode'],
  asOf: ['日期', '数据日期', '截至日期', '截止日期', '统计日期', '时间', '统计时间', '时点', 'asof', 'as_of', 'date'],
  value: ['数值', '值', '数据', '数量', '指标值', 'value'],
  unit: ['单位', '计量单位', 'unit'],
  qualifier: ['限定词', '修饰词', '限定', 'qualifier', 'qualifierzh', 'qualifier_zh'],
  source: ['来源', '数据来源', '出处', '来源单位', 'source'],
  notes: ['说明', '备注', 'notes', 'note'],
  quote: ['原文', '原文摘录', '摘录', 'quote', 'quotezh', 'quote_zh'],
  metric: ['口径', '原文指标', 'metric', 'metriczh', 'metric_zh'],
};

const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]/g, '').replace(/[（(].*?[）)]/g, '').toLowerCase();

function fieldOf(header: string): Field | undefined {
  const h = norm(header);
  for (const f of Object.keys(ALIASES) as Field[]) if (ALIASES[f].includes(h)) return f;
  return undefined;
}

const colLetter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : colLetter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** A cell as text; NFKC turns full-width digits, letters and signs (１２．５％, ２０３０年) into their ASCII forms. */
const text = (c: Cell): string => (c === null || c === undefined ? '' : typeof c === 'string' ? c.replace(/^\uFEFF/, '').normalize('NFKC').trim() : String(c));
const blank = (row: Cell[] | undefined) => !row || row.every((c) => text(c) === '');

/** Excel's date serial (1900 system, with its 1900-02-29 bug) → YYYY-MM-DD. */
export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function validDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}
const monthEnd = (y: number, m: number) => validDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());

/** A date cell → YYYY-MM-DD: Excel serials, 2024-06-30, 2024/6/30, 2024.6.30, 20240630, 2024年6月30日; a month alone means its last day. */
export function parseDateCell(c: Cell): string | undefined {
  if (typeof c === 'number') {
    if (c > 20_000 && c < 80_000) return excelSerialToIso(c);
    if (c >= 19_000_101 && c <= 21_001_231) return parseDateCell(String(c));
    return undefined;
  }
  const s = text(c);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (m) return validDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})[-/.年](\d{1,2})月?(?:底|末)?$/.exec(s);
  if (m) return monthEnd(+m[1]!, +m[2]!);
  m = /^(\d{4})年?(?:底|末)?$/.exec(s);
  if (m) return validDate(+m[1]!, 12, 31);
  if (/^\d+(\.\d+)?$/.test(s)) return parseDateCell(Number(s));
  return undefined;
}

const QUALIFIER_WORDS: [RegExp, Qualifier, string][] = [
  [/^(约|大约|大概)/, 'about', '约'],
  [/^(近|将近|接近)/, 'less_than', '近'],
  [/^(超过|逾|超)/, 'more_than', '超过'],
];
const QUALIFIER_SUFFIX: [RegExp, Qualifier, string][] = [
  [/余$/, 'more_than', '余'],
  [/多$/, 'more_than', '多'],
  [/以上$/, 'more_than', '以上'],
];

export interface ParsedNumber { value: number; qualifier: Qualifier | null; qualifierZh: string; percent: boolean }

/** A value cell → number: 1,234.5 / 1 234 / 12.5万 / 3.2亿条 / 8.1万余人 / 约1500 / 93.6% / (1,234). */
export function parseNumberCell(c: Cell): ParsedNumber | undefined {
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c, qualifier: null, qualifierZh: '', percent: false } : undefined;
  let s = text(c).replace(/[\s\u3000]/g, '').replace(/[，,](?=\d{3}(\D|$))/g, '');
  if (!s) return undefined;
  let qualifier: Qualifier | null = null;
  let qualifierZh = '';
  for (const [re, q, zh] of QUALIFIER_WORDS) if (re.test(s)) {
    qualifier = q;
    qualifierZh = zh;
    s = s.replace(re, '');
  }
  let neg = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    neg = true;
    s = paren[1]!;
  }
  const m = /^([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(万亿|亿|万|千|百)?(余|多|以上)?(%|％)?([^\d]*)$/.exec(s);
  if (!m) return undefined;
  let value = Number(m[1]);
  const mult = m[2] === '万亿' ? 1e12 : m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : m[2] === '千' ? 1e3 : m[2] === '百' ? 1e2 : 1;
  value *= mult;
  let tail = m[5] ?? '';
  if (m[3]) {
    qualifier = 'more_than';
    qualifierZh = m[3];
  } else {
    for (const [re, q, zh] of QUALIFIER_SUFFIX) if (re.test(tail)) {
      qualifier = q;
      qualifierZh = zh;
      tail = tail.replace(re, '');
    }
  }
  // a unit word may follow (条, 人, 个, 件, 项, 次, 元 …); anything else is not a number
  if (tail && !/^[\u4e00-\u9fa5A-Za-z/]{1,6}$/.test(tail)) return undefined;
  if (mult !== 1) value = Math.round(value * 1e6) / 1e6;
  return { value: neg ? -value : value, qualifier, qualifierZh, percent: !!m[4] };
}

/** 万条 → ×1e4; 亿元 → ×1e8; % → percent; the rest is the unit noun. */
function unitCell(s: string): { mult: number; noun: string } {
  const m = /^(万亿|亿|万|千|百)?(.*)$/.exec(s.replace(/[\s（()）]/g, ''))!;
  const mult = m[1] === '万亿' ? 1e12 : m[1] === '亿' ? 1e8 : m[1] === '万' ? 1e4 : m[1] === '千' ? 1e3 : m[1] === '百' ? 1e2 : 1;
  return { mult, noun: m[2] ?? '' };
}

export interface TableImport {
  observations: Observation[];
  issues: FeedIssue[];
  /** data rows read (blank rows not counted) */
  rows: number;
}

/**
 * Read sheets into observations for `source`. Each sheet needs a header row (found among the first 10
 * rows) naming at least the indicator, the city or county, the date and the value.
 */
export function importTable(file: string, sheets: readonly Sheet[], source: string, catalog: NamedCatalog, maxIssues = 500): TableImport {
  const issues: FeedIssue[] = [];
  const observations: Observation[] = [];
  let rowsRead = 0;
  const indByKey = new Map<string, NamedCatalog['indicators'][number]>();
  for (const i of catalog.indicators) for (const k of [i.id, i.nameZh, i.nameEn]) indByKey.set(norm(k), i);
  const cityByKey = new Map<string, NamedCatalog['cities'][number]>();
  for (const c of catalog.cities) for (const k of [c.id, c.adcode, c.nameZh, c.nameZh.replace(/市$/, ''), c.nameEn]) cityByKey.set(norm(k), c);
  const countyByKey = new Map<string, NamedCatalog['counties'][number][]>();
  for (const c of catalog.counties) for (const k of [c.adcode, c.nameZh, c.nameEn]) countyByKey.set(norm(k), [...(countyByKey.get(norm(k)) ?? []), c]);
  const seen = new Map<string, string>();
  let unlisted = 0;

  for (const sheet of sheets) {
    const where = sheets.length > 1 ? `${file} [${sheet.name}]` : file;
    const add = (row: number, column: string, message: string) => {
      if (issues.length < maxIssues) issues.push({ file: where, row, column, message, path: `${where}:${row}:${column}` });
      else unlisted++;
    };
    let headerAt = -1;
    let cols: { field: Field; index: number; header: string }[] = [];
    for (let r = 0; r < Math.min(10, sheet.rows.length); r++) {
      const found = (sheet.rows[r] ?? []).map((c, index) => ({ field: fieldOf(text(c)), index, header: text(c) })).filter((x): x is { field: Field; index: number; header: string } => !!x.field);
      const fields = new Set(found.map((f) => f.field));
      if (fields.has('indicator') && fields.has('value')) {
        headerAt = r;
        cols = found.filter((f, i) => found.findIndex((g) => g.field === f.field) === i);
        break;
      }
    }
    if (headerAt < 0) {
      if (sheets.length > 1 && sheet.rows.every((r) => blank(r))) continue;
      add(1, '-', '找不到表头行（需要至少包含“指标”和“数值”两列） / no header row found (needs at least 指标/indicator and 数值/value columns)');
      continue;
    }
    const col = (f: Field) => cols.find((c) => c.field === f);
    const colName = (f: Field) => {
      const c = col(f);
      return c ? `${c.header} (${colLetter(c.index)})` : f;
    };
    for (const need of ['city', 'asOf'] as const) {
      if (!col(need) && !(need === 'city' && col('county'))) add(headerAt + 1, need === 'city' ? '城市/city' : '日期/date', `缺少“${need === 'city' ? '城市' : '日期'}”列 / missing ${need === 'city' ? 'city' : 'date'} column`);
    }
    if (!col('asOf') || (!col('city') && !col('county'))) continue;

    for (let r = headerAt + 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (blank(row)) continue;
      rowsRead++;
      const excelRow = r + 1;
      const cell = (f: Field): Cell => {
        const c = col(f);
        return c ? row![c.index] : undefined;
      };
      let ok = true;
      const bad = (f: Field, message: string) => {
        ok = false;
        add(excelRow, colName(f), message);
      };
      const indText = text(cell('indicator'));
      const ind = indText ? indByKey.get(norm(indText)) : undefined;
      if (!indText) bad('indicator', '指标为空 / indicator is empty');
      else if (!ind) bad('indicator', `未知指标“${indText}” / unknown indicator "${indText}"`);

      const countyText = text(cell('county'));
      const cityText = text(cell('city'));
      let city = cityText ? cityByKey.get(norm(cityText)) : undefined;
      let countyAdcode: string | null = null;
      if (cityText && !city) bad('city', `未知城市“${cityText}” / unknown city "${cityText}"`);
      if (countyText) {
        const cands = (countyByKey.get(norm(countyText)) ?? []).filter((c) => !city || c.cityId === city.id);
        if (cands.length !== 1) bad('county', cands.length ? `区县“${countyText}”不唯一，请填写区划代码 / ambiguous county "${countyText}": use its adcode` : `未知区县“${countyText}”${city ? `（${city.nameZh}）` : ''} / unknown county "${countyText}"`);
        else {
          countyAdcode = cands[0]!.adcode;
          city ??= catalog.cities.find((c) => c.id === cands[0]!.cityId);
        }
      }
      if (!cityText && !countyText) bad('city', '城市为空 / city is empty');

      const asOf = parseDateCell(cell('asOf'));
      if (!asOf) bad('asOf', text(cell('asOf')) ? `无法识别的日期“${text(cell('asOf'))}” / not a date` : '日期为空 / date is empty');

      const raw = cell('value');
      const num = parseNumberCell(raw);
      let value: number | null = null;
      let qualifier: Qualifier = 'exact';
      let qualifierZh = '';
      if (!num) bad('value', text(raw) ? `不是数值：“${text(raw)}” / not a number` : '数值为空 / value is empty');
      else {
        value = num.value;
        if (num.qualifier) {
          qualifier = num.qualifier;
          qualifierZh = num.qualifierZh;
        }
        const u = unitCell(text(cell('unit')));
        value = Math.round(value * u.mult * 1e6) / 1e6;
        if (ind) {
          if (ind.unit === 'percent') {
            // 0.936 from a percent-formatted cell arrives as "93.6%"; a bare 0.936 in a percent column stays as written
            if (u.noun && !/^(%|％|百分比|percent)$/i.test(u.noun)) bad('unit', `单位“${u.noun}”与指标单位（%）不一致 / unit "${u.noun}" does not match the indicator's unit (%)`);
          } else {
            if (num.percent) bad('value', `指标“${ind.nameZh}”不是百分比，不能填“${text(raw)}” / the indicator is not a percentage`);
            if (u.noun && ![ind.unitZh, ind.unitEn, ind.unit].filter(Boolean).some((x) => norm(x) === norm(u.noun))) {
              bad('unit', `单位“${u.noun}”与指标单位“${ind.unitZh || ind.unit}”不一致 / unit "${u.noun}" does not match the indicator's unit (${ind.unitEn || ind.unit})`);
            }
          }
        }
      }
      const qText = text(cell('qualifier'));
      if (qText) {
        const q = ({ 余: 'more_than', 多: 'more_than', 超过: 'more_than', 以上: 'more_than', 约: 'about', 近: 'less_than', 精确: 'exact', exact: 'exact', more_than: 'more_than', about: 'about', less_than: 'less_than' } as Record<string, Qualifier>)[qText];
        if (!q) bad('qualifier', `无法识别的限定词“${qText}”（可用：余 多 超过 约 近） / unknown qualifier`);
        else {
          qualifier = q;
          qualifierZh = /[\u4e00-\u9fa5]/.test(qText) && q !== 'exact' ? qText : '';
        }
      }
      if (!ok || !ind || !city || !asOf) continue;
      const id = text(cell('id')) || `${ind.id}|${city.id}|${countyAdcode ?? ''}|${asOf}`;
      const key = `${ind.id}|${city.id}|${countyAdcode ?? ''}|${asOf}`;
      const first = seen.get(id) ?? seen.get(`fig:${key}`);
      if (first) {
        add(excelRow, colName(col('id') ? 'id' : 'indicator'), `与第 ${first} 行重复（同一指标、地区和日期） / duplicates row ${first}`);
        continue;
      }
      seen.set(id, `${excelRow}`);
      seen.set(`fig:${key}`, `${excelRow}`);
      const src = text(cell('source'));
      const notes = [text(cell('notes')), src ? `来源：${src}` : ''].filter(Boolean).join('；');
      observations.push({
        id, indicatorId: ind.id, cityId: city.id, countyAdcode, asOf, asOfBasis: 'feed', value, qualifier, qualifierZh, docId: null,
        quoteZh: text(cell('quote')), metricZh: text(cell('metric')), flags: [], notes, conflictGroup: null, source,
      });
    }
  }
  if (unlisted) issues.push({ file, path: file, row: 0, column: '-', message: `另有 ${unlisted} 个问题未列出（只列出前 ${maxIssues} 个） / ${unlisted} more problems not listed (the first ${maxIssues} are)` });
  return { observations, issues, rows: rowsRead };
}
