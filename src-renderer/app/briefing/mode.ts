/**
 * Which layout the cockpit uses: the 大屏 wall layout (fixed 16:9, the default for walls) or the
 * briefing layout (reflowed for laptops and projectors, vertical scrolling). Chosen by `?layout=`
 * (wall | briefing | auto), a toggle in the header, or automatically: small windows get the briefing
 * layout, walls (kiosk, a wall profile) never do. Also: whether this document is an export render
 * (`?export=png`) or a print view (`?print=…`).
 */
import { useCallback, useEffect, useState } from 'react';
import { parsePngQuery, parsePrintQuery, type PngRequest, type PrintRequest } from '../../../src-core/briefing/print';

export type LayoutMode = 'wall' | 'briefing';
export type LayoutChoice = LayoutMode | 'auto';

/** Windows narrower or lower than this get the briefing layout when the choice is "auto". */
export const AUTO_BRIEFING_BELOW = { width: 1600, height: 860 };

export function autoMode(width: number, height: number): LayoutMode {
  return width < AUTO_BRIEFING_BELOW.width || height < AUTO_BRIEFING_BELOW.height ? 'briefing' : 'wall';
}

export type DocumentRole = { kind: 'app' } | { kind: 'png'; req: PngRequest } | { kind: 'print'; req: PrintRequest };

/** Read once: what this document is for. */
export const DOCUMENT_ROLE: DocumentRole = (() => {
  if (typeof location === 'undefined') return { kind: 'app' }; // unit tests import panels outside a browser
  const print = parsePrintQuery(location.search);
  if (print) return { kind: 'print', req: print };
  const png = parsePngQuery(location.search);
  if (png) return { kind: 'png', req: png };
  return { kind: 'app' };
})();

function readChoice(): LayoutChoice {
  const v = new URLSearchParams(location.search).get('layout');
  return v === 'wall' || v === 'briefing' ? v : 'auto';
}

function useWindowSize() {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const on = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

export interface LayoutState {
  mode: LayoutMode;
  choice: LayoutChoice;
  width: number;
  /** set explicitly (kept in the URL) or back to automatic */
  choose(c: LayoutChoice): void;
  toggle(): void;
}

export function useLayoutMode(opts: { wallOnly: boolean }): LayoutState {
  const [choice, setChoice] = useState<LayoutChoice>(readChoice);
  const size = useWindowSize();
  const mode: LayoutMode = DOCUMENT_ROLE.kind !== 'app' ? 'wall' : choice !== 'auto' ? choice : opts.wallOnly ? 'wall' : autoMode(size.width, size.height);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('layout-briefing', mode === 'briefing');
    root.classList.toggle('layout-wall', mode === 'wall');
  }, [mode]);
  useEffect(() => {
    const onPop = () => setChoice(readChoice());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const choose = useCallback((c: LayoutChoice) => {
    const q = new URLSearchParams(location.search);
    if (c === 'auto') q.delete('layout');
    else q.set('layout', c);
    history.replaceState(history.state, '', `${location.pathname}?${q.toString()}${location.hash}`);
    setChoice(c);
  }, []);
  const toggle = useCallback(() => choose(mode === 'briefing' ? 'wall' : 'briefing'), [choose, mode]);
  return { mode, choice, width: size.width, choose, toggle };
}
