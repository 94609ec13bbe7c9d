/**
 * Node-side bundles (run after the renderer build: `vite build -c vite.electron.config.ts`):
 *   out/main/main.cjs      Electron main (CJS; 'electron' and node builtins external)
 *   out/main/preload.cjs   sandboxed preload (CJS; only 'electron' external, everything else inlined)
 *   out/server/server.mjs  browser-shell server (ESM; node builtins external)
 * Built as three Vite environments (the `builder` key makes `vite build` run buildApp). Each one
 * empties only its own out/<name> directory; dist/renderer is never touched.
 */
import { defineConfig, type EnvironmentOptions } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function nodeBundle(opts: { outDir: string; input: Record<string, string>; format: 'cjs' | 'es'; ext: string; external: string[]; emptyOutDir?: boolean }): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external: opts.external },
    build: {
      outDir: r(opts.outDir),
      emptyOutDir: opts.emptyOutDir ?? true,
      ssr: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: opts.input,
        external: (id) => opts.external.includes(id) || id.startsWith('node:'),
        output: {
          format: opts.format,
          entryFileNames: `[name].${opts.ext}`,
          // one self-contained file per entry: a sandboxed preload cannot require() a sibling chunk
          codeSplitting: false,
        },
      },
    },
  };
}

export default defineConfig({
  root: r('.'),
  publicDir: false,
  logLevel: 'warn',
  builder: {
    // only our two environments (the implicit 'client' environment is the renderer's, built by vite.config.ts)
    async buildApp(builder) {
      for (const name of ['main', 'preload', 'server']) {
        const env = builder.environments[name];
        if (!env) throw new Error(`vite.electron.config: environment ${name} missing`);
        await builder.build(env);
      }
    },
  },
  environments: {
    main: nodeBundle({
      outDir: './out/main',
      input: { main: r('./src-main/main.ts') },
      format: 'cjs',
      ext: 'cjs',
      external: ['electron', ...nodeBuiltins],
    }),
    // separate build into the same directory (after main; must not empty it)
    preload: nodeBundle({
      outDir: './out/main',
      emptyOutDir: false,
      input: { preload: r('./src-main/preload.ts') },
      format: 'cjs',
      ext: 'cjs',
      external: ['electron'],
    }),
    server: nodeBundle({
      outDir: './out/server',
      input: { server: r('./src-server/server.ts') },
      format: 'es',
      ext: 'mjs',
      external: nodeBuiltins,
    }),
  },
});
