// Renders assets/icon.svg to assets/icon.png (512×512) with Chromium; electron-builder derives
// the .ico/.icns from it. Run by hand when the icon changes: node scripts/make-icon.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 512, height: 512 } });
await p.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="512" height="512" ')}</body></html>`);
await p.screenshot({ path: new URL('../assets/icon.png', import.meta.url).pathname, omitBackground: true });
await b.close();
