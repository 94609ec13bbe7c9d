// Bundled CJK font (SIL OFL), split by unicode-range: only the subsets a page uses are loaded. Offline.
// An installed copy of the same typeface is preferred (vite.config.ts, cjkFont).
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import glyphs from 'virtual:cockpit-glyphs';
import { DataClient, DB_URL } from './data/client';
import { askEarly } from './shell/raw';

// The data worker (sql.js + database download) starts first; the UI code (React, ECharts) loads in
// parallel as a separate chunk instead of delaying the worker until it has been evaluated.
performance.mark('cockpit:entry');
const data = new DataClient();
void data.open(new URL(DB_URL, document.baseURI).href).catch(() => undefined); // errors are shown by <App>
// The shell's launch options and sources file are asked for now; the bridge chunk validates the answers.
const early = askEarly();
const shell = import('./shell/bridge').then((b) => b.shellStartup(early));
void Promise.all([import('react-dom/client'), import('./app/App'), import('./app/wall/AppBoundary')]).then(([{ createRoot }, { App }, { AppBoundary }]) => {
  performance.mark('cockpit:ui-loaded');
  // a render error anywhere is logged and the app remounts itself after a few seconds (no manual reload)
  createRoot(document.getElementById('root')!).render(
    <AppBoundary>
      <App data={data} shell={shell} />
    </AppBoundary>,
  );
});

// While the UI code downloads: fetch the font subsets the catalogue's names and the UI strings need (late
// subsets would each re-lay out the drawn page). ICU's formatters are made later, while the database opens (App).
if (document.fonts) for (const w of ['400', '700']) void document.fonts.load(`${w} 16px "Noto Sans SC"`, glyphs).catch(() => undefined);
