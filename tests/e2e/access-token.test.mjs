/**
 * The browser shell with a shared access token (LAN use), as a person sees it in Chromium: without the
 * token an explanation page and nothing of the cockpit; with the link `?token=…` once, the cockpit
 * loads completely (renderer, worker, wasm, database, API all through the cookie), the token is gone
 * from the address bar, and scripts cannot read the cookie.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertBuilt, DIST_DIR, describePage, launchBrowser, openPage, pageLog, SERVER_MODULE, waitReady } from './harness.mjs';

const TOKEN = 'e2e-wall-token-5f1c9a7d3b';

describe('browser shell with an access token', () => {
  let browser;
  let srv;
  before(async () => {
    assertBuilt();
    const { startServer } = await import(pathToFileURL(SERVER_MODULE).href);
    srv = await startServer({ port: 0, host: '127.0.0.1', root: DIST_DIR, token: TOKEN });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('without the token: an explanation page, nothing of the cockpit', async () => {
    const { page, close } = await openPage(browser, `${srv.url}?city=linyi`);
    try {
      const text = await page.locator('body').innerText();
      assert.match(text, /需要访问令牌/);
      assert.match(text, /Access token required/);
      assert.equal(await page.locator('#root').count(), 0, 'the cockpit page was served without the token');
      assert.ok(pageLog(page).badResponses.some((r) => r.startsWith('401 ')), pageLog(page).badResponses.join('\n'));
    } finally {
      await close();
    }
  });

  it('with ?token= once: the cockpit loads fully, the token leaves the URL, the cookie is HttpOnly', async () => {
    const { page, context, close } = await openPage(browser, `${srv.url}?city=linyi&token=${TOKEN}&lang=zh-CN`);
    try {
      await waitReady(page).catch(async (e) => assert.fail(`${e.message}\n${await describePage(page)}`));
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('token'), null, `token still in the address bar: ${page.url()}`);
      assert.equal(url.searchParams.get('city'), 'linyi');
      assert.match(await page.locator('body').innerText(), /临沂/);
      assert.deepEqual(pageLog(page).badResponses, [], 'every request after the redirect carried the cookie');
      assert.equal(await page.evaluate(() => document.cookie), '', 'the access cookie is not readable by scripts');
      const [cookie] = (await context.cookies()).filter((c) => c.name === 'cockpit_access');
      assert.ok(cookie, 'access cookie set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.notEqual(cookie.value, TOKEN, 'the cookie holds a derived value, not the token');

      // a reload (e.g. the wall restarting the page) still works without the token in the URL
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitReady(page);
    } finally {
      await close();
    }
  });
});
