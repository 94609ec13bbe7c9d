/** The server as a CLI (run from source through tsx, as out/server/server.mjs is run after a build). */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./server.ts', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.COCKPIT_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitFor(cond: () => boolean, ms = 15_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('server CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints one line, serves, and exits cleanly on %s', async (signal) => {
    const p = run(['--port', '0', '--city', 'linyi']);
    await waitFor(() => p.out().includes('\n'));
    const line = p.out().trim();
    expect(line).toMatch(/^Cockpit serving at http:\/\/127\.0\.0\.1:\d+\/$/);
    const url = line.slice('Cockpit serving at '.length);
    const r = await fetch(new URL('/api/invoke/getLaunchOptions', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(await r.json()).toMatchObject({ city: 'linyi' });
    p.child.kill(signal);
    expect(await p.exited).toBe(0);
    expect(p.out().split('\n').filter(Boolean)).toHaveLength(1);
  }, 30_000);

  it('--kiosk: prints the Chromium command line for the wall, with the V8 flags the Electron kiosk uses', async () => {
    const p = run(['--port', '0', '--kiosk']);
    await waitFor(() => p.out().split('\n').filter(Boolean).length >= 2);
    const url = /Cockpit serving at (\S+)/.exec(p.out())![1]!;
    expect(p.out()).toContain(`Wall: open it with chromium --kiosk --js-flags="--max-opt=1 --always-sparkplug" '${url}'`);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 30_000);

  it('rejects a bad flag naming it', async () => {
    const p = run(['--port', 'eighty']);
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain('--port');
    expect(p.out()).toBe('');
  }, 30_000);

  it('LAN policy: --host beyond loopback without a token is refused; COCKPIT_TOKEN guards every request', async () => {
    const open = run(['--port', '0', '--host', '0.0.0.0']);
    expect(await open.exited).toBe(2);
    expect(open.err()).toMatch(/--host 0\.0\.0\.0: .*access token.*--token TOKEN.*COCKPIT_TOKEN.*--no-token/);

    const token = 'cli-test-token-0123456789';
    const p = run(['--port', '0'], { COCKPIT_TOKEN: token });
    await waitFor(() => /Access token required/.test(p.out()));
    expect(p.out()).not.toContain(token); // the token itself is never printed
    const url = /Cockpit serving at (\S+)/.exec(p.out())![1]!;
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    const r = await fetch(`${url}?token=${token}`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 30_000);
});
