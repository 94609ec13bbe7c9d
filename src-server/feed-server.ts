/**
 * Reference feed server (`npm run feed -- --data FILE_OR_DIR --port N`): serves one feed as
 *   /feed.json    the JSON form (docs/feed.md, docs/feed.schema.json)
 *   /feed.sqlite  the SQLite snapshot form (the bundled database's schema)
 * with strong ETags, Last-Modified, 304 answers to If-None-Match / If-Modified-Since, optional gzip,
 * and CORS headers that let a cockpit on another origin send conditional requests and read the ETag.
 *
 * It is a template: the same two files can be published by any static web server or object store
 * (nginx, MinIO/S3, a CDN) and the cockpit works the same; nothing in the cockpit needs this server.
 * Loading the data (sample CSVs, a user's CSV/XLSX/JSON) is passed in by scripts/feed.mjs.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import { DDL } from '../src-core/db/schema';
import { OBS_COLUMNS, obsRow } from '../src-core/feed/apply';
import { FEED_FORMAT, FEED_VERSION, validateFeed, formatIssues } from '../src-core/feed/format';
import { SCHEMA_VERSION, type City, type County, type Indicator, type Observation, type SourceDoc } from '../src-core/model';

/** What a feed is made of (the model, as in the bundled database). */
export interface FeedBundle {
  name: string;
  url?: string;
  generatedAt: string;
  asOf?: string;
  indicators: Indicator[];
  cities: City[];
  counties: County[];
  documents: SourceDoc[];
  observations: Observation[];
}

export interface RenderedFeed {
  json: Uint8Array;
  sqlite: Uint8Array;
  generatedAt: string;
  observations: number;
}

