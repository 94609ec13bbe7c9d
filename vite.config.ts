import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));

/**
 * Builds the bundled sample database from data-samples/ and ships it as data/cockpit.sqlite
 * (emitted into the renderer build, served by the dev server).
 */
function sampleDatabase(): Plugin {
  let bytes: Uint8Array | undefined;
  const load = async () => {
    const { buildSampleDatabase } = await import('./scripts/build-db');
    bytes ??= await buildSampleDatabase();
    return bytes;
  };
  return {
    name: 'cockpit-sample-database',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'data/cockpit.sqlite', source: await load() });
    },
    configureServer(server) {
      server.middlewares.use('/data/cockpit.sqlite', (_req, res) => {
        load().then((b) => {
          res.setHeader('Content-Type', 'application/octet-stream');
          res.end(Buffer.from(b));
        }, (e: Error) => {
          res.statusCode = 500;
          res.end(e.message);
        });
      });
    },
  };
}

/** Ship only woff2 for the bundled Noto Sans SC (drop the woff fallback every supported engine ignores). */
function woff2Only(): Plugin {
  return {
    name: 'cockpit-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource') || !id.endsWith('.css')) return null;
      return code.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '');
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [woff2Only(), react(), sampleDatabase()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: 'es' },
});
