/**
 * Story mode: the drawer that lists and edits briefings (configured ones read-only, the user's own
 * editable: add the current view as a step, reorder, remove, write presenter notes) and the
 * presenter bar shown while a briefing plays (step n of N, the note, previous/next, full screen).
 */
import { useEffect, useRef, useState } from 'react';
import {
  addStep, allStories, copyConfigStory, createStory, deleteStory, moveStep, putStory, removeStep, renameStory, stepProblem, updateStep,
  type BriefingData, type PlayStep, type PlayStory, type UserStory,
} from '../../../src-core/briefing/story';
import type { PagesConfig, PageSpec } from '../../../src-core/pages/config';
import { cityName, useCockpit } from '../context';
import { NotesList } from './Annotations';
import { newId, type BriefingModel } from './store';
import { briefingStrings } from './strings';

function StepLabel({ step, pages }: { step: PlayStep; pages: PagesConfig }) {
  const c = useCockpit();
  const page = pages.pages.find((p) => p.id === step.page);
  const city = c.cities.get(step.city);
  const panel = step.panel ? page?.panels.find((p) => p.id === step.panel) : undefined;
  return (
    <span className="step-label">
      <b>{city ? cityName(city, c.lang) : step.city}</b> · {page ? page.title[c.lang] : step.page}
      {panel && <> · <span className="step-panel">{panel.title[c.lang]}</span></>}
    </span>
  );
}