let sqlPromise: ReturnType<typeof initSqlJs> | undefined;
function sqlJs() {
  if (!sqlPromise) {
    const bytes = readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
    sqlPromise = initSqlJs({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
  }
  return sqlPromise;
}

/** The JSON feed document for a bundle (validated against the published schema before it is served). */
export function feedDocument(b: FeedBundle): Record<string, unknown> {
  const doc = {
    format: FEED_FORMAT,
    version: FEED_VERSION,
    generatedAt: b.generatedAt,
    ...(b.asOf && { asOf: b.asOf }),
    source: { name: b.name, ...(b.url && { url: b.url }) },
    indicators: b.indicators,
    cities: b.cities,
    counties: b.counties,
    documents: b.documents,
    observations: b.observations.map(({ source: _source, ...o }) => o),
  };
  const r = validateFeed(doc);
  if (!r.ok) throw new Error(`the feed would not be valid: ${formatIssues(r.issues)}`);
  return doc;
}

/** The SQLite snapshot for a bundle: the bundled database's schema, meta.generated_at and meta.source_name set. */
export async function feedSnapshot(b: FeedBundle): Promise<Uint8Array> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  try {
    db.run(DDL);
    db.run('BEGIN');
    const ins = (sql: string, rows: (string | number | null)[][]) => {
      const st = db.prepare(sql);
      try {
        for (const r of rows) st.run(r);
      } finally {
        st.free();
      }
    };
    ins('INSERT INTO meta (key, value) VALUES (?, ?)', [
      ['schema_version', String(SCHEMA_VERSION)], ['dataset', 'feed'], ['generated_at', b.generatedAt], ['source_name', b.name], ...(b.asOf ? [['as_of', b.asOf]] : []),
    ]);
    ins('INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?)', b.cities.map((c) => [c.id, c.adcode, c.nameZh, c.nameEn, c.provinceZh, c.provinceEn]));
    ins('INSERT INTO counties VALUES (?, ?, ?, ?, ?)', b.counties.map((c) => [c.adcode, c.cityId, c.nameZh, c.nameEn, c.kind]));
    ins('INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)', b.documents.map((d) => [d.id, d.titleZh, d.titleDescriptive ? 1 : 0, d.publisherZh, d.published, d.publishedInferred ? 1 : 0, d.cityId, d.notes]));
    ins('INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', b.indicators.map((d) => [d.id, d.nameZh, d.nameEn, d.unit, d.unitZh, d.unitEn, d.domain, d.definitionZh, d.definitionEn, d.mainPages ? 1 : 0]));
    ins(`INSERT INTO observations (${OBS_COLUMNS.join(', ')}) VALUES (${OBS_COLUMNS.map(() => '?').join(', ')})`, b.observations.map((o) => obsRow({ ...o, source: 'feed' }) as (string | number | null)[]));
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

export async function renderFeed(b: FeedBundle): Promise<RenderedFeed> {
  const json = new TextEncoder().encode(JSON.stringify(feedDocument(b)));
  return { json, sqlite: await feedSnapshot(b), generatedAt: b.generatedAt, observations: b.observations.length };
}

interface Served { body: Buffer; gz: Buffer | null; etag: string; lastModified: string; type: string }

function served(bytes: Uint8Array, type: string, generatedAt: string, gzip: boolean): Served {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const t = new Date(generatedAt);
  return { body, gz: gzip ? gzipSync(body) : null, etag, lastModified: (Number.isNaN(t.getTime()) ? new Date() : t).toUTCString(), type };
}

/** If-None-Match (any listed tag, weak comparison, or *) wins over If-Modified-Since, as in RFC 9110. */
export function notModified(req: { ifNoneMatch?: string; ifModifiedSince?: string }, etag: string, lastModified: string): boolean {
  if (req.ifNoneMatch !== undefined) {
    const tags = req.ifNoneMatch.split(',').map((s) => s.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag) || tags.includes(etag.replace(/"$/, '-gz"'));
  }
  if (req.ifModifiedSince !== undefined) {
    const since = Date.parse(req.ifModifiedSince);
    return Number.isFinite(since) && Date.parse(lastModified) <= since;
  }
  return false;
}

export interface FeedServerOptions {
  port?: number;
  host?: string;
  /** (re)load the data; called at start and by reload() */
  load: () => Promise<FeedBundle>;
  gzip?: boolean;
  log?: (line: string) => void;
}

export interface RunningFeedServer {
  url: string;
  /** reload the data now; resolves with the new rendering, or rejects and keeps serving the old one */
  reload(): Promise<RenderedFeed>;
  close(): Promise<void>;
}

export async function startFeedServer(opts: FeedServerOptions): Promise<RunningFeedServer> {
  const gzip = opts.gzip ?? true;
  const log = opts.log ?? (() => undefined);
  let files: { json: Served; sqlite: Served } | undefined;
  const reload = async () => {
    const r = await renderFeed(await opts.load());
    files = { json: served(r.json, 'application/json; charset=utf-8', r.generatedAt, gzip), sqlite: served(r.sqlite, 'application/vnd.sqlite3', r.generatedAt, gzip) };
    log(`feed: ${r.observations} observations, generated ${r.generatedAt}, feed.json ${r.json.byteLength} B, feed.sqlite ${r.sqlite.byteLength} B`);
    return r;
  };
  await reload();
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'ETag, Last-Modified, Content-Length',
    'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Max-Age': '86400',
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { ...cors, Allow: 'GET, HEAD, OPTIONS' });
      res.end();
      return;
    }
    const f = path === '/feed.json' ? files!.json : path === '/feed.sqlite' ? files!.sqlite : null;
    if (!f) {
      const body = `City Brain cockpit feed server\n/feed.json    JSON feed (format ${FEED_FORMAT} v${FEED_VERSION})\n/feed.sqlite  SQLite snapshot\n`;
      res.writeHead(path === '/' ? 200 : 404, { ...cors, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
    const useGz = !!f.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const etag = useGz ? f.etag.replace(/"$/, '-gz"') : f.etag;
    const headers: Record<string, string> = {
      ...cors, ETag: etag, 'Last-Modified': f.lastModified, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding', 'X-Content-Type-Options': 'nosniff',
    };
    if (notModified({ ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] }, f.etag, f.lastModified)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const body = useGz ? f.gz! : f.body;
    res.writeHead(200, { ...headers, 'Content-Type': f.type, 'Content-Length': String(body.length), ...(useGz && { 'Content-Encoding': 'gzip' }) });
    res.end(method === 'HEAD' ? undefined : body);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8090, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    reload,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
