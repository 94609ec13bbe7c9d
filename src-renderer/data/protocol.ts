/** Messages between the UI thread and the data worker (sql.js runs in the worker, never on the UI thread). */
import type { Catalog, ObsFilter } from '../../src-core/db/queries';
import type { Observation } from '../../src-core/model';

export interface WorkerMethods {
  /** fetch and open the database at `url`; returns its catalog (small tables) */
  open(url: string): { catalog: Catalog; observationCount: number; bytes: number; latestAsOf: Record<string, string> };
  observations(filter: ObsFilter): Observation[];
  conflictGroup(group: string): Observation[];
}
export type WorkerMethod = keyof WorkerMethods;
export interface WorkerRequest { id: number; method: WorkerMethod; args: unknown[] }
export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A data-loading failure the UI can explain: which file, what went wrong. */
export interface DataFailure { file: string; problem: string }
export const DATA_FAILURE_PREFIX = 'DATA_FAILURE:';
