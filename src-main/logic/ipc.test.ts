import { describe, expect, it } from 'vitest';
import { AppInfo, LaunchOptions, SHELL_METHODS, ContractError, parseResult } from '../../src-core/contract';
import { createElectronHandlers, handleShellCall, UntrustedSenderError } from './ipc';
import { createBridge } from './bridge';

const launch = LaunchOptions.parse({ city: 'linyi', lang: 'en' });
const fs = { stat: async () => ({ size: 2, mtimeMs: 1, isFile: true }), readFile: async () => new TextEncoder().encode('{}') };
const handlers = createElectronHandlers({ launch, fs, version: '1.2.3', platform: 'linux' });
const trusted = { frameUrl: 'app://cockpit/index.html?city=linyi', isMainFrame: true };

describe('electron handlers', () => {
  it('implement every contract method with valid results', async () => {
    for (const m of SHELL_METHODS) {
      const out = await (handlers[m] as (...a: unknown[]) => unknown)(null);
      expect(() => parseResult(m, out)).not.toThrow();
    }
    expect(AppInfo.parse(await handleShellCall(handlers, 'getAppInfo', trusted, []))).toEqual({ shell: 'electron', version: '1.2.3', platform: 'linux' });
    expect(await handleShellCall(handlers, 'getLaunchOptions', trusted, [])).toEqual(launch);
  });
  it('refuse untrusted senders before looking at the call', async () => {
    await expect(handleShellCall(handlers, 'getAppInfo', { frameUrl: 'https://evil.example/', isMainFrame: true }, [])).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(handleShellCall(handlers, 'getAppInfo', { frameUrl: 'app://cockpit/', isMainFrame: false }, [])).rejects.toThrow(/refused/);
    await expect(handleShellCall(handlers, 'getAppInfo', { frameUrl: null, isMainFrame: true }, [])).rejects.toThrow(/\(gone\)/);
  });
  it('validate arguments through the contract', async () => {
    await expect(handleShellCall(handlers, 'getAppInfo', trusted, ['x'])).rejects.toBeInstanceOf(ContractError);
    await expect(handleShellCall(handlers, 'getAppInfo', trusted, 'nope')).rejects.toThrow(/arguments of getAppInfo/);
    await expect(handleShellCall(handlers, 'readFile', trusted, [])).rejects.toThrow(/unknown shell method/);
    await expect(handleShellCall(handlers, '__proto__', trusted, [])).rejects.toThrow(/unknown shell method/);
  });
});

describe('every IPC handler validates every argument', () => {
  // junk for each method: wrong types, extra arguments, oversized strings, prototype tricks
  const JUNK: unknown[][] = [[1], [{}], [[]], [true], [undefined, undefined], ['a', 'b'], ['x'.repeat(201)], [{ toString: 'x' }], [Object.create(null)], [null, null]];
  it.each(SHELL_METHODS)('%s refuses malformed arguments before its handler runs', async (m) => {
    let ran = 0;
    const spy = Object.fromEntries(SHELL_METHODS.map((k) => [k, (...a: unknown[]) => { ran++; return (handlers[k] as (...x: unknown[]) => unknown)(...a); }])) as unknown as typeof handlers;
    for (const args of JUNK) {
      await expect(handleShellCall(spy, m, trusted, args), `${m}(${JSON.stringify(args)})`).rejects.toBeInstanceOf(ContractError);
    }
    for (const args of [null, undefined, 'x', 42, { 0: null, length: 1 }]) {
      await expect(handleShellCall(spy, m, trusted, args)).rejects.toBeInstanceOf(ContractError);
    }
    expect(ran).toBe(0);
  });
});

describe('preload bridge', () => {
  const calls: [string, unknown[]][] = [];
  const bridge = createBridge(async (channel, args) => {
    calls.push([channel, args]);
    return 'ok';
  });
  it('forwards contract methods on their channel', async () => {
    for (const m of SHELL_METHODS) await expect(bridge.invoke(m, [])).resolves.toBe('ok');
    expect(calls.map((c) => c[0])).toEqual(SHELL_METHODS.map((m) => `cockpit:${m}`));
  });
  it('rejects anything else without touching IPC', async () => {
    calls.length = 0;
    for (const m of ['send', 'readFile', '__proto__', 'constructor', 'toString', 'cockpit:getAppInfo', '']) {
      await expect(bridge.invoke(m, [])).rejects.toThrow(/unknown method/);
    }
    await expect(bridge.invoke(42 as unknown as string, [])).rejects.toThrow(/unknown method/);
    await expect(bridge.invoke('getAppInfo', 'x' as unknown as unknown[])).rejects.toThrow(/must be an array/);
    expect(calls).toEqual([]);
  });
  it('is frozen', () => {
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
