import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { rotatingLog, writeFileAtomic } from './files';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-files-'));

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp files', async () => {
    const d = tmp();
    const f = path.join(d, 'settings.json');
    await writeFileAtomic(f, '{"a":1}');
    await writeFileAtomic(f, '{"a":2}');
    expect(fs.readFileSync(f, 'utf8')).toBe('{"a":2}');
    expect(fs.readdirSync(d)).toEqual(['settings.json']);
  });

  it('a writer killed mid-write never leaves a corrupt file', async () => {
    const d = tmp();
    const f = path.join(d, 'cache.json');
    const good = JSON.stringify({ v: 'x'.repeat(1000) });
    await writeFileAtomic(f, good);
    // A child process rewrites the file with large payloads in a loop; kill it at random moments.
    const mod = path.resolve(__dirname, 'files.ts');
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', `
        const { writeFileAtomic } = await import(${JSON.stringify(mod)});
        for (let i = 0; ; i++) await writeFileAtomic(${JSON.stringify(f)}, JSON.stringify({ v: String(i).repeat(200000) }));
      `], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 300 + round * 40));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const text = fs.readFileSync(f, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow(); // old or new, never torn
    }
  }, 30_000);
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
