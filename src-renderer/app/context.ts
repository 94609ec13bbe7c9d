import { createContext, useContext, useEffect, useState } from 'react';
import type { Lang } from '../../src-core/contract';
import type { Catalog, ObsFilter } from '../../src-core/db/queries';
import { FigureIndex, type Figure } from '../../src-core/figures';
import type { City, Indicator, SourceDoc } from '../../src-core/model';
import type { ThresholdRule } from '../../src-core/pages/config';
import { ragOf, type Rag } from '../../src-core/thresholds';
import type { DataClient } from '../data/client';
import { t as translate, type StringKey } from '../i18n';

export interface Cockpit {
  lang: Lang;
  city: City;
  catalog: Catalog;
  indicators: Map<string, Indicator>;
  docs: Map<string, SourceDoc>;
  cities: Map<string, City>;
  data: DataClient;
  /** red/amber/green rules from the page configuration */
  thresholds: ThresholdRule[];
  /** unattended display (launch option kiosk, or ?kiosk=1 in the URL): panels may move on by themselves */
  kiosk: boolean;
  t(key: StringKey): string;
  /** open the provenance dialog for a figure */
  showProvenance(fig: Figure): void;
  /** show/hide the hover card (mouse only) */
  hoverProvenance(fig: Figure | null, anchor?: DOMRect): void;
}

export const CockpitContext = createContext<Cockpit | null>(null);

export function useCockpit(): Cockpit {
  const c = useContext(CockpitContext);
  if (!c) throw new Error('useCockpit outside CockpitContext');
  return c;
}

export function makeLookups(catalog: Catalog) {
  return {
    indicators: new Map(catalog.indicators.map((i) => [i.id, i])),
    docs: new Map(catalog.docs.map((d) => [d.id, d])),
    cities: new Map(catalog.cities.map((c) => [c.id, c])),
  };
}

export function tFor(lang: Lang) {
  return (key: StringKey) => translate(lang, key);
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ok'; value: T };

/**
 * How many as-of dates of each series (indicator × place) a panel receives, the latest ones, unless it
 * asks for fewer (`latest: 1` for panels that show only the current figure). The data worker does the
 * windowing in SQL, so a feed with years of daily history never crosses over to the UI thread whole.
 */
export const SERIES_WINDOW = 60;

/**
 * Observations for a filter, indexed into figures. Keeps the previous result while a new one loads (no flash).
 * Panels drawn as plain DOM pass their onReady: it is called once the data (or its error) has rendered.
 */
export function useFigures(filter: ObsFilter, onLoaded?: () => void): Loaded<FigureIndex> {
  const { data } = useCockpit();
  const key = JSON.stringify({ latest: SERIES_WINDOW, ...filter });
  const [state, setState] = useState<Loaded<FigureIndex>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    data.observations(JSON.parse(key) as ObsFilter).then(
      (obs) => live && setState({ state: 'ok', value: new FigureIndex(obs) }),
      (error: Error) => live && setState({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [data, key]);
  useEffect(() => {
    if (onLoaded && state.state !== 'loading') onLoaded();
  }, [state, onLoaded]);
  return state;
}

export function indicatorName(ind: Indicator, lang: Lang): string {
  return lang === 'zh-CN' ? ind.nameZh : ind.nameEn;
}
export function cityName(c: City, lang: Lang): string {
  return lang === 'zh-CN' ? c.nameZh : c.nameEn;
}

/** RAG status of a figure's shown value (null: no rule, garbled or missing). */
export function figureRag(c: Cockpit, fig: Figure): Rag | null {
  const ind = c.indicators.get(fig.indicatorId);
  if (!ind || fig.primary.flags.includes('garbled')) return null;
  return ragOf(c.thresholds, ind, fig.primary.value);
}
export const RAG_COLOURS: Record<Rag, string> = { green: '#22d39a', amber: '#ffb020', red: '#ff4d5e' };
