/**
 * Electron main process: the thin edge. Policy, options and parsing live in ./logic (unit-tested);
 * this file only wires them to Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { SHELL_METHODS, ipcChannel } from '../src-core/contract';
import { buildCsp } from '../src-core/shell/csp';
import { entryUrl, parseLaunchArgs, userArgs, USAGE } from './logic/argv';
import { createElectronHandlers, handleShellCall } from './logic/ipc';
import { initialRecovery, onRendererEvent, type RendererEvent } from './logic/recovery';
import { rotatingLog, writeFileAtomic } from './logic/files';
import { createExporter } from './logic/export';
import { nodeUserFileFs } from '../src-node/files';
import { existsSync, readFileSync } from 'node:fs';
import { parseFeedsConfig } from '../src-core/feed/config';
import { menuTemplate } from './logic/menu';
import { APP_SCHEME, externalAllowList, navigationAllowed, permissionAllowed, windowOpenDecision } from './logic/policy';
import { createAppProtocolHandler } from './logic/protocol';
import { windowOptions } from './logic/window';

/** Source URLs from the sources configuration file (their origins go into the CSP); none when unreadable. */
function feedsFileSources(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return parseFeedsConfig(readFileSync(file, 'utf8'), file).sources.map((s) => s.url);
  } catch {
    return [];
  }
}

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

const parsed = parseLaunchArgs(userArgs(process.argv, process.defaultApp === true), (p) => path.resolve(process.cwd(), p));

