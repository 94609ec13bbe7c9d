/**
 * Notes pinned to panels: shown on the panel (numbered, on screen and in every export), added and
 * edited in annotate mode from the panel's title bar, listed in the briefing drawer.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { addAnnotation, annotationsFor, editAnnotation, NOTE_MAX, removeAnnotation, type Annotation, type BriefingData } from '../../../src-core/briefing/story';
import type { PagesConfig } from '../../../src-core/pages/config';
import { cityName, useCockpit } from '../context';
import { newId, type BriefingModel } from './store';
import type { LocationPin } from '../../panels/types';
import { briefingStrings } from './strings';

function NoteEditor({ initial, onSave, onCancel, label, head }: { initial: string; onSave: (text: string) => void; onCancel: () => void; label: string; head?: ReactNode }) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const save = () => text.trim() && onSave(text.trim());
  return (
    <div className="note-editor" data-testid="note-editor" onClick={(e) => e.stopPropagation()}>
      {head}
      <textarea
        ref={ref}
        value={text}
        maxLength={NOTE_MAX}
        rows={3}
        aria-label={label}
        placeholder={label}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
      <div className="note-editor-row">
        <span className="muted">{text.length}/{NOTE_MAX} · Ctrl+Enter</span>
        <button type="button" className="chip" onClick={onCancel}>{s.cancel}</button>
        <button type="button" className="chip on" disabled={!text.trim()} onClick={save} data-testid="note-save">{s.save}</button>
      </div>
    </div>
  );
}

/** The notes of a panel pinned to places, numbered as on the panel (for map panels to draw). */
export function locationPins(data: BriefingData, page: string, city: string, panel: string): LocationPin[] {
  const onPage = annotationsFor(data, page, city);
  return onPage.flatMap((a, i) => (a.panel === panel && a.at ? [{ id: a.id, n: i + 1, lng: a.at.lng, lat: a.at.lat, text: a.text }] : []));
}

/** The notes of one panel, plus (in annotate mode) the controls to add, edit and remove them. */
export function PanelNotes({ model, data, page, panel, annotating, show, placing, onPlaced }: {
  model: BriefingModel;
  data: BriefingData;
  page: string;
  panel: string;
  annotating: boolean;
  show: boolean;
  /** a map location the user just picked in this panel: the new note is pinned there */
  placing?: { lng: number; lat: number };
  onPlaced?: () => void;
}) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  const [editingState, setEditing] = useState<string | 'new' | null>(null);
  const editing = placing ? 'new' : editingState;
  const close = () => {
    setEditing(null);
    onPlaced?.();
  };
  const onPage = annotationsFor(data, page, c.city.id);
  const mine = onPage.filter((a) => a.panel === panel);
  const number = (a: Annotation) => onPage.indexOf(a) + 1;
  const now = () => new Date().toISOString();
  return (
    <>
      {annotating && (
        <button type="button" className="note-add" data-testid="note-add" onClick={() => setEditing('new')} aria-label={`${s.addNote}: ${panel}`}>
          {s.addNote}
        </button>
      )}
      {(show || annotating) && mine.length > 0 && (
        <ol className="panel-notes" aria-label={s.annotations}>
          {mine.map((a) => (
            <li key={a.id} className="panel-note" data-note={a.id}>
              <span className="pin" aria-hidden="true">{number(a)}</span>
              {a.at && <span className="note-place" title={`${a.at.lng.toFixed(4)}, ${a.at.lat.toFixed(4)}`}>◎</span>}
              {editing === a.id ? (
                <NoteEditor
                  initial={a.text}
                  label={s.note}
                  onCancel={() => setEditing(null)}
                  onSave={(text) => {
                    model.update((d) => editAnnotation(d, a.id, text, now()));
                    setEditing(null);
                  }}
                />
              ) : (
                <span className="note-text">{a.text}</span>
              )}
              {annotating && editing !== a.id && (
                <span className="note-actions">
                  <button type="button" className="note-btn" onClick={() => setEditing(a.id)} title={s.edit} aria-label={s.edit}>✎</button>
                  <button type="button" className="note-btn" onClick={() => model.update((d) => removeAnnotation(d, a.id))} title={s.remove} aria-label={s.remove}>×</button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {editing === 'new' && (
        <div className="note-new" data-placing={placing ? 'true' : undefined}>
          <NoteEditor
            initial=""
            label={s.note}
            head={placing && <div className="muted note-place-line" data-testid="note-place">◎ {s.pinnedAt} {placing.lng.toFixed(4)}, {placing.lat.toFixed(4)}</div>}
            onCancel={close}
            onSave={(text) => {
              model.update((d) => addAnnotation(d, { id: newId('n-'), page, city: c.city.id, panel, text, ...(placing ? { at: placing } : {}) }, now()));
              close();
            }}
          />
        </div>
      )}
    </>
  );
}

/** Every note, grouped by page and city, with a way to go there and to remove it. */
export function NotesList({ data, model, pages, onGo }: { data: BriefingData; model: BriefingModel; pages: PagesConfig; onGo: (page: string, city: string) => void }) {
  const c = useCockpit();
  const s = briefingStrings[c.lang];
  if (!data.annotations.length) return <p className="muted" data-testid="notes-empty">{s.noNotes}</p>;
  const groups = new Map<string, Annotation[]>();
  for (const a of [...data.annotations].sort((x, y) => x.createdAt.localeCompare(y.createdAt))) {
    const k = `${a.page}|${a.city}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return (
    <div className="notes-list" data-testid="notes-list">
      {[...groups].map(([k, list]) => {
        const [pageId, cityId] = k.split('|') as [string, string];
        const page = pages.pages.find((p) => p.id === pageId);
        const city = c.cities.get(cityId);
        return (
          <section key={k} className="notes-group">
            <h4>
              {city ? cityName(city, c.lang) : cityId} · {page ? page.title[c.lang] : pageId}
              <button type="button" className="chip" onClick={() => onGo(pageId, cityId)}>{s.goTo}</button>
            </h4>
            <ol>
              {list.map((a) => (
                <li key={a.id}>
                  <span className="muted">{page?.panels.find((p) => p.id === a.panel)?.title[c.lang] ?? a.panel}：</span>
                  {a.text}
                  <button type="button" className="note-btn" onClick={() => model.update((d) => removeAnnotation(d, a.id))} aria-label={s.remove} title={s.remove}>×</button>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
