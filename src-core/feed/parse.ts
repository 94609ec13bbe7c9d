/** Bytes of a JSON feed document → a validated Feed, or a FeedError that says what is wrong and where. */
import { FeedError } from './fetch';
import { formatIssues, validateFeed, type Feed } from './format';

type Decoder = new (label: string, opts?: { fatal: boolean }) => { decode(b: Uint8Array): string };
const TD = (globalThis as unknown as { TextDecoder: Decoder }).TextDecoder;

export function decodeUtf8(bytes: Uint8Array): string {
  return new TD('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
}

export function parseFeedJson(bytes: Uint8Array): Feed {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    throw new FeedError('parse', 'the document is not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    if (/end of JSON|Unterminated|Unexpected end/i.test(msg) || isCutShort(text)) throw new FeedError('truncated', `the JSON document is cut short (${msg})`);
    throw new FeedError('parse', `not valid JSON (${msg})`);
  }
  const r = validateFeed(value);
  if (!r.ok) {
    const dup = r.issues.every((i) => i.message.startsWith('duplicate observation id'));
    throw new FeedError(dup ? 'duplicate' : 'invalid', formatIssues(r.issues), { path: r.issues[0]?.path });
  }
  return r.feed;
}

/** A JSON text whose brackets are not balanced at the end was cut short (not merely malformed). */
function isCutShort(text: string): boolean {
  const t = text.trimEnd();
  return t.length > 0 && !t.endsWith('}') && !t.endsWith(']');
}

/**
 * Text of a CSV file as Excel saves it: UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode
 * text"), or GBK/GB18030 (Excel's "CSV" on a Chinese Windows). Returns the text and the encoding used.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TD('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TD('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: decodeUtf8(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TD('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
