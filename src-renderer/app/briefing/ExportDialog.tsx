/** The export dialog: the current page as PNG at a chosen resolution, a page or a whole briefing as PDF. */
import { useEffect, useRef, useState } from 'react';
import { citiesLabel, exportFileName, localDate } from '../../../src-core/briefing/naming';
import { PNG_SIZES, SHEETS, type PrintRequest, type SheetSize } from '../../../src-core/briefing/print';
import type { PlayStory } from '../../../src-core/briefing/story';
import type { PageSpec } from '../../../src-core/pages/config';
import { cityName, useCockpit } from '../context';
import { deliver, exportPdf, renderPng } from './render';
import { briefingStrings } from './strings';

type Status = { state: 'idle' } | { state: 'busy'; what: string } | { state: 'done'; text: string } | { state: 'error'; text: string };

export function ExportDialog({ page, stories, activeStory, onClose }: {
  page: PageSpec;
  stories: PlayStory[];
  /** the briefing playing now (default for "whole briefing") */
  activeStory: string | null;
  onClose: () => void;
}) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  const [size, setSize] = useState<string>('3840x2160');
  const [what, setWhat] = useState<'page' | 'story'>(activeStory ? 'story' : 'page');
  const [storyId, setStoryId] = useState<string>(activeStory ?? stories[0]?.id ?? '');
  const [sheet, setSheet] = useState<SheetSize>('a4');
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const busy = status.state === 'busy';
  useEffect(() => {
    // Esc closes, wherever the focus is (the clicked button is disabled while exporting)
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
  const today = localDate(new Date());
  const city = cityName(c.city, c.lang);

  const png = async () => {
    const [width, height] = size.split('x').map(Number) as [number, number];
    const fileName = exportFileName({ city, title: page.title[c.lang], date: today, ext: 'png' });
    setStatus({ state: 'busy', what: `${s.rendering} ${width}×${height}` });
    try {
      const blob = await renderPng({ page: page.id, city: c.city.id, lang: c.lang, width, height });
      const r = await deliver(blob, fileName);
      setStatus(r.cancelled ? { state: 'idle' } : { state: 'done', text: `${s.savedTo} ${r.saved ?? fileName}` });
    } catch (e) {
      setStatus({ state: 'error', text: `${s.failed}: ${fileName}: ${(e as Error).message}` });
    }
  };

  const pdf = async () => {
    const story = stories.find((x) => x.id === storyId);
    let req: PrintRequest;
    let fileName: string;
    if (what === 'story' && story) {
      req = { target: { kind: 'story', story: story.id }, size: sheet, lang: c.lang };
      const names = story.steps.map((x) => c.cities.get(x.city)).filter((x) => !!x).map((x) => cityName(x, c.lang));
      fileName = exportFileName({ city: citiesLabel(names, c.lang), title: story.title, date: today, ext: 'pdf' });
    } else {
      req = { target: { kind: 'page', page: page.id, city: c.city.id }, size: sheet, lang: c.lang };
      fileName = exportFileName({ city, title: page.title[c.lang], date: today, ext: 'pdf' });
    }
    setStatus({ state: 'busy', what: s.preparing });
    try {
      const r = await exportPdf(req, fileName);
      setStatus(r.cancelled ? { state: 'idle' } : { state: 'done', text: r.saved ? `${s.savedTo} ${r.saved}` : `${s.done}: ${fileName}` });
    } catch (e) {
      setStatus({ state: 'error', text: `${s.failed}: ${fileName}: ${(e as Error).message}` });
    }
  };

  return (
    <div className="prov-backdrop" onClick={() => !busy && onClose()}>
      <div className="export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="export-title">{s.exportTitle} · {city} · {page.title[c.lang]}</h2>
          <button ref={closeRef} type="button" className="btn" onClick={onClose} disabled={busy} aria-label={s.close}>×</button>
        </header>
        <section>
          <h3>{s.exportPng}</h3>
          <fieldset className="choices" disabled={busy}>
            <legend>{s.resolution}</legend>
            {PNG_SIZES.map((p) => {
              const v = `${p.width}x${p.height}`;
              return (
                <label key={v} className="choice">
                  <input type="radio" name="png-size" value={v} checked={size === v} onChange={() => setSize(v)} />
                  {p.width}×{p.height}
                </label>
              );
            })}
          </fieldset>
          <p className="muted hint">{s.pngHint}</p>
          <button type="button" className="chip on" onClick={png} disabled={busy} data-testid="export-png">{s.exportPng}</button>
        </section>
        <section>
          <h3>{s.exportPdf}</h3>
          <fieldset className="choices" disabled={busy}>
            <legend>{s.pdfWhat}</legend>
            <label className="choice"><input type="radio" name="pdf-what" checked={what === 'page'} onChange={() => setWhat('page')} />{s.currentPage}</label>
            <label className="choice">
              <input type="radio" name="pdf-what" checked={what === 'story'} onChange={() => setWhat('story')} disabled={!stories.length} data-testid="pdf-story" />
              {s.wholeStory}
            </label>
            {what === 'story' && (
              <select value={storyId} onChange={(e) => setStoryId(e.target.value)} aria-label={s.wholeStory}>
                {stories.map((x) => <option key={x.id} value={x.id}>{x.title} ({s.stepCount(x.steps.length)})</option>)}
              </select>
            )}
          </fieldset>
          <fieldset className="choices" disabled={busy}>
            <legend>{s.sheet}</legend>
            {(Object.keys(SHEETS) as SheetSize[]).map((k) => (
              <label key={k} className="choice"><input type="radio" name="pdf-sheet" checked={sheet === k} onChange={() => setSheet(k)} />{SHEETS[k].label[c.lang]}</label>
            ))}
          </fieldset>
          <p className="muted hint">{window.cockpitShell ? s.pdfHintElectron : s.pdfHintBrowser}</p>
          <button type="button" className="chip on" onClick={pdf} disabled={busy} data-testid="export-pdf">{s.exportPdf}</button>
        </section>
        <div className="export-status" role="status" aria-live="polite" data-testid="export-status" data-state={status.state}>
          {status.state === 'busy' && <><span className="spinner" aria-hidden="true" /> {status.what}</>}
          {status.state === 'done' && <span className="ok">✓ {status.text}</span>}
          {status.state === 'error' && <span className="warn">⚠ {status.text}</span>}
        </div>
      </div>
    </div>
  );
}
