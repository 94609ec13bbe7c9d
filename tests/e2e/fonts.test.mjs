/**
 * Chinese text renders offline in both font paths: with the typeface installed (Debian's fonts-noto-cjk, as
 * in CI; UOS/Kylin ship it too) the CSS uses it and downloads nothing, and on a machine without it (Windows)
 * the bundled unicode-range subsets of Noto Sans SC are loaded from the app itself. The second case is
 * exercised by serving a copy of the build whose CSS cannot name the installed face.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyRoot, decodePng, launchBrowser, openPage, startCockpit, waitReady } from './harness.mjs';

const URL_PATH = '?city=linyi&page=overview&lang=zh-CN';

/** Pixels of the header title: a crop screenshot decoded to RGBA, with how many pixels are "ink". */
async function titleInk(page) {
  const png = decodePng(await page.locator('h1').first().screenshot());
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] + png.data[i + 1] + png.data[i + 2] > 360) ink++;
  return { ink, width: png.width, height: png.height };
}

async function fontState(page) {
  return page.evaluate(() => ({
    loadedFaces: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded').length,
    // the family name resolves for the page's CJK text without falling back
    check: document.fonts.check('16px "Noto Sans SC"', '临沂市大数据局'),
    title: document.querySelector('h1')?.textContent ?? '',
  }));
}

describe('Chinese fonts, offline', () => {
  let browser;
  let installed;
  let webfontRoot;
  let webfontServer;
  let server;
  before(async () => {
    browser = await launchBrowser();
    server = await startCockpit();
    webfontRoot = copyRoot(undefined, 'cockpit-webfont-');
    const assets = join(webfontRoot.dir, 'assets');
    let stripped = 0;
    for (const f of readdirSync(assets).filter((n) => n.endsWith('.css'))) {
      const css = readFileSync(join(assets, f), 'utf8');
      const out = css.replace(/local\([^)]*\),/g, () => (stripped++, ''));
      writeFileSync(join(assets, f), out);
    }
    assert.ok(stripped > 100, `the built CSS names the installed typeface per subset (found ${stripped} local() sources)`);
    webfontServer = await startCockpit({ root: webfontRoot.dir });
    const probe = await browser.newPage();
    installed = await probe.evaluate(async () => {
      try {
        await new FontFace('probe', 'local("NotoSansCJKsc-Regular")').load();
        return true;
      } catch {
        return false;
      }
    });
    await probe.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await webfontServer?.close();
    webfontRoot?.remove();
  });

  it('uses the installed Noto Sans CJK SC without downloading font files, when the machine has it', async (t) => {
    if (!installed) return t.skip('Noto Sans CJK SC is not installed here');
    const p = await openPage(browser, server.url + URL_PATH);
    try {
      await waitReady(p.page);
      const fonts = p.log.requests.filter((u) => /\.woff2?$/.test(u));
      assert.deepEqual(fonts, [], 'no font file fetched');
      const st = await fontState(p.page);
      assert.ok(st.check && st.loadedFaces > 0, `Noto Sans SC faces loaded from the installed font (${JSON.stringify(st)})`);
      assert.ok((await titleInk(p.page)).ink > 200, 'the title is drawn');
    } finally {
      await p.close();
    }
  });

  it('loads the bundled subsets from the app itself when no CJK font is installed, and draws the same text', async () => {
    const p = await openPage(browser, webfontServer.url + URL_PATH);
    try {
      await waitReady(p.page);
      const fonts = p.log.requests.filter((u) => /\.woff2$/.test(u));
      assert.ok(fonts.length >= 5, `bundled subsets fetched (${fonts.length})`);
      for (const u of fonts) assert.ok(u.startsWith(webfontServer.origin), `font served by the app: ${u}`);
      assert.deepEqual(p.log.failedRequests, [], 'every request succeeded');
      const st = await fontState(p.page);
      assert.ok(st.check && st.loadedFaces >= 5, `bundled faces loaded (${JSON.stringify(st)})`);
      const ink = await titleInk(p.page);
      assert.ok(ink.ink > 200, `the title is drawn (${JSON.stringify(ink)})`);
    } finally {
      await p.close();
    }
  });
});
