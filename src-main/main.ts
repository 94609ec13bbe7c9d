/**
 * Electron main process: the thin edge. Policy, options and parsing live in ./logic (unit-tested);
 * this file only wires them to Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { SHELL_METHODS, ipcChannel } from '../src-core/contract';
import { buildCsp } from '../src-core/shell/csp';
import { entryUrl, parseLaunchArgs, userArgs, USAGE } from './logic/argv';
import { createElectronHandlers, handleShellCall } from './logic/ipc';
import type { UserFileFs } from '../src-core/shell/user-file';
import fsp from 'node:fs/promises';
import { menuTemplate } from './logic/menu';
import { APP_SCHEME, externalAllowList, navigationAllowed, permissionAllowed, windowOpenDecision } from './logic/policy';
import { createAppProtocolHandler } from './logic/protocol';
import { windowOptions } from './logic/window';

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
  const launch = parsed.launch;
  const csp = buildCsp({ sources: launch.sources });
  const allowList = externalAllowList(launch.sources);
  const rendererRoot = path.join(app.getAppPath(), 'dist', 'renderer');
  const userFs: UserFileFs = {
    stat: async (p) => fsp.stat(p).then((st) => ({ size: st.size, mtimeMs: st.mtimeMs, isFile: st.isFile() })),
    readFile: (p) => fsp.readFile(p),
  };
  const handlers = createElectronHandlers({ launch, fs: userFs, version: app.getVersion(), platform: process.platform });
  let mainWindow: BrowserWindow | null = null;

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
    win.on('closed', () => {
      mainWindow = null;
    });
    void win.loadURL(entryUrl(launch));
  }, (e: unknown) => {
    console.error('cockpit: startup failed:', e);
    app.exit(1);
  });
}
