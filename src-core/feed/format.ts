/**
 * Feed format v1: how a city's data platform hands aggregated indicators to the cockpit.
 *
 * One JSON document in the same model as the bundled database (src-core/model.ts): optional catalogue
 * entries (indicators, cities, counties by adcode, documents) and the observations. The published
 * JSON Schema (docs/feed.schema.json) is generated from the zod schema below (`feedJsonSchema()`),
 * and a unit test keeps the committed file equal to it. Documented in docs/feed.md.
 *
 * The second form of a feed is a SQLite snapshot with the bundled database's schema (src-core/db/schema.ts).
 */
import '../zod-csp';
import { z } from 'zod';
import { AsOfBasis, City, County, Indicator, ObsFlag, Qualifier, SourceDoc, type Observation } from '../model';

export const FEED_FORMAT = 'city-brain-cockpit-feed';
export const FEED_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const adcode = z.string().regex(/^\d{6}$/, 'expected a 6-digit adcode');

/** One figure. Only id, indicatorId, a city (cityId or cityAdcode), asOf and value are required. */
export const FeedObservation = z
  .object({
    id: z.string().min(1).max(200).describe('unique within the feed; stable across versions of the feed'),
    indicatorId: z.string().min(1).describe('an indicator id: from this feed\'s indicators or the cockpit\'s dictionary'),
    cityId: z.string().min(1).optional().describe('city id (e.g. linyi); give cityId or cityAdcode'),
    cityAdcode: adcode.optional().describe('6-digit city adcode (e.g. 371300); give cityId or cityAdcode'),
    countyAdcode: adcode.nullable().default(null).describe('6-digit county-level adcode; null or absent for a city-wide figure'),
    asOf: isoDate.describe('the date the figure describes (YYYY-MM-DD)'),
    asOfBasis: AsOfBasis.default('feed'),
    value: z.number().finite().nullable(),
    qualifier: Qualifier.default('exact').describe('exact | more_than (余/多/超过) | about (约) | less_than (近)'),
    qualifierZh: z.string().default(''),
    docId: z.string().nullable().default(null),
    quoteZh: z.string().default(''),
    metricZh: z.string().default(''),
    flags: z.array(ObsFlag).default([]),
    notes: z.string().default(''),
    conflictGroup: z.string().nullable().default(null),
  })
  .strict()
  .refine((o) => o.cityId !== undefined || o.cityAdcode !== undefined, { message: 'give cityId or cityAdcode', path: ['cityId'] });
export type FeedObservation = z.infer<typeof FeedObservation>;

export const Feed = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(FEED_FORMAT),
    version: z.literal(FEED_VERSION),
    generatedAt: z.iso.datetime({ offset: true }).describe('when the platform produced this document (ISO 8601 with time zone); a document older than the one the cockpit holds is ignored'),
    asOf: isoDate.optional().describe('the data\'s as-of date, if one date covers the whole feed'),
    source: z.object({ name: z.string().min(1), url: z.string().optional() }).strict(),
    indicators: z.array(Indicator).optional(),
    cities: z.array(City).optional(),
    counties: z.array(County).optional(),
    documents: z.array(SourceDoc).optional(),
    observations: z.array(FeedObservation),
  })
  .strict();
export type Feed = z.infer<typeof Feed>;

/** A problem in a feed or an imported file. `path` is a JSON path ($.observations[3].value); row/column for tables. */
export interface FeedIssue {
  path: string;
  message: string;
  file?: string;
  row?: number;
  column?: string;
}