function UserStoryEditor({ story, model, pages, page, onPlay }: { story: UserStory; model: BriefingModel; pages: PagesConfig; page: PageSpec; onPlay: (i: number) => void }) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  const [panel, setPanel] = useState<string>(page.panels[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [title, setTitle] = useState(story.title);
  const [confirm, setConfirm] = useState(false);
  useEffect(() => setTitle(story.title), [story.title]);
  useEffect(() => setPanel((p) => (page.panels.some((x) => x.id === p) ? p : page.panels[0]?.id ?? '')), [page]);
  const now = () => new Date().toISOString();
  const edit = (f: (x: UserStory) => UserStory) => model.update((d) => putStory(d, f(d.stories.find((x) => x.id === story.id) ?? story)));
  return (
    <div className="story-editor" data-testid="story-editor">
      <label className="field">
        <span>{s.rename}</span>
        <input
          value={title}
          maxLength={120}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => title.trim() && title.trim() !== story.title && edit((x) => renameStory(x, title, now()))}
          data-testid="story-title"
        />
      </label>
      <h4>{s.steps}</h4>
      {story.steps.length === 0 && <p className="muted">{s.noSteps}</p>}
      <ol className="story-steps" data-testid="story-steps">
        {story.steps.map((st, i) => (
          <li key={st.id} data-step={i}>
            <div className="step-head">
              <span className="step-no">{i + 1}</span>
              <StepLabel step={{ page: st.page, city: st.city, panel: st.panel ?? null, note: st.note }} pages={pages} />
            </div>
            <textarea
              className="step-note"
              defaultValue={st.note}
              maxLength={600}
              rows={2}
              placeholder={s.notePlaceholder}
              aria-label={`${s.note} ${i + 1}`}
              onBlur={(e) => e.target.value !== st.note && edit((x) => updateStep(x, i, { note: e.target.value }, now()))}
            />
            <div className="step-actions">
              <button type="button" className="chip" onClick={() => onPlay(i)}>{s.goTo}</button>
              <button type="button" className="chip" disabled={i === 0} onClick={() => edit((x) => moveStep(x, i, i - 1, now()))} aria-label={`${s.moveUp} ${i + 1}`} title={s.moveUp}>↑</button>
              <button type="button" className="chip" disabled={i === story.steps.length - 1} onClick={() => edit((x) => moveStep(x, i, i + 1, now()))} aria-label={`${s.moveDown} ${i + 1}`} title={s.moveDown}>↓</button>
              <button type="button" className="chip" onClick={() => edit((x) => removeStep(x, i, now()))} aria-label={`${s.remove} ${i + 1}`} title={s.remove}>×</button>
            </div>
          </li>
        ))}
      </ol>
      <div className="story-add" data-testid="story-add">
        <div className="muted">
          {s.addCurrent}: <StepLabel step={{ page: page.id, city: c.city.id, panel: null, note: '' }} pages={pages} />
        </div>
        <label className="field">
          <span>{s.highlight}</span>
          <select value={panel} onChange={(e) => setPanel(e.target.value)} data-testid="step-panel">
            <option value="">{s.noHighlight}</option>
            {page.panels.map((p) => <option key={p.id} value={p.id}>{p.title[c.lang]}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{s.note}</span>
          <textarea value={note} maxLength={600} rows={2} placeholder={s.notePlaceholder} onChange={(e) => setNote(e.target.value)} data-testid="step-note" />
        </label>
        <button
          type="button"
          className="chip on"
          data-testid="step-add"
          onClick={() => {
            edit((x) => addStep(x, { id: newId('s-'), page: page.id, city: c.city.id, panel: panel || undefined, note }, now()));
            setNote('');
          }}
        >
          ＋ {s.addCurrent}
        </button>
      </div>
      <div className="story-danger">
        {confirm ? (
          <>
            {s.confirmDelete}{' '}
            <button type="button" className="chip" onClick={() => model.update((d) => deleteStory(d, story.id))}>{s.deleteStory}</button>{' '}
            <button type="button" className="chip" onClick={() => setConfirm(false)}>{s.cancel}</button>
          </>
        ) : (
          <button type="button" className="chip" onClick={() => setConfirm(true)}>{s.deleteStory}</button>
        )}
      </div>
    </div>
  );
}

export function StoryDrawer({ model, data, pages, page, onClose, onPlay, onGo }: {
  model: BriefingModel;
  data: BriefingData;
  pages: PagesConfig;
  page: PageSpec;
  onClose: () => void;
  /** start (or jump within) a story */
  onPlay: (storyId: string, index: number) => void;
  onGo: (page: string, city: string) => void;
}) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  const [tab, setTab] = useState<'stories' | 'notes'>('stories');
  const stories = allStories(pages, data, c.lang);
  const [open, setOpen] = useState<string | null>(() => data.stories[0]?.id ?? null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const now = () => new Date().toISOString();
  const cityIds = new Set(c.catalog.cities.map((x) => x.id));
  const newStory = () => {
    const st = createStory(newId('u-'), s.newStoryTitle, now());
    model.update((d) => putStory(d, st));
    setOpen(st.id);
  };
  return (
    <aside className="brief-drawer" role="dialog" aria-modal="false" aria-labelledby="brief-drawer-title" data-testid="story-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header>
        <h2 id="brief-drawer-title">{s.storiesTitle}</h2>
        <button ref={closeRef} type="button" className="btn" onClick={onClose} aria-label={s.close}>×</button>
      </header>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'stories'} className={`tab ${tab === 'stories' ? 'on' : ''}`} onClick={() => setTab('stories')}>{s.storyList}</button>
        <button type="button" role="tab" aria-selected={tab === 'notes'} className={`tab ${tab === 'notes' ? 'on' : ''}`} onClick={() => setTab('notes')} data-testid="tab-notes">
          {s.annotations} ({data.annotations.length})
        </button>
      </div>
      {model.problems.length > 0 && <p className="warn">{s.storageProblem}{model.problems.join('; ')}</p>}
      {!model.persistent && <p className="warn">{s.storageUnavailable}</p>}
      {tab === 'notes' ? (
        <NotesList data={data} model={model} pages={pages} onGo={onGo} />
      ) : (
        <>
          <ul className="story-list">
            {stories.map((st) => {
              const problems = st.steps.map((x) => stepProblem(x, pages, cityIds)).filter(Boolean);
              const user = data.stories.find((x) => x.id === st.id);
              return (
                <li key={st.id} className={`story-item ${open === st.id ? 'open' : ''}`} data-story={st.id}>
                  <div className="story-row">
                    <button type="button" className="story-name" onClick={() => setOpen(open === st.id ? null : st.id)} aria-expanded={open === st.id}>
                      {st.title} <span className="muted">· {s.stepCount(st.steps.length)}</span>
                      <span className={`badge ${st.source === 'config' ? 'badge-muted' : 'badge-derived'}`}>{st.source === 'config' ? s.configured : s.mine}</span>
                    </button>
                    <button type="button" className="chip on" disabled={!st.steps.length} onClick={() => onPlay(st.id, 0)} data-testid={`present-${st.id}`}>▶ {s.present}</button>
                  </div>
                  {problems.length > 0 && <p className="warn">{s.stepUnavailable}{problems.join('; ')}</p>}
                  {open === st.id && st.source === 'config' && (
                    <ConfigStorySteps story={st} pages={pages} onPlay={(i) => onPlay(st.id, i)} onCopy={() => {
                      const cfgStory = pages.stories.find((x) => x.id === st.id)!;
                      const copy = copyConfigStory(cfgStory, newId('u-'), `${st.title}${s.copySuffix}`.slice(0, 120), c.lang, now(), () => newId('s-'));
                      model.update((d) => putStory(d, copy));
                      setOpen(copy.id);
                    }} />
                  )}
                  {open === st.id && user && <UserStoryEditor story={user} model={model} pages={pages} page={page} onPlay={(i) => onPlay(st.id, i)} />}
                </li>
              );
            })}
          </ul>
          <button type="button" className="chip" onClick={newStory} data-testid="story-new">＋ {s.newStory}</button>
        </>
      )}
    </aside>
  );
}

function ConfigStorySteps({ story, pages, onPlay, onCopy }: { story: PlayStory; pages: PagesConfig; onPlay: (i: number) => void; onCopy: () => void }) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  return (
    <div className="story-editor">
      <ol className="story-steps">
        {story.steps.map((st, i) => (
          <li key={i} data-step={i}>
            <div className="step-head">
              <span className="step-no">{i + 1}</span>
              <StepLabel step={st} pages={pages} />
              <button type="button" className="chip" onClick={() => onPlay(i)}>{s.goTo}</button>
            </div>
            {st.note && <p className="step-note-text">{st.note}</p>}
          </li>
        ))}
      </ol>
      <button type="button" className="chip" onClick={onCopy} data-testid="story-copy">{s.copyStory}</button>
    </div>
  );
}

