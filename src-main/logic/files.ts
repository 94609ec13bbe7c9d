/**
 * Files that must survive power cuts and run for weeks: atomic writes (temp file, fsync, rename) and a
 * size-rotated log (cockpit.log, cockpit.log.1 … .N).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

let tmpCounter = 0;

/** `.<name>.<pid>.<unique>.tmp` next to `file`: unique per process and call, even within one millisecond. */
function tempNameFor(file: string): string {
  tmpCounter = (tmpCounter + 1) % 1_000_000_000;
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${tmpCounter.toString(36)}${randomBytes(4).toString('hex')}.tmp`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that writers of `file` left behind when they died between creating the temp file
 * and renaming it (crash, kill, power cut). Temp files of live processes (writes in flight) are kept.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (pid === process.pid || processAlive(pid)) continue; // writes in flight (ours or another live writer's)
    await fsp.rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Write `data` to `file` so that a reader sees either the old or the new content, never a torn file,
 * even if the process dies or the power fails at any moment: write a temp file in the same folder,
 * fsync it, rename it over the target (atomic on one file system), fsync the folder. Temp files left
 * by writers that died are cleaned up on the next write.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = tempNameFor(file);
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
  await removeStaleTemps(file).catch(() => undefined);
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
