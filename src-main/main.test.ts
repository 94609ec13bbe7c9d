/**
 * Wiring test for main.ts: only the `electron` module is faked (the thin edge); everything main.ts
 * hands to it (scheme privileges, protocol handler, IPC handlers, window options, navigation and
 * permission policy) is the real code.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { SHELL_METHODS } from '../src-core/contract';

type Listener = (...a: any[]) => unknown;

const logDir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'cockpit-main-'));

function fakeElectron() {
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const app = Object.assign(new EventEmitter(), {
    whenReady: vi.fn(() => ready),
    requestSingleInstanceLock: vi.fn(() => true),
    getAppPath: vi.fn(() => '/nonexistent/app'),
    getVersion: vi.fn(() => '9.9.9'),
    getPath: vi.fn(() => logDir),
    getAppMetrics: vi.fn(() => [] as { pid: number; memory: { workingSetSize: number; privateBytes?: number } }[]),
    setLoginItemSettings: vi.fn(),
    enableSandbox: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    webContents = Object.assign(new EventEmitter(), { send: vi.fn(), setWindowOpenHandler: vi.fn(), getURL: vi.fn(() => 'app://cockpit/index.html?city=jining&page=sharing'), getOSProcessId: vi.fn(() => 1), forcefullyCrashRenderer: vi.fn(), executeJavaScript: vi.fn(async () => 1) });
    isDestroyed = vi.fn(() => false);
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    isMinimized = vi.fn(() => false);
    restore = vi.fn();
    focus = vi.fn();
    constructor(public options: any) {
      super();
      windows.push(this);
    }
  }
  const ipcHandlers = new Map<string, Listener>();
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  };
  const mod = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn((ch: string, fn: Listener) => ipcHandlers.set(ch, fn)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => ({ t })) },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 1 })) },
    powerSaveBlocker: { start: vi.fn(() => 1), stop: vi.fn() },
    screen: {
      getAllDisplays: vi.fn(() => [
        { id: 7, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
        { id: 5, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
      ]),
      getPrimaryDisplay: vi.fn(() => ({ id: 5 })),
    },
  };
  return { mod, resolveReady, windows, ipcHandlers, session };
}

let fake: ReturnType<typeof fakeElectron>;
const argv = process.argv;

async function boot(args: string[]) {
  vi.resetModules();
  fake = fakeElectron();
  vi.doMock('electron', () => ({ ...fake.mod, default: fake.mod }));
  process.argv = ['/opt/cockpit/cockpit', ...args];
  await import('./main');
  fake.resolveReady();
  // let the whenReady() continuation run (microtasks only: works under fake timers too)
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

beforeEach(() => vi.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => {
  process.argv = argv;
  vi.doUnmock('electron');
  vi.restoreAllMocks();
});

describe('main.ts wiring', () => {
  it('registers the privileged app scheme before ready and serves it', async () => {
    await boot(['--city', 'linyi', '--lang', 'en']);
    expect(fake.mod.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
    expect(fake.mod.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.mod.app.enableSandbox).toHaveBeenCalled();
    expect(fake.mod.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('a kiosk wall runs V8 in steady mode (baseline compiler only) unless --jit full; other launches keep V8\'s defaults', async () => {
    await boot(['--kiosk']);
    expect(fake.mod.app.commandLine.appendSwitch).toHaveBeenCalledWith('js-flags', '--max-opt=1 --always-sparkplug');
    await boot(['--kiosk', '--jit', 'full']);
    expect(fake.mod.app.commandLine.appendSwitch).not.toHaveBeenCalled();
    await boot(['--city', 'linyi']);
    expect(fake.mod.app.commandLine.appendSwitch).not.toHaveBeenCalled();
    await boot(['--kiosk', '--js-flags=--max-old-space-size=512']);
    expect(fake.mod.app.commandLine.appendSwitch).not.toHaveBeenCalled();
  });

  it('opens one secure window on the URL mirroring the flags', async () => {
    await boot(['--city', 'linyi', '--page', 'overview', '--lang', 'en', '--kiosk']);
    expect(fake.windows).toHaveLength(1);
    const w = fake.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(w.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(w.options.kiosk).toBe(true);
    expect(w.loadURL).toHaveBeenCalledWith('app://cockpit/index.html?city=linyi&page=overview&lang=en');
    expect(w.show).not.toHaveBeenCalled();
    w.emit('ready-to-show');
    expect(w.show).toHaveBeenCalled();
  });

  it('handles every contract method over IPC, checking the sender', async () => {
    await boot(['--city', 'linyi']);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(SHELL_METHODS.map((m) => `cockpit:${m}`).sort());
    const good = { senderFrame: { url: 'app://cockpit/index.html', parent: null } };
    const bad = { senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(fake.ipcHandlers.get('cockpit:getAppInfo')!(good, [])).resolves.toEqual({ shell: 'electron', version: '9.9.9', platform: process.platform });
    await expect(fake.ipcHandlers.get('cockpit:getLaunchOptions')!(good, [])).resolves.toMatchObject({ city: 'linyi' });
    await expect(fake.ipcHandlers.get('cockpit:getAppInfo')!(bad, [])).rejects.toThrow(/refused/);
    await expect(fake.ipcHandlers.get('cockpit:getAppInfo')!(good, [1])).rejects.toThrow(/arguments of getAppInfo/);
  });

  it('denies permissions and hardens every web contents', async () => {
    await boot([]);
    const ses = fake.session.defaultSession;
    const req = ses.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    const cb = vi.fn();
    req({}, 'media', cb, { requestingUrl: 'app://cockpit/' });
    expect(cb).toHaveBeenCalledWith(false);
    expect((ses.setPermissionCheckHandler.mock.calls[0]![0] as Listener)({}, 'geolocation', 'app://cockpit')).toBe(false);

    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.mod.app.emit('web-contents-created', {}, contents);
    const nav = { preventDefault: vi.fn() };
    contents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    const ok = { preventDefault: vi.fn() };
    contents.emit('will-navigate', ok, 'app://cockpit/index.html?page=x');
    expect(ok.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'http://127.0.0.1/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    // sub-frame navigations too, and <webview> can never attach
    const frame = { preventDefault: vi.fn(), url: 'https://evil.example/frame' };
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const ownFrame = { preventDefault: vi.fn(), url: 'app://cockpit/index.html' };
    contents.emit('will-frame-navigate', ownFrame);
    expect(ownFrame.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(webview.preventDefault).toHaveBeenCalled();
    expect((ses.setDevicePermissionHandler.mock.calls[0]![0] as Listener)({ deviceType: 'usb', origin: 'app://cockpit' })).toBe(false);
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as Listener;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fake.mod.shell.openExternal).not.toHaveBeenCalled();
    expect(open({ url: 'https://www.stats.gov.cn/sj/' })).toEqual({ action: 'deny' });
    expect(fake.mod.shell.openExternal).toHaveBeenCalledWith('https://www.stats.gov.cn/sj/');
    for (const url of ['http://www.stats.gov.cn/', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'app://cockpit/index.html']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.mod.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('the Data menu\'s Import… opens the import dialog in the cockpit window', async () => {
    await boot(['--source', 'https://data.city.cn/feed.json']);
    const template = fake.mod.Menu.buildFromTemplate.mock.calls[0]![0] as { submenu?: { label: string; click?: () => void }[] }[];
    const item = template.flatMap((m) => m.submenu ?? []).find((i) => /Import/.test(i.label))!;
    item.click!();
    expect(fake.windows[0]!.webContents.send).toHaveBeenCalledWith('cockpit-event', { kind: 'open-import' });
    expect(fake.mod.Menu.setApplicationMenu).toHaveBeenCalledWith(expect.objectContaining({ t: template }));
  });

  it('--source URL: passed to the renderer and allowed by the CSP of app:// responses', async () => {
    await boot(['--source', 'https://data.city.cn/feed.json', '--source', 'http://10.1.2.3:8080/feeds/a.sqlite']);
    const good = { senderFrame: { url: 'app://cockpit/index.html', parent: null } };
    await expect(fake.ipcHandlers.get('cockpit:getLaunchOptions')!(good, [])).resolves.toMatchObject({ sources: ['https://data.city.cn/feed.json', 'http://10.1.2.3:8080/feeds/a.sqlite'] });
    const handler = fake.mod.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    const res = await handler(new Request('app://cockpit/no-such-file'));
    expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'self' https:\/\/data\.city\.cn http:\/\/10\.1\.2\.3:8080;/);
  });

  it('quits when another instance holds the lock', async () => {
    vi.resetModules();
    fake = fakeElectron();
    fake.mod.app.requestSingleInstanceLock.mockReturnValue(false);
    vi.doMock('electron', () => ({ ...fake.mod, default: fake.mod }));
    process.argv = ['/opt/cockpit/cockpit'];
    await import('./main');
    expect(fake.mod.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('reports a bad flag by name and exits', async () => {
    await boot(['--lang', 'fr']);
    expect(fake.mod.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('--lang'));
    expect(fake.mod.app.exit).toHaveBeenCalledWith(2);
    expect(fake.windows).toHaveLength(0);
  });

  it('brings a crashed renderer back into the same page within 5 s, and logs it', async () => {
    await boot(['--city', 'linyi', '--kiosk']);
    const w = fake.windows[0]!;
    vi.useFakeTimers();
    try {
      w.loadURL.mockClear();
      w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      vi.advanceTimersByTime(5000);
      expect(w.loadURL).toHaveBeenCalledWith('app://cockpit/index.html?city=jining&page=sharing');
      // a hang past the limit restarts the renderer process
      w.loadURL.mockClear();
      w.emit('unresponsive');
      vi.advanceTimersByTime(3000);
      w.emit('unresponsive'); // still hung 3 s later (main polls this every second)
      vi.advanceTimersByTime(5000);
      expect(w.webContents.forcefullyCrashRenderer).toHaveBeenCalled();
      expect(w.loadURL).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
      w.emit('closed');
    }
    const log = require('node:fs').readFileSync(require('node:path').join(logDir, 'logs', 'cockpit.log'), 'utf8');
    expect(log).toMatch(/renderer gone \(crashed\): reload/);
    expect(fake.mod.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });
  it('a hung page (probe unanswered) is restarted into the same URL within 5 s, in the same window', async () => {
    vi.useFakeTimers();
    try {
      await boot(['--kiosk', '--profile', '1920x1080']);
      const w = fake.windows[0]!;
      w.webContents.emit('did-finish-load');
      await vi.advanceTimersByTimeAsync(2000);
      expect(w.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
      w.webContents.executeJavaScript.mockImplementation(() => new Promise(() => undefined)); // main thread stuck
      w.loadURL.mockClear();
      await vi.advanceTimersByTimeAsync(5000);
      expect(w.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
      expect(w.loadURL).toHaveBeenCalledWith('app://cockpit/index.html?city=jining&page=sharing');
      expect(fake.windows).toHaveLength(1); // same window: kiosk and placement stay
      w.emit('closed');
    } finally {
      vi.useRealTimers();
    }
  });

  it('kiosk: Ctrl+Alt+Shift+Q and closing the window both ask; only "Quit" quits', async () => {
    await boot(['--kiosk']);
    const w = fake.windows[0]!;
    const ev = { preventDefault: vi.fn() };
    w.webContents.emit('before-input-event', ev, { type: 'keyDown', key: 'q', control: true, alt: true, shift: true });
    expect(ev.preventDefault).toHaveBeenCalled();
    expect(fake.mod.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.mod.app.quit).not.toHaveBeenCalled(); // the fake answers Cancel
    const close = { preventDefault: vi.fn() };
    w.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(fake.mod.dialog.showMessageBox).toHaveBeenCalledTimes(2);
    await new Promise((r) => setTimeout(r, 0));
    fake.mod.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    w.webContents.emit('before-input-event', { preventDefault: vi.fn() }, { type: 'keyDown', key: 'Q', control: true, alt: true, shift: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.mod.app.quit).toHaveBeenCalled();
    const after = { preventDefault: vi.fn() };
    w.emit('close', after); // app.quit closes the window: no second question
    expect(after.preventDefault).not.toHaveBeenCalled();
    w.emit('closed');
  });

  it('--span opens one frameless window across the displays; --display beyond them is refused by name', async () => {
    await boot(['--span', '--kiosk', '--profile', '3840x1080']);
    expect(fake.windows[0]!.options).toMatchObject({ x: 0, y: 0, width: 3840, height: 1080, frame: false, kiosk: false, alwaysOnTop: true });
    fake.windows[0]!.emit('closed');
    await boot(['--display', '3']);
    expect(fake.windows).toHaveLength(0);
    expect(fake.mod.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringMatching(/^--display 3: this machine has 2 displays/));
    expect(fake.mod.app.exit).toHaveBeenCalledWith(2);
    await boot(['--display', '2', '--kiosk']);
    expect(fake.windows[0]!.options).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, kiosk: true, fullscreen: true });
    fake.windows[0]!.emit('closed');
  });

  it('--start-at-login registers the login item with the same flags', async () => {
    const cfg = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'cockpit-xdg-'));
    const prev = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = cfg;
    try {
      await boot(['--kiosk', '--start-at-login', '--city', 'linyi']);
      if (process.platform === 'linux') {
        const file = require('node:path').join(cfg, 'autostart', 'city-brain-cockpit.desktop');
        for (let i = 0; i < 50 && !require('node:fs').existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
        expect(require('node:fs').readFileSync(file, 'utf8')).toMatch(/\nExec=\S+ --kiosk --city linyi\n/);
      } else {
        expect(fake.mod.app.setLoginItemSettings).toHaveBeenCalledWith(expect.objectContaining({ openAtLogin: true }));
      }
      fake.windows[0]!.emit('closed');
    } finally {
      if (prev === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = prev;
    }
  });
});
