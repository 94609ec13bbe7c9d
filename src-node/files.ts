/** Node file access shared by both shells: the renderer build confined to its root, and user files. */
import { promises as fsp, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFeedsConfig } from '../src-core/feed/config';
import type { StaticFs } from '../src-core/shell/static';
import type { UserFileFs } from '../src-core/shell/user-file';

/**
 * File access confined to `root` (paths come from resolveSafePath; containment is re-checked, and
 * outside an asar archive symlinks must resolve inside the root too; an app.asar is read-only, built
 * by us, and Electron's asar layer has no real paths to compare).
 */
export function rootedFs(root: string): StaticFs {
  const absRoot = path.resolve(root);
  const checkRealPath = !/\.asar([\\/]|$)/i.test(absRoot);
  let realRoot: string | undefined;
  const inside = (base: string, p: string) => {
    const back = path.relative(base, p);
    return back !== '' && !back.startsWith('..') && !path.isAbsolute(back);
  };
  const locate = async (rel: string): Promise<string | null> => {
    const abs = path.resolve(absRoot, ...rel.split('/'));
    if (!inside(absRoot, abs)) return null;
    if (!checkRealPath) return abs;
    try {
      realRoot ??= await fsp.realpath(absRoot);
      return inside(realRoot, await fsp.realpath(abs)) ? abs : null;
    } catch {
      return null;
    }
  };
  return {
    async stat(rel) {
      const abs = await locate(rel);
      if (!abs) return null;
      try {
        const st = await fsp.stat(abs);
        return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
      } catch {
        return null;
      }
    },
    async read(rel) {
      const abs = await locate(rel);
      if (!abs) throw new Error('outside root');
      return fsp.readFile(abs);
    },
  };
}

/** Plain file access for user-chosen files (page configuration, feeds config). */
export const nodeUserFileFs: UserFileFs = {
  async stat(p) {
    const st = await fsp.stat(p);
    return { size: st.size, mtimeMs: st.mtimeMs, isFile: st.isFile() };
  },
  readFile: (p) => fsp.readFile(p),
};

/**
 * The source URLs listed in the data-sources configuration file (`--feeds FILE`), for the shells'
 * CSP (connect-src): re-read whenever the file's size or modification time changes, so a source
 * added to the file is allowed the next time the renderer loads. A missing or invalid file keeps the
 * last valid list (the renderer shows what is wrong and where when it reads the file).
 */
export function feedsFileSources(file: string | undefined): () => string[] {
  let seen = '';
  let urls: string[] = [];
  return () => {
    if (!file) return [];
    let sig: string;
    try {
      const st = statSync(file);
      sig = `${st.size}:${st.mtimeMs}`;
    } catch {
      return urls;
    }
    if (sig === seen) return urls;
    seen = sig;
    try {
      urls = parseFeedsConfig(readFileSync(file, 'utf8'), file).sources.map((s) => s.url);
    } catch {
      /* keep the last valid list */
    }
    return urls;
  };
}
