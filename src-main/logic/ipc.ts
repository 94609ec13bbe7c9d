/** The Electron shell's contract handlers and the checked IPC entry point. */
import { dispatch, type FileExportRequest, type LaunchOptions, type PdfExportRequest, type ShellHandlers } from '../../src-core/contract';
import { readUserFile, type UserFileFs } from '../../src-core/shell/user-file';
import { isTrustedSender, type SenderInfo } from './policy';
import type { createExporter } from './export';

type Exporter = ReturnType<typeof createExporter>;

export interface ElectronShellInfo {
  launch: LaunchOptions;
  /** file access for the user's page configuration */
  fs: UserFileFs;
  version: string;
  platform: string;
  /** briefing exports (PDF via a hidden window, PNG written where the user says) */
  exporter?: Pick<Exporter, 'exportPdf' | 'saveExportFile'>;
}

const NO_EXPORTER = { saved: null, error: 'exports are not available in this window' };

export function createElectronHandlers(info: ElectronShellInfo) {
  return {
    getLaunchOptions: () => info.launch,
    getAppInfo: () => ({ shell: 'electron' as const, version: info.version, platform: info.platform }),
    getPagesConfig: (known: string | null) => readUserFile(info.fs, info.launch.pagesFile, known),
    getFeedsConfig: (known: string | null) => readUserFile(info.fs, info.launch.feedsFile, known),
    exportPdf: (req: PdfExportRequest) => info.exporter?.exportPdf(req) ?? NO_EXPORTER,
    saveExportFile: (req: FileExportRequest) => info.exporter?.saveExportFile(req) ?? NO_EXPORTER,
  } satisfies ShellHandlers;
}

export class UntrustedSenderError extends Error {
  constructor(method: string, url: string | null | undefined) {
    super(`shell call ${method} refused: sender ${url ?? '(gone)'} is not the cockpit`);
    this.name = 'UntrustedSenderError';
  }
}

/**
 * One IPC call: refuse unless the sender is our own top-level app://cockpit document, then validate
 * the arguments and the result through the contract.
 */
export async function handleShellCall(handlers: ShellHandlers, method: string, sender: SenderInfo, args: unknown): Promise<unknown> {
  if (!isTrustedSender(sender)) throw new UntrustedSenderError(method, sender.frameUrl);
  return dispatch(handlers, method, args);
}
