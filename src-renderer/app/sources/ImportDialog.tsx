/**
 * Import a CSV, XLSX or JSON file: the worker parses and validates it, the preview shows the row
 * count, what will change and every error (file, row, column, message); applying is all or nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lang } from '../../../src-core/contract';
import type { DataClient } from '../../data/client';
import type { ImportPreview } from '../../data/feeds';
import { sourcesStrings } from './strings';

export function ImportDialog({ data, lang, initialFile, onClose }: { data: DataClient; lang: Lang; initialFile: File | null; onClose: () => void }) {
  const t = sourcesStrings[lang];
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const close = useCallback(() => {
    void data.importDiscard().catch(() => undefined);
    onClose();
  }, [data, onClose]);
  const load = useCallback(async (file: File) => {
    setBusy(true);
    setFailure(null);
    setPreview(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setPreview(await data.importPreview(file.name, bytes));
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  }, [data]);
  useEffect(() => {
    if (initialFile) void load(initialFile);
  }, [initialFile, load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);
  const apply = async () => {
    if (!preview?.token) return;
    setBusy(true);
    try {
      await data.importApply(preview.token);
      onClose();
    } catch (e) {
      setFailure((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <div className="feed-backdrop" onClick={close}>
      <div className="feed-dialog" role="dialog" aria-modal="true" aria-labelledby="imp-title" data-testid="import-dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="imp-title">{t.importTitle}</h2>
          <button className="feed-btn" onClick={close} aria-label={t.close}>✕</button>
        </header>
        <div className="feed-row">
          <input ref={inputRef} type="file" accept=".csv,.xlsx,.xls,.json,text/csv,application/json" data-testid="import-file"
            onChange={(e) => e.target.files?.[0] && void load(e.target.files[0])} />
          <span className="muted">{t.dropHint}</span>
        </div>
        {busy && <p className="muted">…</p>}
        {failure && <p className="feed-err" role="alert">{t.importFailed}{failure}</p>}
        {preview && (
          <div data-testid="import-preview" data-token={preview.token ?? ''}>
            <p><b>{preview.file}</b> <span className="muted">({preview.format})</span></p>
            <div className="feed-counts">
              <span data-count="rows"><b>{preview.rows}</b>{t.rows}</span>
              <span data-count="added"><b>{preview.added}</b>{t.added}</span>
              <span data-count="updated"><b>{preview.updated}</b>{t.updated}</span>
              <span data-count="unchanged"><b>{preview.unchanged}</b>{t.unchanged}</span>
              {preview.removed > 0 && <span data-count="removed"><b>{preview.removed}</b>{t.removedRows}</span>}
            </div>
            {preview.replaces && <p className="feed-warn">{t.replaces}</p>}
            <h3>{t.errors} ({preview.issues.length})</h3>
            {preview.issues.length === 0 ? <p className="feed-okt">{t.errorsNone}</p> : (
              <table data-testid="import-errors">
                <thead><tr><th>{t.fileCol}</th><th>{t.rowCol}</th><th>{t.columnCol}</th><th>{t.messageCol}</th></tr></thead>
                <tbody>
                  {preview.issues.map((i, k) => (
                    <tr key={k}><td>{i.file ?? preview.file}</td><td>{i.row ?? '—'}</td><td>{i.column ?? i.path}</td><td>{i.message}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
        <div className="feed-row" style={{ justifyContent: 'flex-end' }}>
          <button className="feed-btn" onClick={close}>{t.cancel}</button>
          <button className="feed-btn" onClick={() => void apply()} disabled={!preview?.token || busy} data-testid="import-apply">{t.apply}</button>
        </div>
      </div>
    </div>
  );
}

/** Files dropped anywhere on the window open the import dialog (both shells: plain DOM drag and drop). */
export function useFileDrop(onFile: (f: File) => void): void {
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
      document.documentElement.classList.add('feed-drop-active');
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) document.documentElement.classList.remove('feed-drop-active');
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      document.documentElement.classList.remove('feed-drop-active');
      const f = e.dataTransfer!.files[0];
      if (f) onFile(f);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFile]);
}
