/**
 * Briefing mode, mounted by App with one hook: the laptop layout (reflowed panels), story mode (play a
 * briefing step by step, full screen, highlighted panel, presenter note), notes pinned to panels,
 * export (PNG at a chosen resolution, PDF of a page or a whole briefing) and the shortcut help.
 * App gives it the current view and a way to navigate; it gives back a root class, how to lay out
 * and decorate the page's panels, header tools and its overlays.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LaunchOptions } from '../../../src-core/contract';
import { briefingLayout } from '../../../src-core/briefing/layout';
import { allStories, navigate, stepProblem, type PlayStory } from '../../../src-core/briefing/story';
import type { PagesConfig, PageSpec } from '../../../src-core/pages/config';
import { CockpitContext, type Cockpit } from '../context';
import type { PanelDecor } from '../PageView';
import { locationPins, PanelNotes } from './Annotations';
import { ExportDialog } from './ExportDialog';
import { FooterBlock, useDocumentReady, usePageFooter } from './footer';
import { HelpOverlay } from './HelpOverlay';
import { DOCUMENT_ROLE, useLayoutMode } from './mode';
import { PrintView } from './PrintView';
import { PresenterBar, StoryDrawer } from './Stories';
import { briefingModel, useBriefingData } from './store';
import { briefingStrings } from './strings';
import './briefing.css';

export { DOCUMENT_ROLE } from './mode';

interface Playing { story: string; step: number }

function readPlaying(): Playing | null {
  const q = new URLSearchParams(location.search);
  const story = q.get('story');
  if (!story || DOCUMENT_ROLE.kind !== 'app') return null;
  return { story, step: Math.max(0, Number.parseInt(q.get('step') ?? '1', 10) - 1 || 0) };
}
function writePlaying(p: Playing | null) {
  const q = new URLSearchParams(location.search);
  if (p) {
    q.set('story', p.story);
    q.set('step', String(p.step + 1));
  } else {
    q.delete('story');
    q.delete('step');
  }
  history.replaceState(history.state, '', `${location.pathname}?${q.toString()}${location.hash}`);
}

/** Keys typed into fields, or taken by a focused widget (chart, map, tabs), are not shortcuts. */
function ownsKeys(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return true;
  const t = e.target as HTMLElement | null;
  if (!t || !t.closest) return false;
  if (t.closest('input, textarea, select, [contenteditable="true"]')) return true;
  if ((e.key === ' ' || e.key === 'Enter') && t.closest('button, a, [role="button"], [role="tab"]')) return true;
  return false;
}

/** A modal dialog of the app (provenance, sources, import) has the keyboard. */
function modalOpen(): boolean {
  return !!document.querySelector('.prov-backdrop, [aria-modal="true"]');
}

export interface BriefingView {
  rootClass: string;
  pageLayout: PanelDecor | undefined;
  tools: ReactNode;
  layer: ReactNode;
  /** the print view replaces the whole UI when this document is one */
  print: ReactNode | null;
}

