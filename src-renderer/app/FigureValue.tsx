/**
 * A displayed figure. Every number on screen goes through this component, so every number opens its
 * provenance (click / Enter; hover card with a mouse), keeps its qualifier visible, and carries its
 * trust marks (conflict, derived, simulated, inferred date). Garbled figures are never shown as numbers.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Figure } from '../../src-core/figures';
import { displayValue } from '../../src-core/format';
import { useCockpit } from './context';

export function FlagBadges({ fig }: { fig: Figure }) {
  const { t } = useCockpit();
  const flags = new Set(fig.observations.flatMap((o) => o.flags));
  return (
    <>
      {fig.conflict && <span className="badge badge-conflict" title={t('conflictLong')}>⚠ {t('conflict')}</span>}
      {flags.has('derived') && <span className="badge badge-derived">{t('derived')}</span>}
      {flags.has('simulated') && <span className="badge badge-sim">{t('simulated')}</span>}
      {flags.has('date_inferred') && <span className="badge badge-muted">{t('dateInferred')}</span>}
    </>
  );
}

export function FigureValue({ fig, className = '', badges = true }: { fig: Figure; className?: string; badges?: boolean }) {
  const c = useCockpit();
  const ind = c.indicators.get(fig.indicatorId);
  if (!ind) return null;
  const d = displayValue(ind, fig.primary, c.lang);
  const open = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    c.hoverProvenance(null);
    c.showProvenance(fig);
  };
  const ids = fig.observations.map((o) => o.id).join(' ');
  return (
    <span
      className={`fig ${fig.conflict ? 'fig-conflict' : ''} ${className}`}
      role="button"
      tabIndex={0}
      data-obs={ids}
      aria-label={`${ind.nameZh}: ${d.kind === 'number' ? d.f.text : c.t('garbled')}`}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault(); // the dialog takes focus; the same key press must not activate its close button
        open(e);
      }}
      onPointerEnter={(e) => e.pointerType === 'mouse' && c.hoverProvenance(fig, (e.currentTarget as HTMLElement).getBoundingClientRect())}
      onPointerLeave={(e) => e.pointerType === 'mouse' && c.hoverProvenance(null)}
      // keyboard users get the same card when they Tab onto a figure
      onFocus={(e) => e.currentTarget.matches(':focus-visible') && c.hoverProvenance(fig, e.currentTarget.getBoundingClientRect())}
      onBlur={() => c.hoverProvenance(null)}
    >
      {d.kind === 'number' ? (
        <>
          {d.f.prefix && <span className="fig-qual">{d.f.prefix}</span>}
          <span className="fig-num">{d.f.number}</span>
          {d.f.suffix && <span className="fig-qual">{d.f.suffix}</span>}
          {d.f.unit && <span className="fig-unit">{d.f.sep}{d.f.unit}</span>}
        </>
      ) : (
        <span className="fig-withheld">{c.t('garbled')}</span>
      )}
      {badges && <FlagBadges fig={fig} />}
    </span>
  );
}
