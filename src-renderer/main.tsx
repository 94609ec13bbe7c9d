import { createRoot } from 'react-dom/client';
// Bundled CJK font (SIL OFL), split by unicode-range: only the subsets a page uses are loaded. Offline.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { App } from './app/App';
import { DataClient } from './data/client';

// The data worker starts before React renders, so the database download overlaps with UI setup.
const data = new DataClient();
createRoot(document.getElementById('root')!).render(<App data={data} />);