/** The bar at the bottom while a briefing plays. */
export function PresenterBar({ story, index, problem, fullscreen, onMove, onExit, onFullscreen }: {
  story: PlayStory;
  index: number;
  problem: string | null;
  fullscreen: boolean;
  onMove: (m: 'next' | 'prev') => void;
  onExit: () => void;
  onFullscreen: () => void;
}) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  const step = story.steps[index]!;
  return (
    <div className="presenter-bar" role="region" aria-label={story.title} data-testid="presenter-bar" data-step={index}>
      <div className="pb-nav">
        <button type="button" className="chip" onClick={() => onMove('prev')} disabled={index === 0} aria-label={s.prev} title={`${s.prev} (←)`}>◀</button>
        <span className="pb-count" data-testid="story-step">{s.stepOf(index + 1, story.steps.length)}</span>
        <button type="button" className="chip" onClick={() => onMove('next')} disabled={index === story.steps.length - 1} aria-label={s.next} title={`${s.next} (→ / Space)`}>▶</button>
      </div>
      <div className="pb-text">
        <div className="pb-title">{story.title}</div>
        {problem ? <div className="warn">{s.stepUnavailable}{problem}</div> : step.note && <div className="pb-note" data-testid="presenter-note">{step.note}</div>}
      </div>
      <div className="pb-actions">
        <button type="button" className="chip" onClick={onFullscreen} title="F">{fullscreen ? s.exitFullscreen : s.fullscreen}</button>
        <button type="button" className="chip" onClick={onExit} title="Esc" data-testid="story-exit">{s.exitStory}</button>
      </div>
    </div>
  );
}
