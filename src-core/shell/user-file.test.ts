import { describe, expect, it } from 'vitest';
import { readUserFile, type UserFileFs } from './user-file';

function memFs(files: Record<string, { bytes: Uint8Array; mtimeMs: number }>): UserFileFs {
  return {
    async stat(p) {
      const f = files[p];
      if (!f) throw new Error(`ENOENT: no such file '${p}'`);
      return { size: f.bytes.length, mtimeMs: f.mtimeMs, isFile: true };
    },
    async readFile(p) {
      return files[p]!.bytes;
    },
  };
}
const enc = (s: string) => new TextEncoder().encode(s);

describe('readUserFile', () => {
  it('returns nothing when no file is configured', async () => {
    expect(await readUserFile(memFs({}), undefined, null)).toEqual({ file: null, etag: null, text: null, error: null });
  });
  it('reads the text (BOM stripped) and returns an etag; an unchanged file sends no text', async () => {
    const fs = memFs({ '/p.json': { bytes: enc('\uFEFF{"version":1}'), mtimeMs: 1000 } });
    const a = await readUserFile(fs, '/p.json', null);
    expect(a.text).toBe('{"version":1}');
    const b = await readUserFile(fs, '/p.json', a.etag);
    expect(b.text).toBeNull();
    expect(b.etag).toBe(a.etag);
  });
  it('names a missing file, a non-UTF-8 file and an oversized file', async () => {
    expect((await readUserFile(memFs({}), '/gone.json', null)).error).toMatch(/cannot be read: ENOENT/);
    const bad = memFs({ '/b.json': { bytes: new Uint8Array([0xff, 0xfe, 0x00, 0xd8]), mtimeMs: 1 } });
    expect((await readUserFile(bad, '/b.json', null)).error).toBe('is not valid UTF-8 text');
    const big = memFs({ '/big.json': { bytes: new Uint8Array(3 * 1024 * 1024), mtimeMs: 1 } });
    expect((await readUserFile(big, '/big.json', null)).error).toMatch(/limit/);
  });
});
