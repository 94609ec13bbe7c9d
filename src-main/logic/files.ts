/**
 * Files that must survive power cuts and run for weeks: atomic writes (temp file, fsync, rename) and a
 * size-rotated log (cockpit.log, cockpit.log.1 … .N).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** Write `data` to `file` so that a reader sees either the old or the new content, never a torn file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  // make the rename itself durable where the platform allows syncing a directory
  try {
    const d = await fsp.open(dir, 'r');
    await d.sync().finally(() => d.close());
  } catch {
    /* Windows: directories cannot be opened for sync */
  }
}

export interface RotatingLog {
  write(level: 'info' | 'warn' | 'error', message: string): void;
  close(): void;
}

/** Append-only log rotated by size; synchronous appends keep ordering and survive a crash right after. */
export function rotatingLog(file: string, maxBytes = 5 * 1024 * 1024, keep = 5, now: () => Date = () => new Date()): RotatingLog {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const rotate = () => {
    if (fs.existsSync(`${file}.${keep}`)) fs.rmSync(`${file}.${keep}`);
    for (let i = keep - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
    }
    if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`);
    size = 0;
  };
  return {
    write(level, message) {
      const line = `${now().toISOString()} ${level.toUpperCase()} ${message.replace(/\r?\n/g, '\\n')}\n`;
      const bytes = Buffer.byteLength(line);
      if (size + bytes > maxBytes && size > 0) rotate();
      fs.appendFileSync(file, line);
      size += bytes;
    },
    close() {},
  };
}
