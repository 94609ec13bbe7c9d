/** `?`: every keyboard shortcut, in Chinese and English side by side. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './strings';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' && e.key !== '?') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="prov-backdrop" onClick={onClose}>
      <div className="help-dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="help-title">快捷键 · Keyboard shortcuts</h2>
          <button ref={ref} type="button" className="btn" onClick={onClose} aria-label="关闭 Close">×</button>
        </header>
        <table className="help-table">
          <thead>
            <tr><th>按键 Keys</th><th>中文</th><th>English</th></tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((r, i) => (
              <tr key={i}>
                <td>{r.keys.map((k, j) => (k === '…' ? <span key={j}> … </span> : <kbd key={j}>{k}</kbd>))}</td>
                <td>{r.zh}</td>
                <td>{r.en}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
