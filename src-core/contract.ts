/**
 * THE contract between the shells (Electron main/preload, browser server) and the renderer.
 *
 * Every call the renderer makes to its shell is listed here with a zod schema for its arguments and
 * its result. Both sides validate at the boundary: the shell checks the arguments it receives, the
 * renderer checks the result it gets back. Electron exposes it through the preload
 * (`window.cockpitShell.invoke`, IPC channel `cockpit:<method>`); the browser shell through
 * `POST /api/invoke/<method>` with a JSON array of arguments.
 */
import './zod-csp';
import { z } from 'zod';
import { PrintRequest } from './briefing/print';
import { FILE_NAME_PATTERN } from './briefing/naming';

export const LANGS = ['zh-CN', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** What the user asked for at launch (CLI flags in Electron, server flags in the browser shell). */
export const LaunchOptions = z.object({
  city: z.string().regex(/^[a-z][a-z0-9_-]*$/).optional(),
  page: z.string().regex(/^[a-z][a-z0-9_-]*$/).optional(),
  lang: Lang.optional(),
  /** wall profile id, e.g. 1920x1080, 3840x2160, 5760x1080 */
  profile: z.string().max(40).optional(),
  /** remote data sources (URLs), in precedence order */
  sources: z.array(z.string().url()).default([]),
  /** user page-configuration file */
  pagesFile: z.string().optional(),
  /** data-sources configuration file (JSON, see docs/feed.md): sources, polling interval, maximum age */
  feedsFile: z.string().optional(),
  kiosk: z.boolean().default(false),
});
export type LaunchOptions = z.infer<typeof LaunchOptions>;

export const AppInfo = z.object({
  shell: z.enum(['electron', 'browser']),
  version: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * The user's page-configuration file (`--pages FILE`), read by the shell. `etag` changes when the file
 * changes; when the caller's known etag still matches, `text` is null (nothing to re-validate).
 */
export const UserFile = z.object({
  file: z.string().nullable(),
  etag: z.string().nullable(),
  text: z.string().nullable(),
  /** why the file could not be read (missing, too large, not UTF-8 …) */
  error: z.string().nullable(),
});
export type UserFile = z.infer<typeof UserFile>;

/** Briefing exports (Electron only): a PDF of a page or story, or a rendered PNG, saved where the user says. */
export const PdfExportRequest = PrintRequest.extend({ fileName: z.string().regex(FILE_NAME_PATTERN).refine((n) => n.endsWith('.pdf'), 'must end in .pdf') });
export type PdfExportRequest = z.infer<typeof PdfExportRequest>;
export const FileExportRequest = z.object({
  fileName: z.string().regex(FILE_NAME_PATTERN).refine((n) => n.endsWith('.png'), 'must end in .png'),
  /** the PNG, base64 (at most ~90 MB decoded: a 7680×4320 RGBA image compresses to far less) */
  dataBase64: z.string().min(1).max(120_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});
export type FileExportRequest = z.infer<typeof FileExportRequest>;
/** `saved`: the file written; null with error null when the user cancelled the save dialog. */
export const ExportResult = z.object({ saved: z.string().nullable(), error: z.string().nullable() });
export type ExportResult = z.infer<typeof ExportResult>;

/** Method table: name -> [argument tuple schema, result schema]. Add new shell calls here only. */
export const shellMethods = {
  getLaunchOptions: { args: z.tuple([]), result: LaunchOptions },
  getAppInfo: { args: z.tuple([]), result: AppInfo },
  getPagesConfig: { args: z.tuple([z.string().max(200).nullable()]), result: UserFile },
  /** the data-sources configuration file (`--feeds FILE`); same etag protocol as getPagesConfig */
  getFeedsConfig: { args: z.tuple([z.string().max(200).nullable()]), result: UserFile },
  /** print a page or story to PDF (hidden window + printToPDF) and save it via a save dialog */
  exportPdf: { args: z.tuple([PdfExportRequest]), result: ExportResult },
  /** save a rendered export (PNG) via a save dialog */
  saveExportFile: { args: z.tuple([FileExportRequest]), result: ExportResult },
} as const;

export type ShellMethod = keyof typeof shellMethods;
export const SHELL_METHODS = Object.keys(shellMethods) as ShellMethod[];
export type ShellArgs<M extends ShellMethod> = z.infer<(typeof shellMethods)[M]['args']>;
export type ShellResult<M extends ShellMethod> = z.infer<(typeof shellMethods)[M]['result']>;

/** What each shell implements. Both shells' handler objects must `satisfies ShellHandlers`. */
export type ShellHandlers = { [M in ShellMethod]: (...args: ShellArgs<M>) => Promise<ShellResult<M>> | ShellResult<M> };

/** What the shell tells the renderer on its own (Electron menu items). Validated in the preload and again in the renderer. */
export const ShellEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open-import') }).strict(),
  z.object({ kind: z.literal('open-sources') }).strict(),
  z.object({ kind: z.literal('refresh-feeds') }).strict(),
]);
export type ShellEvent = z.infer<typeof ShellEvent>;
/** IPC channel main → renderer for ShellEvent */
export const SHELL_EVENT_CHANNEL = 'cockpit-event';

/** What the preload exposes as `window.cockpitShell` (Electron only). */
export interface PreloadBridge {
  invoke(method: string, args: unknown[]): Promise<unknown>;
  /** subscribe to shell events (menu items); returns the unsubscribe function */
  onEvent?(handler: (ev: ShellEvent) => void): () => void;
}

export const IPC_PREFIX = 'cockpit:';
export const ipcChannel = (m: ShellMethod) => `${IPC_PREFIX}${m}`;
export { HTTP_INVOKE_PREFIX } from './shell/invoke-path';

export class ContractError extends Error {
  constructor(public readonly where: string, public readonly issues: string) {
    super(`${where}: ${issues}`);
    this.name = 'ContractError';
  }
}

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

export function isShellMethod(name: string): name is ShellMethod {
  return Object.prototype.hasOwnProperty.call(shellMethods, name);
}

/** Shell side: validate the arguments of an incoming call. Throws ContractError naming the method and field. */
export function parseArgs<M extends ShellMethod>(method: M, args: unknown): ShellArgs<M> {
  const r = shellMethods[method].args.safeParse(args);
  if (!r.success) throw new ContractError(`arguments of ${method}`, describe(r.error));
  return r.data as ShellArgs<M>;
}

/** Renderer side: validate a result coming back from the shell. */
export function parseResult<M extends ShellMethod>(method: M, value: unknown): ShellResult<M> {
  const r = shellMethods[method].result.safeParse(value);
  if (!r.success) throw new ContractError(`result of ${method}`, describe(r.error));
  return r.data as ShellResult<M>;
}

/** Shell side: dispatch a validated call to a handler table. */
export async function dispatch(handlers: ShellHandlers, method: string, args: unknown): Promise<unknown> {
  if (!isShellMethod(method)) throw new ContractError('method', `unknown shell method "${method}"`);
  const parsed = parseArgs(method, args);
  const fn = handlers[method] as (...a: unknown[]) => unknown;
  const out = await fn(...(parsed as unknown[]));
  return shellMethods[method].result.parse(out);
}
