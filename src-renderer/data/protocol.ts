/** Messages between the UI thread and the data worker (sql.js runs in the worker, never on the UI thread). */
import type { Catalog, ObsFilter } from '../../src-core/db/queries';
import type { FeedOptions, FeedSourceEntry } from '../../src-core/feed/config';
import type { Observation } from '../../src-core/model';
import type { FeedsSetup, FeedsState, ImportPreview } from './feeds';

export interface WorkerMethods {
  /** fetch and open the database at `url`; returns its catalog (small tables) */
  open(url: string): { catalog: Catalog; observationCount: number; bytes: number; latestAsOf: Record<string, string>; restorable: boolean };
  observations(filter: ObsFilter): Observation[];
  conflictGroup(group: string): Observation[];
  /** restore persisted sources and imports, start polling (later calls reconfigure) */
  startFeeds(setup: FeedsSetup): FeedsState;
  feedsState(): FeedsState;
  /** poll now (one source, or all) */
  refreshFeeds(url: string | null): FeedsState;
  saveFeedSettings(settings: { sources: FeedSourceEntry[]; options: Partial<FeedOptions> }): FeedsState;
  /** parse and validate a file for import; nothing changes until importApply */
  importPreview(file: string, bytes: Uint8Array): ImportPreview;
  importApply(token: string): FeedsState;
  importRemove(source: string): FeedsState;
  importDiscard(): null;
  /** test and bench hook: run a query on the database holding `source` (a snapshot feed's URL; null: the working database), returns [ms, rows] */
  benchQuery(sql: string, source: string | null): [number, number];
}
export type WorkerMethod = keyof WorkerMethods;
export interface WorkerRequest { id: number; method: WorkerMethod; args: unknown[] }
export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Unsolicited messages from the worker: source states changed, or the data itself changed. */
export type WorkerEvent =
  | { event: 'feeds'; state: FeedsState }
  | { event: 'data'; state: FeedsState; catalog: Catalog; latestAsOf: Record<string, string>; observationCount: number }
  /** a fetch was refused by the worker's security policy (connect-src) */
  | { event: 'blocked'; url: string };

/** A data-loading failure the UI can explain: which file, what went wrong. */
export interface DataFailure { file: string; problem: string }
export const DATA_FAILURE_PREFIX = 'DATA_FAILURE:';
