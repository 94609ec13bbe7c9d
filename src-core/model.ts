/**
 * The data model shared by every layer: the bundled SQLite sample, remote feeds, imports and the UI
 * all speak these types. Schemas are zod so that anything crossing a boundary is validated.
 */
import './zod-csp';
import { z } from 'zod';

/** Version of the database schema (src-core/db/schema.ts) and of the feed format. */
export { SCHEMA_VERSION } from './db/schema';

/** How exact a stated figure is. `more_than` = 余/多/超过, `about` = 约, `less_than` = 近. */
export const Qualifier = z.enum(['exact', 'more_than', 'about', 'less_than']);
export type Qualifier = z.infer<typeof Qualifier>;

/**
 * Trust flags on an observation.
 * - conflict: another observation of the same indicator/city/as-of says something else (see conflictGroup)
 * - garbled: the source text is garbled; the number must never be displayed as if it were fine
 * - simulated: generated demo value (模拟), not from any source
 * - derived: computed from stated figures (e.g. cumulative minus year-to-date)
 * - suspect: stated, but inconsistent with other figures (e.g. a series that falls where it should not)
 * - date_inferred: the as-of date is inferred (publication date guessed from a URL, etc.)
 * - round: a round figure that is probably approximate although stated plainly
 */
export const ObsFlag = z.enum(['conflict', 'garbled', 'simulated', 'derived', 'suspect', 'date_inferred', 'round']);
export type ObsFlag = z.infer<typeof ObsFlag>;

/** How the as-of date was determined (see data-samples/README.md). */
export const AsOfBasis = z.enum(['text', 'text_context', 'text_period', 'published', 'published_inferred', 'derived', 'feed']);
export type AsOfBasis = z.infer<typeof AsOfBasis>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const adcode = z.string().regex(/^\d{6}$/, 'expected a 6-digit adcode');

export const City = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  adcode,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  provinceZh: z.string(),
  provinceEn: z.string(),
});
export type City = z.infer<typeof City>;

export const County = z.object({
  adcode,
  cityId: z.string(),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  /** 市辖区 district | 县 county | 县级市 county-level city */
  kind: z.enum(['district', 'county', 'city']),
});
export type County = z.infer<typeof County>;

export const SourceDoc = z.object({
  id: z.string().min(1),
  titleZh: z.string().min(1),
  /** true when the document has no title and titleZh is descriptive */
  titleDescriptive: z.boolean(),
  publisherZh: z.string().min(1),
  published: isoDate,
  publishedInferred: z.boolean(),
  cityId: z.string(),
  notes: z.string(),
});
export type SourceDoc = z.infer<typeof SourceDoc>;

/** Unit of an indicator's values. `unitZh`/`unitEn` on the indicator give the noun (条, 人, 个 …). */
export const Unit = z.enum([
  'count', 'percent', 'rank', 'yuan', 'GB', 'TB', 'PFLOPS', 'Gbps', 'km2', 'years', 'per_capita', 'score',
]);
export type Unit = z.infer<typeof Unit>;

export const Indicator = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_.]*$/),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  unit: Unit,
  /** noun shown after a count in Chinese: 条, 人, 个, 件, 项 … (empty for percent and physical units) */
  unitZh: z.string(),
  /** noun in English: records, persons … */
  unitEn: z.string(),
  domain: z.string().min(1),
  definitionZh: z.string(),
  definitionEn: z.string(),
  /** main pages skip indicators of these kinds (party-building, training) – they stay in the dictionary */
  mainPages: z.boolean(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Observation = z.object({
  id: z.string().min(1),
  indicatorId: z.string().min(1),
  cityId: z.string().min(1),
  /** county-level division, null for city-wide figures */
  countyAdcode: adcode.nullable(),
  asOf: isoDate,
  asOfBasis: AsOfBasis,
  value: z.number().finite().nullable(),
  qualifier: Qualifier,
  /** the source's own word for the qualifier: 余 多 超过 约 近 (empty when exact) */
  qualifierZh: z.string(),
  docId: z.string().nullable(),
  /** short verbatim quote from the source that contains the number */
  quoteZh: z.string(),
  /** the metric as the source names it */
  metricZh: z.string(),
  flags: z.array(ObsFlag),
  notes: z.string(),
  /** observations that contradict each other share a conflict group */
  conflictGroup: z.string().nullable(),
  /** which source supplied the figure: 'bundled', a feed URL, an import file name */
  source: z.string(),
});
export type Observation = z.infer<typeof Observation>;

/** An observation joined with what a provenance view needs. */
export interface ObservationView extends Observation {
  indicator: Indicator;
  doc: SourceDoc | null;
}
