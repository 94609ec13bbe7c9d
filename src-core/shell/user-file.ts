/**
 * Reading a user-supplied file (the page configuration) for either shell. Platform-free: the shell
 * passes its own stat/read functions. The etag is size + mtime, so an unchanged file costs one stat.
 */
import type { UserFile } from '../contract';

export interface UserFileFs {
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile: boolean }>;
  readFile(path: string): Promise<Uint8Array>;
}

// Every runtime the core runs in has WHATWG TextDecoder; typed locally (no DOM/Node globals in core).
type Decoder = new (label: string, opts: { fatal: boolean }) => { decode(b: Uint8Array): string };
const Utf8 = (globalThis as unknown as { TextDecoder: Decoder }).TextDecoder;

export const USER_FILE_MAX_BYTES = 2 * 1024 * 1024;

export async function readUserFile(fs: UserFileFs, file: string | undefined, knownEtag: string | null): Promise<UserFile> {
  if (!file) return { file: null, etag: null, text: null, error: null };
  let st;
  try {
    st = await fs.stat(file);
  } catch (e) {
    return { file, etag: null, text: null, error: `cannot be read: ${(e as Error).message}` };
  }
  if (!st.isFile) return { file, etag: null, text: null, error: 'is not a file' };
  if (st.size > USER_FILE_MAX_BYTES) return { file, etag: null, text: null, error: `is ${st.size} bytes; the limit is ${USER_FILE_MAX_BYTES}` };
  const etag = `${st.size}-${Math.round(st.mtimeMs)}`;
  if (etag === knownEtag) return { file, etag, text: null, error: null };
  try {
    const bytes = await fs.readFile(file);
    const text = new Utf8('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return { file, etag, text, error: null };
  } catch (e) {
    return { file, etag, text: null, error: e instanceof TypeError ? 'is not valid UTF-8 text' : `cannot be read: ${(e as Error).message}` };
  }
}
