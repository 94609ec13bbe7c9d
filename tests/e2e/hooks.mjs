/**
 * Shared test hooks: the cockpit's browser shell (dist/renderer) and one Chromium for a test file or
 * suite, started before its tests and closed after them. The handles are filled in by the hook:
 * read `env.cockpit` and `env.browser` inside tests, not at module level.
 */
import { after, before } from 'node:test';
import { launchBrowser, startCockpit } from './harness.mjs';

export function withCockpit({ browserOptions } = {}) {
  const env = { cockpit: null, browser: null };
  before(async () => {
    env.cockpit = await startCockpit();
    env.browser = await launchBrowser(browserOptions);
  });
  after(async () => {
    await env.browser?.close();
    await env.cockpit?.close();
  });
  return env;
}
