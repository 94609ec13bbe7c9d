/**
 * The last line of defence for a screen that runs for weeks: a render error anywhere in the app (panels
 * have their own boundaries) is logged, a short notice is shown, and after RECOVER_MS the whole app is
 * mounted afresh (same URL: same page, city, profile, playlist), without anyone reloading by hand.
 * Repeated failures back off (up to a minute) instead of spinning.
 *
 * Test hook (?testhooks=1 only): `window.dispatchEvent(new Event('cockpit:test-render-error'))` makes
 * the next render throw once, to check this recovery end to end.
 */
import { Component, Fragment, useEffect, useState, type ReactNode } from 'react';
import type { Lang } from '../../../src-core/contract';
import { ws } from './strings';

export const RECOVER_MS = 3000;
export const TEST_RENDER_ERROR_EVENT = 'cockpit:test-render-error';

interface State {
  error: Error | null;
  /** remount counter (the key of the subtree) */
  gen: number;
  failures: number[];
}

function lang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
}

export class AppBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, gen: 0, failures: [] };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: { componentStack?: string | null }) {
    const now = Date.now();
    const failures = [...this.state.failures.filter((t) => now - t < 10 * 60_000), now];
    const delay = Math.min(60_000, RECOVER_MS * 2 ** Math.max(0, failures.length - 3));
    // console.error reaches the Electron main process log (console-message) and the browser's console
    console.error(`[recover] render error: ${error.message}; remounting in ${delay} ms (failure ${failures.length} in 10 min)${info.componentStack ? `\n${info.componentStack.trim().split('\n').slice(0, 6).join('\n')}` : ''}`);
    document.documentElement.dataset.ready = 'false';
    this.setState({ failures });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      console.warn('[recover] remounting the app');
      this.setState((s) => ({ error: null, gen: s.gen + 1 }));
    }, delay);
  }

  override componentWillUnmount() {
    clearTimeout(this.timer);
  }

  override render() {
    if (this.state.error) {
      const l = lang();
      return (
        <div className="app-recovering" role="alert" data-testid="app-recovering">
          <h1>{ws(l, 'recovering')}</h1>
          <p>{ws(l, 'recoveringDetail')}</p>
          <p className="muted"><code>{this.state.error.message}</code></p>
        </div>
      );
    }
    return <Fragment key={this.state.gen}>{this.props.children}</Fragment>;
  }
}

/** The test hook, rendered inside the app (inert unless the URL has testhooks=1): throws during render on the event. */
export function RenderErrorProbe() {
  const [boom, setBoom] = useState(false);
  useEffect(() => {
    if (new URLSearchParams(location.search).get('testhooks') !== '1') return;
    const on = () => setBoom(true);
    addEventListener(TEST_RENDER_ERROR_EVENT, on);
    return () => removeEventListener(TEST_RENDER_ERROR_EVENT, on);
  }, []);
  if (boom) throw new Error('simulated render error (test hook)');
  return null;
}
