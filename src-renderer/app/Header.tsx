import { useEffect, useState, type ReactNode } from 'react';
import { formatClock, formatDate } from '../../src-core/format';
import { cityName, useCockpit } from './context';
import type { PageSpec } from '../../src-core/pages/config';

function Clock() {
  const { lang } = useCockpit();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const { date, time } = formatClock(now, lang);
  return (
    <div className="clock" data-testid="clock">
      <span className="clock-time">{time}</span>
      <span className="clock-date">{date}</span>
    </div>
  );
}

export function PageNav({ pages, pageId, onPage }: { pages: PageSpec[]; pageId: string; onPage: (id: string) => void }) {
  const c = useCockpit();
  if (pages.length < 2) return null;
  return (
    <nav className="page-switch" aria-label={c.t('pages')}>
      {pages.map((p) => (
        <button key={p.id} data-page-switch={p.id} className={`tab-page ${p.id === pageId ? 'on' : ''}`} aria-current={p.id === pageId ? 'page' : undefined} onClick={() => onPage(p.id)}>
          {p.title[c.lang]}
        </button>
      ))}
    </nav>
  );
}

export function Header({ asOf, pages, pageId, onCity, onLang, sources, wall, tools }: {
  asOf: string | undefined;
  /** the wall controls (playlist status, profile), app/wall */
  wall?: ReactNode;
  /** the data-source status line (freshness per source, stale badge, refresh / settings / import) */
  sources?: ReactNode;
  pages: PageSpec[];
  pageId: string;
  onCity: (id: string) => void;
  onLang: () => void;
  /** briefing tools (layout, stories, notes, export, help) */
  tools?: ReactNode;
}) {
  const c = useCockpit();
  return (
    <header className="hdr" data-testid="header">
      <div className="hdr-left">
        <nav className="city-switch" aria-label={c.t('switchCity')}>
          {c.catalog.cities.map((city) => (
            <button key={city.id} data-city-switch={city.id} className={`chip ${city.id === c.city.id ? 'on' : ''}`} aria-pressed={city.id === c.city.id} onClick={() => onCity(city.id)}>
              {cityName(city, c.lang)}
            </button>
          ))}
        </nav>
        {sources}
      </div>
      <div className="hdr-title">
        <h1>
          <span className="hdr-city">{cityName(c.city, c.lang)}</span>{c.lang === 'en' ? ' ' : ''}
          {c.t('appTitle')}
        </h1>
        <div className="hdr-sub">{pages.find((p) => p.id === pageId)?.title[c.lang]}</div>
      </div>
      <div className="hdr-right">
        {wall}
        <div className="asof" data-testid="asof">
          <span className="muted">{c.t('asOf')}</span> <b>{asOf ? formatDate(asOf, c.lang) : '—'}</b>
        </div>
        <Clock />
        {tools}
        <button className="chip" onClick={onLang} data-testid="lang-switch">{c.t('language')}</button>
      </div>
    </header>
  );
}
