/**
 * The print view (`?print=page|story&…&size=a4|16x9`): one sheet per story step (or the one page),
 * each the page's wall layout for the step's city with the highlighted panel, the presenter note, the
 * panel notes and the export footer. Print CSS gives every sheet its own PDF page of the chosen size;
 * charts are drawn as SVG so the PDF stays vector with selectable text. Sets <html data-ready="true">
 * when every sheet has drawn (Electron's printToPDF and the browser path wait for it).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SHEETS, sheetPx, type PrintRequest } from '../../../src-core/briefing/print';
import { playConfigStory, playUserStory, stepProblem, type BriefingData, type PlayStep } from '../../../src-core/briefing/story';
import type { PagesConfig } from '../../../src-core/pages/config';
import { CockpitContext, cityName, type Cockpit } from '../context';
import { PageView, type PanelDecor } from '../PageView';
import { locationPins, PanelNotes } from './Annotations';
import { FooterBlock, usePageFooter } from './footer';
import { briefingModel, useBriefingData, type BriefingModel } from './store';
import { briefingStrings } from './strings';

function Sheet({ base, pages, step, index, total, storyTitle, model, data, onDone }: {
  base: Cockpit;
  pages: PagesConfig;
  step: PlayStep;
  index: number;
  total: number;
  storyTitle: string | null;
  model: BriefingModel;
  data: BriefingData;
  onDone: (i: number) => void;
}) {
  const s = briefingStrings[base.lang];
  const problem = stepProblem(step, pages, new Set(base.catalog.cities.map((x) => x.id)));
  const city = base.cities.get(step.city);
  const c = useMemo<Cockpit>(() => ({ ...base, city: city ?? base.city }), [base, city]);
  const page = pages.pages.find((p) => p.id === step.page);
  const [drawn, setDrawn] = useState(false);
  const [el, setEl] = useState<HTMLElement | null>(null);
  const story = storyTitle ? { title: storyTitle, step: index + 1, total } : undefined;
  const footer = usePageFooter(c, page ?? pages.pages[0]!, () => el, drawn && !!page && !problem, story);
  useEffect(() => {
    if (problem || footer) onDone(index);
  }, [problem, footer, index, onDone]);
  const onAllReady = useCallback(() => setDrawn(true), []);
  const layout = useMemo<PanelDecor>(() => ({
    panel: (spec) => ({
      className: step.panel ? (spec.id === step.panel ? 'story-focus' : 'story-dim') : undefined,
      extra: <PanelNotes model={model} data={data} page={step.page} panel={spec.id} annotating={false} show />,
      pins: spec.kind === 'map' ? locationPins(data, step.page, c.city.id, spec.id) : undefined,
    }),
  }), [step, model, data, c.city.id]);
  return (
    <CockpitContext.Provider value={c}>
      <section className="print-sheet" data-sheet={index} ref={setEl}>
        <header className="ps-head">
          <h1>{cityName(c.city, c.lang)} · {page ? page.title[c.lang] : step.page}</h1>
          {storyTitle && <div className="ps-story">{storyTitle} · {s.stepOf(index + 1, total)}</div>}
        </header>
        {step.note && <div className="ps-note"><b>{s.presenterNote}：</b>{step.note}</div>}
        <div className="ps-body">
          {problem || !page ? (
            <div className="panel-msg warn" role="alert">{s.stepUnavailable}{problem}</div>
          ) : (
            <PageView page={page} decor={layout} onAllReady={onAllReady} />
          )}
        </div>
        <FooterBlock text={problem ? { where: `${cityName(c.city, c.lang)} · ${step.page}`, sources: `${s.stepUnavailable}${problem}`, meta: '' } : footer} />
      </section>
    </CockpitContext.Provider>
  );
}

export function PrintView({ req, pages, cockpit }: { req: PrintRequest; pages: PagesConfig; cockpit: Cockpit }) {
  const model = briefingModel();
  const data = useBriefingData(model);
  const [loaded, setLoaded] = useState(model.loaded);
  useEffect(() => void model.ready.then(() => setLoaded(true)), [model]);
  const s = briefingStrings[req.lang];

  const resolved = useMemo((): { title: string | null; steps: PlayStep[] } | null => {
    if (req.target.kind === 'page') return { title: null, steps: [{ page: req.target.page, city: req.target.city, panel: null, note: '' }] };
    const id = req.target.story;
    const cfg = pages.stories.find((x) => x.id === id);
    if (cfg) return playConfigStory(cfg, req.lang);
    const mine = data.stories.find((x) => x.id === id);
    return mine ? playUserStory(mine) : null;
  }, [req, pages, data]);

  const [done, setDone] = useState<ReadonlySet<number>>(new Set());
  const onDone = useCallback((i: number) => setDone((d) => (d.has(i) ? d : new Set([...d, i]))), []);
  // A page configuration that arrives later (the user's --pages file) redraws every sheet: not ready until then.
  const [generation, setGeneration] = useState(0);
  const firstPages = useRef(pages);
  useEffect(() => {
    if (pages === firstPages.current) return;
    firstPages.current = pages;
    document.documentElement.dataset.ready = 'false';
    setDone(new Set());
    setGeneration((g) => g + 1);
  }, [pages]);
  useEffect(() => {
    const root = document.documentElement;
    const { width } = sheetPx(req.size);
    const sheet = SHEETS[req.size];
    root.classList.add('print-mode');
    // exact page size (a pixel less high, so rounding never spills a blank page)
    root.style.setProperty('--sheet-w', `${sheet.widthMm}mm`);
    root.style.setProperty('--sheet-h', `calc(${sheet.heightMm}mm - 1px)`);
    root.style.fontSize = `${width / 120}px`;
    root.dataset.ready = 'false';
  }, [req.size]);
  useEffect(() => {
    if (resolved) document.title = resolved.title ?? `${cityName(cockpit.cities.get((resolved.steps[0]?.city) ?? '') ?? cockpit.city, req.lang)} ${pages.pages.find((p) => p.id === resolved.steps[0]?.page)?.title[req.lang] ?? ''}`;
    if (resolved && done.size >= resolved.steps.length) document.documentElement.dataset.ready = 'true';
  }, [resolved, done, cockpit, pages, req.lang]);

  if (!resolved) {
    if (!loaded) return null;
    return (
      <div className="fatal" role="alert" data-testid="fatal-error">
        <h1>{s.printStoryMissing}</h1>
        <p><code>{req.target.kind === 'story' ? req.target.story : ''}</code></p>
      </div>
    );
  }
  return (
    <div className="print-doc" data-testid="print-view" data-sheets={resolved.steps.length}>
      <style>{`@page { size: ${SHEETS[req.size].css}; margin: 0; }`}</style>
      {resolved.steps.map((step, i) => (
        <Sheet key={`${generation}-${i}`} base={cockpit} pages={pages} step={step} index={i} total={resolved.steps.length} storyTitle={resolved.title} model={model} data={data} onDone={onDone} />
      ))}
    </div>
  );
}
