#!/usr/bin/env node
/**
 * `npm run serve [-- --port 8080 --host 0.0.0.0 --token TOKEN --source URL]`: build if needed, then run the
 * browser-shell server (out/server/server.mjs) with the given flags.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(root, 'out/server/server.mjs');
const isWin = process.platform === 'win32';

if (!existsSync(server) || !existsSync(path.join(root, 'dist/renderer/index.html'))) {
  console.error('cockpit: building (out/server or dist/renderer missing)…');
  const b = spawnSync(isWin ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: isWin });
  if (b.status !== 0) {
    console.error('cockpit: `npm run build` failed; see the output above.');
    process.exit(b.status ?? 1);
  }
}

const child = spawn(process.execPath, [server, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Ctrl+C reaches the whole process group; forward other termination signals and wait for the server.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (child.exitCode === null) child.kill(sig);
  });
}
child.on('error', (e) => {
  console.error(`cockpit: cannot start the server: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
