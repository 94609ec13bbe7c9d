// Bundled CJK font (SIL OFL), split by unicode-range: only the subsets a page uses are loaded. Offline.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { DataClient, DB_URL } from './data/client';

// The data worker (sql.js + database download) starts first; the UI code (React, ECharts) loads in
// parallel as a separate chunk instead of delaying the worker until it has been evaluated.
performance.mark('cockpit:entry');
const data = new DataClient();
void data.open(new URL(DB_URL, document.baseURI).href).catch(() => undefined); // errors are shown by <App>
void Promise.all([import('react-dom/client'), import('./app/App'), import('./app/wall/AppBoundary')]).then(([{ createRoot }, { App }, { AppBoundary }]) => {
  performance.mark('cockpit:ui-loaded');
  // a render error anywhere is logged and the app remounts itself after a few seconds (no manual reload)
  createRoot(document.getElementById('root')!).render(
    <AppBoundary>
      <App data={data} />
    </AppBoundary>,
  );
});
