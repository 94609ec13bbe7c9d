import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { floorCssFontSizes } from './scripts/css-text-floor';

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

/**
 * The bundled Noto Sans SC: ship only woff2 (drop the woff fallback every supported engine ignores), and
 * prefer the same typeface when the machine has it installed (Noto Sans CJK SC / Source Han Sans SC, as on
 * Debian, UOS and Kylin): no download and no web-font decoding then. Machines without it (e.g. Windows)
 * use the bundled subsets. `npm run bench` measures both cases.
 */
function cjkFont(): Plugin {
  // Full and PostScript names of the same typeface as installed by Debian/UOS/Kylin, Google Fonts and Adobe.
  const local = (weight: string) =>
    (weight === '700'
      ? ['Noto Sans CJK SC Bold', 'NotoSansCJKsc-Bold', 'NotoSansSC-Bold', 'SourceHanSansSC-Bold']
      : ['Noto Sans CJK SC', 'NotoSansCJKsc-Regular', 'NotoSansSC-Regular', 'SourceHanSansSC-Regular']
    ).map((n) => `local('${n}')`).join(', ');
  return {
    name: 'cockpit-cjk-font',
    enforce: 'pre',
    transform(code, id) {
      if (!/noto-sans-sc\/\d+\.css$/.test(id)) return null;
      // Every unicode-range subset tries the installed typeface first, then its bundled file.
      return code
        .replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '')
        .replace(/font-weight: (\d+);(\s*)src: /g, (_m, w: string, ws: string) => `font-weight: ${w};${ws}src: ${local(w)}, `);
    },
  };
}

/**
 * `virtual:cockpit-glyphs`: every CJK character the bundled catalogue, page configuration and UI strings
 * can show, so the entry script can ask for those font subsets while the UI code is still loading instead
 * of after the first render (each late subset re-lays out the whole page).
 */
function cockpitGlyphs(): Plugin {
  const ID = 'virtual:cockpit-glyphs';
  return {
    name: 'cockpit-glyphs',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    async load(id) {
      if (id !== `\0${ID}`) return null;
      const { loadSampleData } = await import('./scripts/build-db');
      const { strings } = await import('./src-renderer/i18n');
      const pages = JSON.parse(readFileSync(new URL('./src-renderer/pages/pages.json', import.meta.url), 'utf8')) as { pages: { title: Record<string, string>; panels: { title: Record<string, string> }[] }[] };
      const d = await loadSampleData();
      const texts = [
        ...d.indicators.flatMap((i) => [i.nameZh, i.unitZh]),
        ...d.cities.map((c) => c.nameZh),
        ...d.counties.map((c) => c.nameZh),
        ...d.documents.flatMap((x) => [x.titleZh, x.publisherZh]),
        ...Object.values(strings['zh-CN']).filter((v): v is string => typeof v === 'string'),
        ...pages.pages.flatMap((p) => [p.title['zh-CN'] ?? '', ...p.panels.map((x) => x.title['zh-CN'] ?? '')]),
      ];
      const chars = [...new Set(texts.join('').replace(/[\x00-\x7f\s]/g, ''))].sort().join('');
      return `export default ${JSON.stringify(chars)};`;
    },
  };
}

/** The wall's minimum text size as a CSS rule on every font size (scripts/css-text-floor.ts): app and library CSS. */
function wallTextFloor(): Plugin {
  return {
    name: 'cockpit-wall-text-floor',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css($|\?)/.test(id) || /[?&](raw|url)\b/.test(id)) return null;
      return { code: floorCssFontSizes(code), map: null };
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [cjkFont(), wallTextFloor(), cockpitGlyphs(), react(), sampleDatabase()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: 'es' },
});
