import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { removeStaleTemps, rotatingLog, writeFileAtomic } from './files';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-files-'));
const mod = path.resolve(__dirname, 'files.ts');

/**
 * Runs `body` in a child Node process with writeFileAtomic imported; `preload` runs first (e.g. to
 * arrange a crash at a chosen step). Resolves with the exit code/signal.
 */
function child(body: string, preload = '') {
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
    import fsp from 'node:fs/promises';
    ${preload}
    const { writeFileAtomic } = await import(${JSON.stringify(mod)});
    ${body}
  `], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  p.stderr.on('data', (c) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.once('exit', (code, signal) => r({ code, signal })));
  return { p, exited, err: () => err };
}

/** A document that proves its own integrity: the payload is `n` repeated, with its length recorded. */
const doc = (n: number, size = 200_000) => JSON.stringify({ n, len: size, v: String(n % 10).repeat(size) });
/** The same document built inside the child (too large for a command-line argument). */
const docJs = (n: number | string) => `JSON.stringify({ n: ${n}, len: 200000, v: String(${n} % 10).repeat(200000) })`;
function checkDoc(text: string): number {
  const d = JSON.parse(text) as { n: number; len: number; v: string };
  expect(d.v.length).toBe(d.len);
  expect(d.v).toBe(String(d.n % 10).repeat(d.len));
  return d.n;
}

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp files', async () => {
    const d = tmp();
    const f = path.join(d, 'settings.json');
    await writeFileAtomic(f, '{"a":1}');
    await writeFileAtomic(f, '{"a":2}');
    expect(fs.readFileSync(f, 'utf8')).toBe('{"a":2}');
    expect(fs.readdirSync(d)).toEqual(['settings.json']);
  });

  it('concurrent writes in one process never share a temp file (last one wins, whole)', async () => {
    const d = tmp();
    const f = path.join(d, 'cache.json');
    await Promise.all(Array.from({ length: 40 }, (_, i) => writeFileAtomic(f, doc(i, 20_000))));
    checkDoc(fs.readFileSync(f, 'utf8'));
    expect(fs.readdirSync(d)).toEqual(['cache.json']);
  });

  it('a crash after the temp file is written but before the rename keeps the old file whole; the next write cleans up', async () => {
    const d = tmp();
    const f = path.join(d, 'settings.json');
    await writeFileAtomic(f, doc(1));
    // the child dies exactly between fsync and rename (SIGKILL: no cleanup code runs)
    const c = child(`await writeFileAtomic(${JSON.stringify(f)}, ${docJs(2)});`, `fsp.rename = async () => { process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); };`);
    expect((await c.exited).signal, c.err()).toBe('SIGKILL');
    expect(checkDoc(fs.readFileSync(f, 'utf8'))).toBe(1);
    const left = fs.readdirSync(d).filter((n) => n.endsWith('.tmp'));
    expect(left).toHaveLength(1); // the orphan of the dead writer
    await writeFileAtomic(f, doc(3));
    expect(checkDoc(fs.readFileSync(f, 'utf8'))).toBe(3);
    expect(fs.readdirSync(d)).toEqual(['settings.json']);
  }, 30_000);

  it('a crash half-way through writing the temp file keeps the old file whole', async () => {
    const d = tmp();
    const f = path.join(d, 'settings.json');
    await writeFileAtomic(f, doc(1));
    // the child writes half of the data to the temp file, then dies
    const c = child(`await writeFileAtomic(${JSON.stringify(f)}, ${docJs(2)});`, `
      const open = fsp.open;
      fsp.open = async (...a) => {
        const fh = await open(...a);
        fh.writeFile = async (data) => { await fh.write(String(data).slice(0, 1000)); process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); };
        return fh;
      };`);
    expect((await c.exited).signal, c.err()).toBe('SIGKILL');
    expect(checkDoc(fs.readFileSync(f, 'utf8'))).toBe(1);
    expect(await removeStaleTemps(f)).toHaveLength(1);
    expect(fs.readdirSync(d)).toEqual(['settings.json']);
  }, 30_000);

  it('a writer killed at random moments, 16 times, never leaves a torn or missing file', async () => {
    const d = tmp();
    const f = path.join(d, 'cache.json');
    await writeFileAtomic(f, doc(0));
    const seen = new Set<number>();
    for (let round = 0; round < 16; round++) {
      // rewrites the file in a loop; signals on stdout once it is in the loop
      const c = child(`
        process.stdout.write('go\\n');
        for (let i = ${(round + 1) * 1_000_000}; ; i++) await writeFileAtomic(${JSON.stringify(f)}, ${docJs('i')});
      `);
      await new Promise<void>((r) => c.p.stdout!.once('data', () => r()));
      await new Promise((r) => setTimeout(r, 20 + ((round * 37) % 180)));
      c.p.kill('SIGKILL');
      await c.exited;
      seen.add(checkDoc(fs.readFileSync(f, 'utf8'))); // old or new, never torn
    }
    // the kills landed while the writers were busy: most rounds had replaced the file
    expect(seen.size).toBeGreaterThanOrEqual(8);
    // whatever temp files the killed writers left, the next write removes them
    await writeFileAtomic(f, doc(7));
    expect(fs.readdirSync(d)).toEqual(['cache.json']);
  }, 90_000);
});

describe('removeStaleTemps', () => {
  it('keeps temp files of live writers and ignores other files', async () => {
    const d = tmp();
    const f = path.join(d, 'a.json');
    fs.writeFileSync(path.join(d, `.a.json.${process.pid}.x.tmp`), 'in flight');
    fs.writeFileSync(path.join(d, '.a.json.notapid.tmp'), 'odd');
    fs.writeFileSync(path.join(d, '.b.json.1.x.tmp'), 'other target');
    expect(await removeStaleTemps(f)).toEqual([]);
    expect(fs.readdirSync(d).sort()).toEqual([`.a.json.${process.pid}.x.tmp`, '.a.json.notapid.tmp', '.b.json.1.x.tmp'].sort());
  });
});

describe('rotatingLog', () => {
  it('rotates by size and keeps N files', () => {
    const d = tmp();
    const f = path.join(d, 'cockpit.log');
    const log = rotatingLog(f, 200, 3, () => new Date(0));
    for (let i = 0; i < 40; i++) log.write('info', `line ${i} ${'x'.repeat(20)}`);
    const files = fs.readdirSync(d).sort();
    expect(files).toEqual(['cockpit.log', 'cockpit.log.1', 'cockpit.log.2', 'cockpit.log.3']);
    expect(fs.readFileSync(f, 'utf8')).toMatch(/line 39/);
    for (const x of files) expect(fs.statSync(path.join(d, x)).size).toBeLessThanOrEqual(200);
  });
});
