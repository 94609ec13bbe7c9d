/**
 * The watchdog around the cockpit window: turns renderer crashes, hangs and memory growth into the
 * recovery actions decided in ./recovery, and carries them out on the same window (so kiosk,
 * fullscreen and the display placement stay) at the same URL (page, city, language, profile and the
 * playlist live in it). Everything it does goes to the log.
 *
 * Hangs: Electron's own 'unresponsive' event fires only after tens of seconds, so the supervisor probes
 * the renderer's main thread itself (a trivial executeJavaScript every `probeMs`) while a page is loaded;
 * a probe unanswered for `hangMs` means the page is hung.
 *
 * Electron-free: main.ts adapts a BrowserWindow to SupervisedWindow; tests use a fake and fake timers.
 */
import { DEFAULT_RECOVERY, initialRecovery, onRendererEvent, type RecoveryConfig, type RendererEvent } from './recovery';

export interface SupervisedWindow {
  /** the URL on screen ('' when none) */
  currentUrl(): string;
  /** navigate the window (webContents.loadURL) */
  load(url: string): void;
  /** kill the renderer process so the next load starts a new one (webContents.forcefullyCrashRenderer) */
  killRenderer(): void;
  isDestroyed(): boolean;
  /** evaluate a trivial script in the page; resolves when its main thread answered */
  probe(): Promise<unknown>;
  /** renderer memory (KiB), null when unknown */
  memoryKiB(): number | null;
}

export interface SupervisorDeps {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** where to go when the current URL is unusable (the launch URL) */
  fallbackUrl: string;
  /** only app URLs are reloaded */
  urlAllowed(url: string): boolean;
  /** memory sampling period (default 30 s) */
  memoryEveryMs?: number;
}

export interface Supervisor {
  /** feed Electron's events: render-process-gone, unresponsive, responsive */
  event(e: RendererEvent): void;
  /** the page finished loading: start probing it */
  loaded(): void;
  dispose(): void;
  /** for tests and the log: recoveries so far */
  readonly recoveries: number;
}

export function createSupervisor(win: SupervisedWindow, deps: SupervisorDeps, cfg: RecoveryConfig = DEFAULT_RECOVERY): Supervisor {
  let state = initialRecovery();
  let pending: unknown = null;
  let recoveries = 0;
  /** we killed the renderer ourselves: its 'gone' event is not a new crash */
  let killedByUs = false;
  /** the page is loaded and answering probes is expected */
  let probing = false;
  let probeSentAt: number | null = null;
  let probeGen = 0;

  const act = (e: RendererEvent) => {
    if (e.kind === 'gone' && killedByUs) {
      killedByUs = false;
      return;
    }
    const [next, action] = onRendererEvent(state, e, deps.now(), cfg);
    state = next;
    if (action.do === 'none' || pending !== null) return;
    probing = false;
    probeSentAt = null;
    const current = win.currentUrl();
    const url = current && deps.urlAllowed(current) ? current : deps.fallbackUrl;
    deps.log('warn', `${action.why}: ${action.do} in ${action.afterMs} ms → ${url}`);
    pending = deps.setTimeout(() => {
      pending = null;
      if (win.isDestroyed()) return;
      recoveries++;
      if (action.do === 'restart-renderer') {
        killedByUs = true;
        try {
          win.killRenderer();
        } catch (err) {
          killedByUs = false;
          deps.log('error', `could not restart the renderer: ${(err as Error).message}`);
        }
      }
      win.load(url);
    }, action.afterMs);
  };

  const probeTimer = deps.setInterval(() => {
    if (pending !== null || win.isDestroyed()) return;
    // Electron said 'unresponsive' and has not said 'responsive' since: keep asking whether it is over
    if (state.hangSince !== null) act({ kind: 'unresponsive' });
    if (!probing || pending !== null) return;
    const now = deps.now();
    if (probeSentAt !== null) {
      // the previous probe is still unanswered
      if (now - probeSentAt >= cfg.hangMs) act({ kind: 'hung', ms: now - probeSentAt });
      return;
    }
    probeSentAt = now;
    const gen = ++probeGen;
    win.probe().then(
      () => {
        if (gen === probeGen) probeSentAt = null;
      },
      () => {
        // a navigation or a crash rejects the probe: the gone/load events tell the rest
        if (gen === probeGen) probeSentAt = null;
      },
    );
  }, cfg.probeMs);

  const memTimer = deps.setInterval(() => {
    if (win.isDestroyed()) return;
    const kib = win.memoryKiB();
    if (kib !== null) act({ kind: 'memory', privateKiB: kib });
  }, deps.memoryEveryMs ?? 30_000);

  return {
    event: act,
    loaded() {
      probing = true;
      probeSentAt = null;
      probeGen++;
    },
    dispose() {
      deps.clearInterval(probeTimer);
      deps.clearInterval(memTimer);
      if (pending !== null) deps.clearTimeout(pending);
      pending = null;
      probing = false;
    },
    get recoveries() {
      return recoveries;
    },
  };
}