/** `['observations', 3, 'value']` → `$.observations[3].value` */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`;
  return out;
}

export function formatIssues(issues: readonly FeedIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > max) shown.push(`… ${issues.length - max} more`);
  return shown.join('; ');
}

export type FeedCheck = { ok: true; feed: Feed } | { ok: false; issues: FeedIssue[] };

/** Validate a parsed JSON value as a feed: the schema, then duplicate observation ids. */
export function validateFeed(value: unknown): FeedCheck {
  const r = Feed.safeParse(value);
  if (!r.success) {
    return { ok: false, issues: r.error.issues.slice(0, 50).map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  }
  const seen = new Map<string, number>();
  const issues: FeedIssue[] = [];
  r.data.observations.forEach((o, i) => {
    const first = seen.get(o.id);
    if (first !== undefined) issues.push({ path: jsonPath(['observations', i, 'id']), message: `duplicate observation id "${o.id}" (first at $.observations[${first}].id)` });
    else seen.set(o.id, i);
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, feed: r.data };
}

/** What the cockpit knows when it resolves a feed's references. */
export interface KnownCatalog {
  indicators: ReadonlySet<string>;
  cities: ReadonlyMap<string, string>; // id -> adcode
  counties: ReadonlyMap<string, string>; // adcode -> city id
}

/**
 * Resolve a validated feed to model observations for `source` (the feed URL or import name): city
 * adcodes to ids, references checked against the feed's own catalogue plus `known`.
 */
export function resolveFeed(feed: Feed, source: string, known: KnownCatalog): { observations: Observation[]; issues: FeedIssue[] } {
  const indicators = new Set([...known.indicators, ...(feed.indicators ?? []).map((i) => i.id)]);
  const cityById = new Map(known.cities);
  for (const c of feed.cities ?? []) cityById.set(c.id, c.adcode);
  const cityByAdcode = new Map([...cityById].map(([id, ad]) => [ad, id]));
  const counties = new Map(known.counties);
  for (const c of feed.counties ?? []) counties.set(c.adcode, c.cityId);
  const issues: FeedIssue[] = [];
  const observations: Observation[] = [];
  feed.observations.forEach((o, i) => {
    const at = (field: string) => jsonPath(['observations', i, field]);
    let cityId = o.cityId;
    if (cityId === undefined) {
      cityId = cityByAdcode.get(o.cityAdcode!);
      if (!cityId) {
        issues.push({ path: at('cityAdcode'), message: `unknown city adcode "${o.cityAdcode}"` });
        return;
      }
    } else if (!cityById.has(cityId)) {
      issues.push({ path: at('cityId'), message: `unknown city "${cityId}"` });
      return;
    } else if (o.cityAdcode !== undefined && cityById.get(cityId) !== o.cityAdcode) {
      issues.push({ path: at('cityAdcode'), message: `adcode ${o.cityAdcode} is not the adcode of ${cityId} (${cityById.get(cityId)})` });
      return;
    }
    if (!indicators.has(o.indicatorId)) {
      issues.push({ path: at('indicatorId'), message: `unknown indicator "${o.indicatorId}" (not in the feed's indicators nor the cockpit's dictionary)` });
      return;
    }
    if (o.countyAdcode !== null) {
      const owner = counties.get(o.countyAdcode);
      if (owner === undefined) issues.push({ path: at('countyAdcode'), message: `unknown county adcode "${o.countyAdcode}"` });
      else if (owner !== cityId) issues.push({ path: at('countyAdcode'), message: `county ${o.countyAdcode} belongs to ${owner}, not ${cityId}` });
    }
    observations.push({
      id: o.id, indicatorId: o.indicatorId, cityId, countyAdcode: o.countyAdcode, asOf: o.asOf, asOfBasis: o.asOfBasis, value: o.value,
      qualifier: o.qualifier, qualifierZh: o.qualifierZh, docId: o.docId, quoteZh: o.quoteZh, metricZh: o.metricZh, flags: o.flags,
      notes: o.notes, conflictGroup: o.conflictGroup, source,
    });
  });
  return { observations, issues: issues.slice(0, 200) };
}

/** The JSON Schema published as docs/feed.schema.json. */
export function feedJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Feed, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'urn:city-brain-cockpit:feed:1',
    title: 'City Brain cockpit feed, version 1',
    description: 'Aggregated indicators for the City Brain leadership cockpit. See docs/feed.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
