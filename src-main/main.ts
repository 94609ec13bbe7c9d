/**
 * Electron main process: the thin edge. Policy, options and parsing live in ./logic (unit-tested);
 * this file only wires them to Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, screen, session, shell, type WebContents } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { SHELL_METHODS, ipcChannel } from '../src-core/contract';
import { buildCsp } from '../src-core/shell/csp';
import { entryUrl, parseLaunchArgs, userArgs, USAGE } from './logic/argv';
import { createElectronHandlers, handleShellCall } from './logic/ipc';
import { createSupervisor } from './logic/supervisor';
import { rotatingLog, writeFileAtomic } from './logic/files';
import { describeDisplays, placeWindow } from './logic/displays';
import { confirmsLeave, isLeaveChord, LEAVE_DIALOG } from './logic/kiosk';
import { loginPlan } from './logic/login';
import { feedsFileSources, nodeUserFileFs } from '../src-node/files';
import { existsSync, rmSync } from 'node:fs';
import { menuTemplate, shellEventSender } from './logic/menu';
import { createExporter } from './logic/export';
import { APP_SCHEME, externalAllowList, navigationAllowed, permissionAllowed, windowOpenDecision } from './logic/policy';
import { createAppProtocolHandler } from './logic/protocol';
import { profileSize, windowOptions } from './logic/window';

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
  // How V8 compiles the renderer's JavaScript (--jit; steady on a kiosk wall): must be on Chromium's
  // command line before 'ready', so every renderer and worker it starts gets it.
  if (parsed.engine.jsFlags) app.commandLine.appendSwitch('js-flags', parsed.engine.jsFlags);
  // The sources configuration file: --feeds FILE, else feeds.json in the user-data folder when present.
  const defaultFeeds = path.join(app.getPath('userData'), 'feeds.json');
  const launch = parsed.launch.feedsFile || !existsSync(defaultFeeds) ? parsed.launch : { ...parsed.launch, feedsFile: defaultFeeds };
  // connect-src follows the sources configuration file as it changes
  const fileSources = feedsFileSources(launch.feedsFile);
  const csp = () => buildCsp({ sources: [...launch.sources, ...fileSources()] });
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
  log.write('info', `start ${app.getVersion()} ${process.platform} ${JSON.stringify(launch)} jit=${parsed.engine.jit}${parsed.engine.userJsFlags ? ' (own --js-flags given: V8 flags left as given)' : ''}`);
  const supervise = (win: BrowserWindow) => {
    const sup = createSupervisor(
      {
        currentUrl: () => win.webContents.getURL?.() ?? '',
        load: (url) => void win.loadURL(url),
        killRenderer: () => win.webContents.forcefullyCrashRenderer(),
        isDestroyed: () => win.isDestroyed(),
        probe: () => win.webContents.executeJavaScript('1'),
        memoryKiB: () => {
          const pid = win.webContents.getOSProcessId?.();
          const m = app.getAppMetrics?.().find((x) => x.pid === pid)?.memory;
          // privateBytes is reported on Windows only; elsewhere the working set is the measure
          return m ? m.privateBytes ?? m.workingSetSize : null;
        },
      },
      {
        now: () => Date.now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
        setInterval: (fn, ms) => setInterval(fn, ms),
        clearInterval: (id) => clearInterval(id as NodeJS.Timeout),
        log: (level, message) => log.write(level, message),
        fallbackUrl: entryUrl(launch),
        urlAllowed: navigationAllowed,
      },
    );
    win.webContents.on('render-process-gone', (_e, d) => sup.event({ kind: 'gone', reason: d.reason }));
    win.webContents.on('did-finish-load', () => sup.loaded());
    win.on('unresponsive', () => sup.event({ kind: 'unresponsive' }));
    win.on('responsive', () => sup.event({ kind: 'responsive' }));
    win.webContents.on('console-message', (_e, level, message) => {
      if (level >= 2) log.write(level >= 3 ? 'error' : 'warn', `renderer: ${message}`);
    });
    win.on('closed', () => sup.dispose());
    if (launch.kiosk) {
      const blocker = powerSaveBlocker.start('prevent-display-sleep');
      win.on('closed', () => powerSaveBlocker.stop(blocker));
      // leave kiosk only with Ctrl+Alt+Shift+Q and a confirmation; closing it any other way asks the same
      let leaving = false;
      let asking = false;
      const ask = () => {
        if (asking) return;
        asking = true;
        void dialog.showMessageBox(win, LEAVE_DIALOG).then(
          (r) => {
            asking = false;
            if (!confirmsLeave(r.response)) return;
            leaving = true;
            log.write('info', 'kiosk: left by the operator');
            app.quit();
          },
          () => {
            asking = false;
          },
        );
      };
      win.webContents.on('before-input-event', (event, input) => {
        if (!isLeaveChord(input)) return;
        event.preventDefault();
        ask();
      });
      win.on('close', (event) => {
        if (leaving) return;
        event.preventDefault();
        ask();
      });
    }
  };

  /** --start-at-login[=false]: Electron's login item (Windows, macOS) or an XDG autostart entry (Linux). */
  const applyLoginItem = () => {
    const plan = loginPlan({
      platform: process.platform,
      enable: parsed.window.startAtLogin,
      exePath: process.execPath,
      args: process.argv.slice(1),
      configHome: process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'),
    });
    if (plan.kind === 'none') return;
    for (const n of plan.notes) log.write('info', n);
    if (plan.kind === 'electron') app.setLoginItemSettings(plan.settings);
    else if (plan.content === null) rmSync(plan.file, { force: true });
    else void writeFileAtomic(plan.file, plan.content).catch((e: Error) => log.write('error', `start at login: ${e.message}`));
  };

  app.whenReady().then(() => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, shellEventSender(() => mainWindow))));

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

    applyLoginItem();
    // --display N / --span: where the window goes (logged: the operator can match numbers to screens)
    const displays = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, scaleFactor: d.scaleFactor }));
    const primaryId = screen.getPrimaryDisplay().id;
    log.write('info', `displays: ${describeDisplays(displays, primaryId)}`);
    const placement = placeWindow(displays, { ...parsed.window, kiosk: launch.kiosk, profile: profileSize(launch.profile) }, primaryId);
    if (!placement.ok) {
      log.write('error', placement.message);
      dialog.showErrorBox('城市大脑驾驶舱 — invalid launch flag', `${placement.message}\n\n${USAGE}`);
      app.exit(2);
      return;
    }
    for (const n of placement.notes) log.write('info', n);
    const opts = windowOptions({ preloadPath: path.join(__dirname, 'preload.cjs'), kiosk: launch.kiosk, profile: launch.profile, placement });
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
