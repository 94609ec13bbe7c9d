/** The server as a CLI (run from source through tsx, as out/server/server.mjs is run after a build). */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./server.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('rejects a bad flag naming it', async () => {
    const p = run(['--port', 'eighty']);
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain('--port');
    expect(p.out()).toBe('');
  }, 30_000);
});