if (!parsed.ok) {
  const text = `${parsed.message}\n\n${USAGE}`;
  console.error(`cockpit: ${text}`);
  app.whenReady().then(() => {
    dialog.showErrorBox('城市大脑驾驶舱 — invalid launch flag', text);
    app.exit(2);
  }, () => app.exit(2));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The sources configuration file: --feeds FILE, else feeds.json in the user-data folder when present.
  const defaultFeeds = path.join(app.getPath('userData'), 'feeds.json');
  const launch = parsed.launch.feedsFile || !existsSync(defaultFeeds) ? parsed.launch : { ...parsed.launch, feedsFile: defaultFeeds };
  const fileSources = feedsFileSources(launch.feedsFile);
  const csp = buildCsp({ sources: [...launch.sources, ...fileSources] });
  const allowList = externalAllowList(launch.sources);
  const rendererRoot = path.join(app.getAppPath(), 'dist', 'renderer');
  let mainWindow: BrowserWindow | null = null;
  // Briefing exports: PDFs are printed from the renderer's print view in a hidden window of the same
  // (sandboxed) kind; files go where the user says, written atomically.
  const exporter = createExporter({
    openHidden: async (url, size) => {
      const o = windowOptions({ preloadPath: path.join(__dirname, 'preload.cjs'), profile: `${size.width}x${size.height}` });
      const w = new BrowserWindow({
        ...o,
        show: false,
        paintWhenInitiallyHidden: true,
        webPreferences: { ...o.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
      });
      await w.loadURL(url);
      return {
        evaluate: (expression) => w.webContents.executeJavaScript(expression),
        printToPDF: (options) => w.webContents.printToPDF(options),
        close: () => {
          if (!w.isDestroyed()) w.destroy();
        },
      };
    },
    saveDialog: async (name, kind) => {
      const options = {
        defaultPath: path.join(app.getPath('documents'), name),
        filters: [kind === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'PNG', extensions: ['png'] }],
      };
      const r = await (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options));
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    writeFile: writeFileAtomic,
  });
  const handlers = createElectronHandlers({ launch, fs: nodeUserFileFs, version: app.getVersion(), platform: process.platform, exporter });

  const harden = (contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!navigationAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url, allowList);
      if (decision.openExternal) void shell.openExternal(decision.openExternal);
      return { action: decision.action };
    });
  };

  app.on('web-contents-created', (_event, contents) => harden(contents));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Weeks without a restart: crash/hang/memory recovery into the same URL (page, city, profile,
  // kiosk state live in it), everything logged to a rotating file in the user-data folder.
  const log = rotatingLog(path.join(app.getPath('userData'), 'logs', 'cockpit.log'));
  log.write('info', `start ${app.getVersion()} ${process.platform} ${JSON.stringify(launch)}`);
  const supervise = (win: BrowserWindow) => {
    let state = initialRecovery();
    let pending: NodeJS.Timeout | null = null;
    const act = (e: RendererEvent) => {
      const [next, action] = onRendererEvent(state, e, Date.now());
      state = next;
      if (action.do === 'none' || pending) return;
      log.write('warn', `${action.why}: ${action.do} in ${action.afterMs} ms`);
      const url = win.webContents.getURL?.() || entryUrl(launch);
      pending = setTimeout(() => {
        pending = null;
        if (win.isDestroyed?.()) return;
        if (action.do === 'restart-renderer') win.webContents.forcefullyCrashRenderer?.();
        void win.loadURL(navigationAllowed(url) ? url : entryUrl(launch));
      }, action.afterMs);
    };
    win.webContents.on('render-process-gone', (_e, d) => act({ kind: 'gone', reason: d.reason }));
    win.on('unresponsive', () => act({ kind: 'unresponsive' }));
    win.on('responsive', () => act({ kind: 'responsive' }));
    win.webContents.on('console-message', (_e, level, message) => {
      if (level >= 2) log.write(level >= 3 ? 'error' : 'warn', `renderer: ${message}`);
    });
    const hangCheck = setInterval(() => {
      if (state.hangSince !== null) act({ kind: 'unresponsive' });
    }, 1000);
    const memCheck = setInterval(() => {
      const pid = win.webContents.getOSProcessId?.();
      const m = app.getAppMetrics?.().find((x) => x.pid === pid);
      if (m?.memory?.privateBytes) act({ kind: 'memory', privateKiB: m.memory.privateBytes });
    }, 30_000);
    win.on('closed', () => {
      clearInterval(hangCheck);
      clearInterval(memCheck);
      if (pending) clearTimeout(pending);
    });
    if (launch.kiosk) {
      const blocker = powerSaveBlocker.start('prevent-display-sleep');
      win.on('closed', () => powerSaveBlocker.stop(blocker));
      // leave kiosk only with Ctrl+Alt+Shift+Q and a confirmation
      win.webContents.on('before-input-event', (event, input) => {
        if (input.type === 'keyDown' && input.control && input.alt && input.shift && input.key.toLowerCase() === 'q') {
          event.preventDefault();
          void dialog.showMessageBox(win, { type: 'question', buttons: ['退出 Quit', '取消 Cancel'], defaultId: 1, cancelId: 1, message: '退出驾驶舱大屏模式？ Leave the cockpit wall mode?' })
            .then((r) => r.response === 0 && app.quit());
        }
      });
    }
  };

  app.whenReady().then(() => {
    Menu.setApplicationMenu(((t) => (t ? Menu.buildFromTemplate(t) : null))(menuTemplate(process.platform)));

    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl)));
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
    ses.setDevicePermissionHandler(() => false);

    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, csp));

    for (const method of SHELL_METHODS) {
      ipcMain.handle(ipcChannel(method), (event, args: unknown) =>
        handleShellCall(handlers, method, { frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null }, args),
      );
    }

    const opts = windowOptions({ preloadPath: path.join(__dirname, 'preload.cjs'), kiosk: launch.kiosk, profile: launch.profile });
    // The security-critical preferences are restated literally here so static checkers
    // (electronegativity) see them at the call site; window.test.ts pins windowOptions to the same values.
    const win = new BrowserWindow({
      ...opts,
      webPreferences: { ...opts.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
    });
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    supervise(win);
    win.on('closed', () => {
      mainWindow = null;
    });
    void win.loadURL(entryUrl(launch));
  }, (e: unknown) => {
    console.error('cockpit: startup failed:', e);
    app.exit(1);
  });
}