export function useBriefing({ launch, pages, cockpit, page, go }: {
  launch: LaunchOptions | null;
  pages: PagesConfig | null;
  cockpit: Cockpit | null;
  page: PageSpec | null;
  go: (patch: { page?: string; city?: string }) => void;
}): BriefingView {
  const layout = useLayoutMode({ wallOnly: !!launch?.kiosk || !!launch?.profile });
  const model = briefingModel();
  const data = useBriefingData(model);
  const [drawer, setDrawer] = useState(false);
  const [annotating, setAnnotating] = useState(false);
  /** annotate mode: a place the user picked on a map panel, for the note being written there */
  const [placing, setPlacing] = useState<{ panel: string; at: { lng: number; lat: number } } | null>(null);
  useEffect(() => setPlacing(null), [annotating, page?.id, cockpit?.city.id]);
  const [showNotes, setShowNotes] = useState(true);
  const [dialog, setDialog] = useState<null | 'export' | 'help'>(null);
  const [playing, setPlaying] = useState<Playing | null>(readPlaying);
  const [fullscreen, setFullscreen] = useState(() => !!document.fullscreenElement);
  const lang = cockpit?.lang ?? 'zh-CN';
  const s = briefingStrings[lang];
  const role = DOCUMENT_ROLE.kind;

  const stories: PlayStory[] = useMemo(() => (pages ? allStories(pages, data, lang) : []), [pages, data, lang]);
  const story = playing ? stories.find((x) => x.id === playing.story) ?? null : null;
  const stepIndex = story && playing ? Math.min(playing.step, story.steps.length - 1) : 0;
  const step = story?.steps[stepIndex] ?? null;
  const cityIds = useMemo(() => new Set(cockpit?.catalog.cities.map((x) => x.id) ?? []), [cockpit?.catalog]);
  const problem = step && pages ? stepProblem(step, pages, cityIds) : null;

  // Show the step: its page and city (a user's own navigation in between is respected until the next step).
  const here = `${page?.id}|${cockpit?.city.id}`;
  useEffect(() => {
    if (!step || problem || here === `${step.page}|${step.city}`) return;
    go({ page: step.page, city: step.city });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing?.story, stepIndex, story?.steps.length]);
  // Bring the highlighted panel into view (briefing layout scrolls).
  const ready = useDocumentReady();
  useEffect(() => {
    if (!step?.panel || !ready) return;
    document.querySelector(`[data-panel="${CSS.escape(step.panel)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [step, ready, page?.id]);

  const play = useCallback((id: string, index: number) => {
    const p = { story: id, step: index };
    writePlaying(p);
    setPlaying(p);
    setDrawer(false);
  }, []);
  const move = useCallback((m: 'next' | 'prev' | 'first' | 'last') => {
    setPlaying((p) => {
      if (!p || !story) return p;
      const next = { ...p, step: navigate(p.step, story.steps.length, m) };
      writePlaying(next);
      return next;
    });
  }, [story]);
  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  const stop = useCallback(() => {
    writePlaying(null);
    setPlaying(null);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
  const present = useCallback((id: string, index: number) => {
    play(id, index);
    // full screen needs the user's gesture: this runs inside the click / key handler
    if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, [play]);

  useEffect(() => {
    const on = () => setFullscreen(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  useEffect(() => {
    const onPop = () => setPlaying(readPlaying());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // Keyboard shortcuts (see strings.SHORTCUTS and the ? overlay).
  useEffect(() => {
    if (role !== 'app' || !cockpit || !pages || !page) return;
    const onKey = (e: KeyboardEvent) => {
      if (ownsKeys(e)) return;
      if (e.key === '?') {
        e.preventDefault();
        setDialog((d) => (d === 'help' ? null : 'help'));
        return;
      }
      if (modalOpen() || dialog) return;
      if (story) {
        const m = ({ ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'prev', PageUp: 'prev', Home: 'first', End: 'last' } as const)[e.key as 'ArrowRight'] ??
          (e.key === ' ' ? (e.shiftKey ? 'prev' : 'next') : null);
        if (m) {
          e.preventDefault();
          move(m);
          return;
        }
        if (e.key === 'Escape') {
          if (drawer) setDrawer(false);
          else stop();
          return;
        }
      }
      if (e.key === 'Escape' && drawer) {
        setDrawer(false);
        return;
      }
      const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const idx = pages.pages.findIndex((p) => p.id === page.id);
      switch (k) {
        case 'f': toggleFullscreen(); break;
        case 's': setDrawer((d) => !d); break;
        case 'a': setAnnotating((a) => !a); break;
        case 'n': setShowNotes((v) => !v); break;
        case 'e': setDialog('export'); break;
        case 'l': layout.toggle(); break;
        case '[': go({ page: pages.pages[(idx - 1 + pages.pages.length) % pages.pages.length]!.id }); break;
        case ']': go({ page: pages.pages[(idx + 1) % pages.pages.length]!.id }); break;
        default:
          if (/^[1-9]$/.test(k)) {
            const city = cockpit.catalog.cities[Number(k) - 1];
            if (city) go({ city: city.id });
            else return;
          } else return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [role, cockpit, pages, page, story, dialog, drawer, move, stop, toggleFullscreen, layout, go]);

  const reflow = layout.mode === 'briefing' && page ? briefingLayout(page, layout.width) : null;
  const focus = step && !problem && page && step.page === page.id && cockpit && step.city === cockpit.city.id ? step.panel : null;
  const exporting = role === 'png';
  const pageLayout = useMemo<PanelDecor | undefined>(() => {
    if (!page || !cockpit) return undefined;
    return {
      grid: reflow ? { gridTemplateColumns: `repeat(${reflow.tracks}, minmax(0, 1fr))`, gridTemplateRows: reflow.rows.map((h) => `minmax(${h}rem, auto)`).join(' ') } : undefined,
      panel: (spec) => {
        const cell = reflow?.cells[spec.id];
        return {
          className: focus ? (spec.id === focus ? 'story-focus' : 'story-dim') : undefined,
          style: cell ? { gridColumn: `${cell.col + 1} / span ${cell.span}`, gridRow: `${cell.row + 1}` } : undefined,
          extra: (
            <PanelNotes model={model} data={data} page={page.id} panel={spec.id} annotating={annotating && !exporting} show={showNotes || exporting}
              placing={placing?.panel === spec.id ? placing.at : undefined} onPlaced={() => setPlacing(null)} />
          ),
          pins: spec.kind === 'map' && (showNotes || exporting || annotating) ? locationPins(data, page.id, cockpit.city.id, spec.id) : undefined,
          onPickLocation: annotating && !exporting && spec.kind === 'map' ? (at: { lng: number; lat: number }) => setPlacing({ panel: spec.id, at }) : undefined,
        };
      },
    };
  }, [page, cockpit, reflow?.tracks, JSON.stringify(reflow), focus, model, data, annotating, showNotes, exporting, placing]); // eslint-disable-line react-hooks/exhaustive-deps

  const tools = role !== 'app' || !cockpit ? null : (
    <div className="brief-tools" role="toolbar" aria-label={s.stories}>
      <button type="button" className={`chip ${layout.mode === 'briefing' ? 'on' : ''}`} onClick={layout.toggle} title={`${s.layoutToggle} (L)`} aria-pressed={layout.mode === 'briefing'} data-testid="layout-toggle">
        {layout.mode === 'briefing' ? s.layoutBriefing : s.layoutWall}
      </button>
      <button type="button" className={`chip ${drawer ? 'on' : ''}`} onClick={() => setDrawer((d) => !d)} title={`${s.storiesTitle} (S)`} aria-expanded={drawer} data-testid="stories-open">{s.stories}</button>
      <button type="button" className={`chip ${annotating ? 'on' : ''}`} onClick={() => setAnnotating((a) => !a)} title={`${s.annotate} (A)`} aria-pressed={annotating} data-testid="annotate-toggle">{s.annotations}</button>
      <button type="button" className="chip" onClick={() => setDialog('export')} title={`${s.export} (E)`} data-testid="export-open">{s.export}</button>
      <button type="button" className="chip" onClick={() => setDialog('help')} title={`${s.help} (?)`} aria-label={s.help} data-testid="help-open">?</button>
    </div>
  );

  const layer = !cockpit || !pages || !page ? null : role === 'png' ? (
    <PngFooter cockpit={cockpit} page={page} />
  ) : (
    <>
      {annotating && <div className="annotate-banner" role="status">{s.annotateOn}</div>}
      {drawer && (
        <StoryDrawer model={model} data={data} pages={pages} page={page} onClose={() => setDrawer(false)} onPlay={present} onGo={(p, c) => go({ page: p, city: c })} />
      )}
      {story && (
        <PresenterBar story={story} index={stepIndex} problem={problem} fullscreen={fullscreen} onMove={move} onExit={stop} onFullscreen={toggleFullscreen} />
      )}
      {dialog === 'export' && <ExportDialog page={page} stories={stories} activeStory={story?.id ?? null} onClose={() => setDialog(null)} />}
      {dialog === 'help' && <HelpOverlay onClose={() => setDialog(null)} />}
    </>
  );

  const print = DOCUMENT_ROLE.kind === 'print' && cockpit && pages ? (
    <CockpitContext.Provider value={cockpit}>
      <PrintView req={DOCUMENT_ROLE.req} pages={pages} cockpit={cockpit} />
    </CockpitContext.Provider>
  ) : null;

  const rootClass = [story ? 'story-playing' : '', annotating ? 'annotating' : ''].filter(Boolean).join(' ');
  return { rootClass, pageLayout, tools, layer, print };
}

/** The footer of the PNG export render (a row of the cockpit grid below the page). */
function PngFooter({ cockpit, page }: { cockpit: Cockpit; page: PageSpec }) {
  const ready = useDocumentReady();
  const text = usePageFooter(cockpit, page, () => document.querySelector('.page-grid'), ready);
  useEffect(() => {
    document.documentElement.classList.add('export-png');
  }, []);
  return <FooterBlock text={text} />;
}
