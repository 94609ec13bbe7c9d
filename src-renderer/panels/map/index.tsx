/**
 * 区县地图 / County map: the city's county-level divisions from the bundled boundary files (no tiles, no
 * network, no API key), a choropleth of a county-level indicator (simulated values marked 模拟), the real
 * county facts from the sources as markers, deck.gl arcs (counties and departments → the city's data
 * platform) and columns (data centres / compute sites, approximate placement marked ≈).
 *
 * County values come through the normal data path (useFigures with county: true), so county rows from a
 * feed or an import show up without code changes. MapLibre and deck.gl are loaded by import() inside an
 * effect (./engine), so they are not in the initial JavaScript. Keyboard: tab to the map, arrow keys cycle
 * counties, Enter drills in, Esc backs out. In kiosk use (launch option kiosk or ?kiosk=1) the map tours
 * the counties slowly by itself (option `tour`), pausing while someone uses it.
 */
import { Component, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { z } from 'zod';
import type { CityGeo } from '../../../src-core/geo/asset';
import { NO_DATA_COLOUR, classColour } from '../../../src-core/geo/scale';
import type { Site } from '../../../src-core/geo/sites';
import { DEPARTMENTS, SITES } from '../../../src-core/geo/sites';
import type { Figure } from '../../../src-core/figures';
import { formatCount, formatDate, formatValue } from '../../../src-core/format';
import { indicatorName, useCockpit, useFigures, type Cockpit } from '../../app/context';
import { FigureValue } from '../../app/FigureValue';
import { DOCUMENT_ROLE } from '../../app/briefing/mode';
import { msPageStays } from '../../app/wall/stay';
import { definePanel, type PanelProps } from '../types';
import { esc, figureTooltip } from '../util';
import type { Hit, MapController } from './engine';
import { loadCityGeo } from './geo';
import { drawPoster, mercator, projector, type Camera, type Padding } from './poster';
import type { MapInput } from './style';
import { arcs as buildArcs, choropleth, columns as buildColumns, facts as buildFacts, FACT_COLOURS, type ArcInfo, type FactInfo } from './model';
import './map.css';

const DEFAULT_FACTS = ['county.digital_leading_group', 'county.bigdata_policy_issued', 'county.cross_province_agreement', 'county.cross_region_pilot'];

const Layers = z.object({
  boundaries: z.boolean().default(true),
  neighbours: z.boolean().default(true),
  labels: z.boolean().default(true),
  choropleth: z.boolean().default(true),
  facts: z.boolean().default(true),
  arcs: z.boolean().default(true),
  columns: z.boolean().default(true),
});

const Options = z.object({
  /** which layers to draw */
  layers: Layers.prefault({}),
  /** county-level indicator for the choropleth (and the county arcs' width) */
  choropleth: z.string().min(1).default('data.aggregated_records'),
  /** county-level yes/no facts shown as markers, in legend order */
  facts: z.array(z.string().min(1)).default(DEFAULT_FACTS),
  /** slow automatic tour across counties: only in kiosk use (default), always, or never */
  tour: z.enum(['kiosk', 'always', 'off']).default('kiosk'),
  tourSeconds: z.number().min(2).max(300).default(8),
  /** camera pitch in degrees (columns are 3D) */
  pitch: z.number().min(0).max(60).default(35),
  /** show the legend (it can also be toggled on the map) */
  legend: z.boolean().default(true),
  /** synthetic points for benchmarks (also ?bench=map10k; ?benchpoints=deck draws them with deck.gl) */
  benchPoints: z.number().int().min(0).max(200000).default(0),
});
type Options = z.infer<typeof Options>;

const S = {
  'zh-CN': {
    aria: '区县地图。方向键切换区县，回车查看区县数据，Esc 返回全市。',
    webgl: '地图无法显示：此设备或浏览器未提供 WebGL（可能被禁用或显卡驱动不支持）。其他面板不受影响。',
    static: '静态地图：此设备或浏览器未提供 WebGL（可能被禁用或显卡驱动不支持），地图不能缩放和点选。',
    failed: '地图加载失败',
    noGeo: '没有该城市的区县边界文件（运行 tsx scripts/extract-geo.ts --city 行政区划代码 后重新构建）。',
    loading: '地图加载中…',
    pickHint: '批注：点击地图放置位置（或用方向键选区县后按回车）',
    back: '返回全市',
    escHint: 'Esc',
    countyFigures: '区县数据',
    notStated: '原文未提及（不是0）',
    legend: '图例',
    counties: '区县边界',
    neighbours: '相邻地市（同省，示意）',
    noData: '无数据',
    facts: '原文点名的区县事项',
    factsNote: '未点名的区县无记录，不代表“没有”',
    arcsCounty: '区县 → 市大数据平台，线宽=数据量',
    arcsDept: '部门 ↔ 平台（原文数量，位置示意）',
    columns: '数据中心 / 算力设施',
    columnsNote: '柱高=试点等级（原文无容量）；≈ 位置示意，原文无坐标',
    tier2: '大中型 / 枢纽',
    tier1: '边缘型 / 其他',
    simulated: '模拟',
    simBadge: '含模拟数据',
    simNote: '区县数值为模拟（由全市数值按确定性算法拆分），仅作演示',
    platform: '市大数据平台（市政府驻地，示意）',
    placement: '位置',
    tourOn: '自动巡览中',
    kindCounty: '区县',
    arcTo: '→ 市大数据平台',
    arcFrom: '市大数据平台 →',
    noSites: '来源未点名本市的数据中心',
    source: '来源',
    clickProv: '点击查看完整来源',
    clickDrill: '点击查看该区县数据',
  },
  en: {
    aria: 'County map. Arrow keys cycle counties, Enter shows a county\'s figures, Esc returns to the whole city.',
    webgl: 'The map cannot be shown: WebGL is not available on this device or browser (disabled or unsupported driver). The other panels are not affected.',
    static: 'Static map: WebGL is not available on this device or browser (disabled or unsupported driver), so the map cannot zoom or be clicked.',
    failed: 'The map failed to load',
    noGeo: 'No county boundary file for this city (run tsx scripts/extract-geo.ts --city ADCODE and rebuild).',
    loading: 'Loading map…',
    pickHint: 'Note: click the map to place it (or pick a county with the arrow keys and press Enter)',
    back: 'Back to city',
    escHint: 'Esc',
    countyFigures: 'County figures',
    notStated: 'not stated in the source (not zero)',
    legend: 'Legend',
    counties: 'County boundaries',
    neighbours: 'Neighbouring cities (same province, context)',
    noData: 'no data',
    facts: 'County facts named in the sources',
    factsNote: 'counties not named have no record — not "no"',
    arcsCounty: 'County → city data platform, width = volume',
    arcsDept: 'Department ↔ platform (stated volume, schematic position)',
    columns: 'Data centres / compute sites',
    columnsNote: 'height = pilot tier (no capacity in the sources); ≈ approximate position, no coordinates in the sources',
    tier2: 'large/medium / hub',
    tier1: 'edge / other',
    simulated: 'simulated',
    simBadge: 'includes simulated data',
    simNote: 'county values are simulated (city figure split deterministically), demo only',
    platform: 'City data platform (city seat, schematic)',
    placement: 'Position',
    tourOn: 'Touring',
    kindCounty: 'County',
    arcTo: '→ city data platform',
    arcFrom: 'city data platform →',
    noSites: 'The sources name no data centres for this city',
    source: 'Source',
    clickProv: 'Click for full provenance',
    clickDrill: 'Click for the county\'s figures',
  },
} as const;
type Strings = { [K in keyof (typeof S)['zh-CN']]: string };

/** A WebGL failure thrown while rendering must not unmount the page (toolchain pitfall 4). */
class MapBoundary extends Component<{ onError: () => void; message: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error) {
    console.warn(`[map] ${error.message}`);
    this.props.onError();
  }
  override render() {
    if (this.state.error) return <div className="map-error panel-msg panel-error" role="alert" data-testid="map-error">{this.props.message} ({this.state.error.message})</div>;
    return this.props.children;
  }
}

/** every text the map draws on its canvas (labels), so their font faces load first */
function labelText(m: { names: Map<string, { name: string }>; g: CityGeo }): string {
  return [...m.names.values()].map((p) => p.name).join('') + m.g.neighbours.features.map((f) => f.properties.name).join('') + '市大数据平台模拟≈★' + SITES.map((x) => x.nameZh).join('');
}

/** a wall's playlist leaving the page sooner than this (real ms) keeps the poster: the live map would not pay off */
export const LIVE_MAP_MIN_STAY_MS = 5000;

/**
 * Resolves when `el` is on screen (a wall prepares pages in a hidden layer), no finite animation is running
 * (the wall's crossfade), the page is not about to leave (a playlist's short dwell) and the browser is
 * idle: the WebGL map's set-up (seconds of work on a software renderer) then never competes with the
 * page's first render, a transition or the playlist's next switch. Polled: cheap, and it needs no hooks
 * into the wall stage.
 */
function whenSettled(el: HTMLElement, live: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const check = () => {
      if (!live()) return resolve(false);
      const visible = typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : true;
      const animating = document.getAnimations?.().some((a) => a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
      if (!visible || animating || msPageStays() < LIVE_MAP_MIN_STAY_MS) return void setTimeout(check, 100);
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(live()), { timeout: 1000 });
      else setTimeout(() => resolve(live()), 0);
    };
    check();
  });
}

function urlFlag(name: string): string | null {
  try {
    return new URLSearchParams(location.search).get(name);
  } catch {
    return null;
  }
}

declare global {
  interface Window {
    /** test/bench hook: the live maps by panel id */
    __cockpitMaps?: Record<string, {
      map: unknown; firstDrawMs: number; counties: string[]; select(adcode: string | null): void; drill(adcode: string | null): void;
      /** where the poster drew a place (CSS px in the map's box), to compare with the live map's projection */
      posterProject(lngLat: [number, number]): { x: number; y: number } | null;
    }>;
  }
}

function MapView({ spec, options, onReady, pins, onPickLocation }: PanelProps<Options>) {
  const c = useCockpit();
  const s: Strings = S[c.lang];
  const cityId = c.city.id;
  const bench = urlFlag('bench');
  const benchPoints = bench === 'map10k' ? 10000 : options.benchPoints;
  const layers = useMemo(
    () => (bench === 'mapbase' ? { ...options.layers, choropleth: false, facts: false, arcs: false, columns: false } : options.layers),
    [bench, options.layers],
  );
  const tourOn = options.tour === 'always' || (options.tour === 'kiosk' && c.kiosk);
  const interleaved = urlFlag('deck') !== 'overlaid'; // diagnostics / bench: deck.gl on a canvas of its own

  const countyState = useFigures({ cityIds: [cityId], county: true });
  const extraIds = useMemo(() => [...new Set([...DEPARTMENTS.filter((d) => d.cityId === cityId).map((d) => d.indicatorId), ...SITES.filter((x) => x.cityId === cityId).flatMap((x) => x.indicatorIds)])].sort(), [cityId]);
  const extraState = useFigures({ cityIds: [cityId], indicatorIds: extraIds, county: false });

  const [geo, setGeo] = useState<{ state: 'loading' } | { state: 'ok'; geo: CityGeo } | { state: 'error'; message: string }>({ state: 'loading' });
  // loading → poster (drawn in 2D, poster.ts) → ready (the WebGL map has drawn and replaced it);
  // static: no WebGL, the poster is the map; error: nothing can be drawn
  const [status, setStatus] = useState<{ state: 'loading' | 'poster' | 'ready' | 'static' } | { state: 'error'; message: string }>({ state: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [drilled, setDrilled] = useState<string | null>(null);
  const [tip, setTip] = useState<{ html: string; x: number; y: number } | null>(null);
  const [legendOpen, setLegendOpen] = useState(options.legend);
  const [announce, setAnnounce] = useState('');
  const el = useRef<HTMLDivElement>(null);
  const posterEl = useRef<HTMLCanvasElement>(null);
  const posterCam = useRef<Camera | null>(null);
  const [posterCamera, setPosterCamera] = useState<Camera | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const ctrl = useRef<MapController | null>(null);
  const readyOnce = useRef(false);
  const pausedUntil = useRef(0);
  const signalReady = useCallback(() => {
    if (readyOnce.current) return;
    readyOnce.current = true;
    onReady();
  }, [onReady]);

  useEffect(() => {
    let live = true;
    loadCityGeo(c.city.adcode).then(
      (g) => live && setGeo({ state: 'ok', geo: g }),
      (e: Error) => live && setGeo({ state: 'error', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [c.city.adcode]);

  // ---- what to draw
  const model = useMemo(() => {
    if (geo.state !== 'ok' || countyState.state !== 'ok') return null;
    const g = geo.geo;
    const idx = countyState.value;
    const cp = choropleth(idx, options.choropleth, cityId, g);
    const fx = buildFacts(idx, options.facts, cityId, g);
    const ar = buildArcs(cp, extraState.state === 'ok' ? extraState.value : null, cityId, g, c.lang);
    const co = buildColumns(cityId, g, c.lang);
    const names = new Map(g.counties.features.map((f) => [f.properties.adcode, f.properties]));
    const order = g.counties.features.map((f) => f.properties.adcode).sort();
    const input: MapInput = {
      geo: g,
      counties: cp.styles,
      facts: fx.marks,
      arcs: ar.arcs,
      columns: co.columns,
      points: [{ id: 'platform', position: g.city.center, text: c.lang === 'zh-CN' ? '★市大数据平台' : '★ City data platform', kind: 'platform' }, ...ar.points, ...co.points],
      simLabel: s.simulated,
      layers,
      benchPoints,
      benchPointsDeck: urlFlag('benchpoints') === 'deck',
      pitch: options.pitch,
      interleaved,
    };
    return { g, idx, cp, fx, ar, co, names, order, input };
  }, [geo, countyState, extraState, options.choropleth, options.facts, options.pitch, cityId, c.lang, layers, benchPoints, interleaved, s.simulated]);
  const modelRef = useRef(model);
  modelRef.current = model;

  // ---- tooltips
  const ind = c.indicators.get(options.choropleth);
  const countyTip = useCallback((adcode: string): string => {
    if (!model) return '';
    const p = model.names.get(adcode);
    const name = p?.name ?? adcode;
    const parts: string[] = [];
    const fig = model.cp.figures.get(adcode);
    if (fig && ind && layers.choropleth) parts.push(figureTooltip(c, fig, `${name} · ${indicatorName(ind, c.lang)}`).replace(/<i style="opacity:.7">[^<]*<\/i>/, ''));
    else parts.push(`<b>${esc(name)}</b>`);
    const here = [...model.fx.info.values()].filter((f) => f.adcode === adcode);
    if (here.length && layers.facts) parts.push(here.map((f) => `<span style="color:${f.colour}">●</span> ${esc(indicatorName(c.indicators.get(f.indicatorId)!, c.lang))}`).join('<br/>'));
    parts.push(`<i style="opacity:.7">${esc(s.clickDrill)}</i>`);
    return parts.join('<br/>');
  }, [model, c, ind, layers, s]);

  const siteTip = useCallback((site: Site): string => {
    const doc = c.docs.get(site.docId);
    const lines = [
      `<b>${esc(c.lang === 'zh-CN' ? site.nameZh : site.nameEn)}</b>`,
      esc(c.lang === 'zh-CN' ? site.roleZh : site.roleEn),
      `<span style="color:#ffb020">≈ ${esc(s.placement)}: ${esc(c.lang === 'zh-CN' ? site.placementZh : site.placementEn)}</span>`,
      `“${esc(site.quoteZh)}”`,
      doc ? `${esc(s.source)}: 《${esc(doc.titleZh)}》 ${esc(doc.publisherZh)} ${esc(formatDate(doc.published, c.lang))}` : '',
    ];
    if (extraState.state === 'ok') {
      for (const id of site.indicatorIds) {
        const f = extraState.value.latest(id, cityId);
        const i = c.indicators.get(id);
        if (f && i && f.primary.value !== null) lines.push(`${esc(indicatorName(i, c.lang))}: ${esc(formatValue(i, { value: f.primary.value, qualifier: f.primary.qualifier, qualifierZh: f.primary.qualifierZh }, c.lang).text)}`);
      }
      if (site.indicatorIds.some((id) => extraState.value.latest(id, cityId))) lines.push(`<i style="opacity:.7">${esc(s.clickProv)}</i>`);
    }
    return lines.filter(Boolean).join('<br/>');
  }, [c, s, extraState, cityId]);

  const hitTip = useCallback((hit: Hit): string => {
    if (!model) return '';
    if (hit.kind === 'county') return countyTip(hit.adcode);
    if (hit.kind === 'fact') {
      const f = model.fx.info.get(hit.id);
      return f ? figureTooltip(c, f.fig, `${model.names.get(f.adcode)?.name ?? ''} · ${indicatorName(c.indicators.get(f.indicatorId)!, c.lang)}`) : '';
    }
    if (hit.kind === 'arc') {
      const a = model.ar.info.get(hit.id);
      if (!a) return '';
      const label = a.kind === 'dept' && a.dept?.direction === 'out' ? `${s.arcFrom} ${a.label}` : `${a.label} ${s.arcTo}`;
      return figureTooltip(c, a.fig, `${label} · ${indicatorName(c.indicators.get(a.fig.indicatorId)!, c.lang)}`) + (a.kind === 'dept' ? `<br/><span style="color:#ffb020">≈ ${esc(s.arcsDept)}</span>` : '');
    }
    const site = model.co.info.get(hit.id);
    return site ? siteTip(site) : '';
  }, [model, countyTip, siteTip, c, s]);

  const figureOfHit = useCallback((hit: Hit): Figure | undefined => {
    if (!model) return undefined;
    if (hit.kind === 'fact') return model.fx.info.get(hit.id)?.fig;
    if (hit.kind === 'arc') return model.ar.info.get(hit.id)?.fig;
    if (hit.kind === 'column' && extraState.state === 'ok') {
      const site = model.co.info.get(hit.id);
      for (const id of site?.indicatorIds ?? []) {
        const f = extraState.value.latest(id, cityId);
        if (f) return f;
      }
    }
    return undefined;
  }, [model, extraState, cityId]);

  const drill = useCallback((adcode: string | null) => {
    setDrilled(adcode);
    setSelected(adcode);
    setTip(null);
    if (adcode && model) setAnnounce(`${model.names.get(adcode)?.name ?? adcode}: ${s.countyFigures}`);
    else setAnnounce(s.back);
  }, [model, s]);

  // callbacks read through a ref so the engine is created once
  const handlers = useRef({ hitTip, figureOfHit, drill, showProvenance: c.showProvenance, pick: onPickLocation });
  handlers.current = { hitTip, figureOfHit, drill, showProvenance: c.showProvenance, pick: onPickLocation };

  /** room the legend and the drill card take, so fitting the city keeps it visible (poster and map alike) */
  const padding = useCallback((): Padding => {
    const box = wrap.current?.getBoundingClientRect();
    const lg = wrap.current?.querySelector('.map-legend')?.getBoundingClientRect();
    const dr = wrap.current?.querySelector('.map-drill')?.getBoundingClientRect();
    const w = box?.width ?? 0;
    // keep at least half the width for the map itself
    const left = lg && box ? Math.min(w * 0.35, lg.right - box.left + 8) : 16;
    const right = dr && box ? Math.min(w * 0.35, box.right - dr.left + 8) : 16;
    return { top: 28, bottom: 22, left, right };
  }, []);

  // ---- the poster: the page's first frame of the map, in 2D, while the WebGL map is made (poster.ts)
  const live = status.state === 'ready';
  const failed = status.state === 'error';
  useEffect(() => {
    if (!model || live || failed) return;
    let on = true;
    const draw = () => {
      const cv = posterEl.current;
      const box = el.current;
      if (!on || !cv || !box || !box.clientWidth || !box.clientHeight) return;
      const dpr = window.devicePixelRatio || 1;
      const w = box.clientWidth;
      const h = box.clientHeight;
      cv.width = Math.round(w * dpr);
      cv.height = Math.round(h * dpr);
      cv.style.width = `${w}px`;
      cv.style.height = `${h}px`;
      const ctx = cv.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      posterCam.current = drawPoster(ctx, model.input, w, h, padding()).camera;
      setPosterCamera(posterCam.current);
      cv.setAttribute('data-drawn', 'true'); // CSS hides the loading message from here (map.css)
      if (!readyOnce.current) performance.mark('cockpit:map-poster');
      setStatus((st) => (st.state === 'loading' ? { state: 'poster' } : st));
    };
    // canvas text is drawn with the CJK font: load the faces the names need first (instant when installed)
    if (document.fonts) void document.fonts.load(`400 16px "Noto Sans SC"`, labelText(model)).catch(() => undefined).then(draw);
    else draw();
    const ro = new ResizeObserver(() => draw());
    if (el.current) ro.observe(el.current);
    return () => {
      on = false;
      ro.disconnect();
    };
  }, [model, live, failed, padding, signalReady]);

  useLayoutEffect(() => {
    if (status.state === 'poster') signalReady();
  }, [status.state, signalReady]);

  // ---- engine lifecycle: created once the poster is up (the engine chunk, its workers and shaders then
  // load while the page is already complete), or at once when the poster cannot be drawn
  const haveModel = !!model;
  const posterUp = status.state !== 'loading';
  useEffect(() => {
    if (geo.state === 'error') {
      setStatus({ state: 'error', message: s.noGeo });
      signalReady();
      return;
    }
    if (!haveModel || !posterUp || !el.current) return;
    // a PNG export or a print view keeps the poster: drawn at the export's pixels, and a WebGL canvas
    // would come out empty in the exported image
    if (DOCUMENT_ROLE.kind !== 'app') return;
    let live = true;
    let made: MapController | null = null;
    const fail = (e: Error) => {
      if (!live) return;
      console.warn(`[map] ${e.message}`);
      const noGl = /webgl/i.test(e.message);
      // without WebGL the poster is the map; a drawn poster stays when the map fails
      setStatus((st) => (noGl && st.state !== 'loading' ? { state: 'static' } : { state: 'error', message: noGl ? s.webgl : `${s.failed}: ${e.message}` }));
      signalReady();
    };
    (async () => {
      // once the page is drawn, on screen and still (see whenSettled), then the engine chunk
      if (!(await whenSettled(el.current!, () => live))) return;
      const engine = await import('./engine');
      if (!live) return;
      if (!engine.webglAvailable()) throw new Error('WebGL unavailable');
      if (!live || !el.current) return; // the label fonts were loaded for the poster
      made = engine.openMap(el.current, modelRef.current!.input, {
        onHover: (hit, x, y) => {
          if (!hit) return setTip(null);
          pausedUntil.current = Date.now() + 20000;
          setTip({ html: handlers.current.hitTip(hit), x, y });
        },
        onClick: (hit, at) => {
          pausedUntil.current = Date.now() + 30000;
          // choosing a note's place (briefing annotate mode): the click pins, it does not drill
          if (handlers.current.pick) return handlers.current.pick(at);
          if (!hit) return;
          if (hit.kind === 'county') return handlers.current.drill(hit.adcode);
          const f = handlers.current.figureOfHit(hit);
          if (f) {
            setTip(null);
            handlers.current.showProvenance(f);
          }
        },
        onReady: (ms) => {
          if (!live) return;
          performance.mark('cockpit:map-drawn');
          el.current?.setAttribute('data-map-ready', 'true');
          setStatus({ state: 'ready' });
          window.__cockpitMaps = {
            ...window.__cockpitMaps,
            [spec.id]: {
              map: made!.map, firstDrawMs: ms, counties: modelRef.current!.order,
              select: (a) => { setSelected(a); },
              drill: (a) => handlers.current.drill(a),
              posterProject: (p) => {
                if (!posterCam.current) return null;
                const q = projector(posterCam.current)(mercator(p));
                return { x: q.x, y: q.y };
              },
            },
          };
          signalReady();
        },
        onError: fail,
        padding,
      });
      ctrl.current = made;
    })().catch(fail);
    return () => {
      live = false;
      ctrl.current = null;
      if (window.__cockpitMaps) delete window.__cockpitMaps[spec.id];
      made?.release();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [haveModel, posterUp, geo.state, spec.id]);

  useEffect(() => {
    if (model && ctrl.current) ctrl.current.update(model.input);
  }, [model]);
  useEffect(() => {
    ctrl.current?.select(selected ?? drilled);
  }, [selected, drilled, status.state]);
  useEffect(() => {
    if (status.state === 'ready') ctrl.current?.setPins(pins ?? []);
  }, [pins, status.state]);
  // the camera follows the drill-down; the map opens already framed on the city, so the first ready
  // state asks for no flight (an idle wall would otherwise animate at once, on software GL for seconds)
  const focused = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (status.state !== 'ready') return;
    if (focused.current === undefined && drilled === null) {
      focused.current = null;
      return;
    }
    if (focused.current === drilled) return;
    focused.current = drilled;
    ctrl.current?.focus(drilled);
  }, [drilled, status.state]);

  // ---- keyboard and tour
  const showCard = useCallback((adcode: string) => {
    if (!model || !ctrl.current) return;
    const p = model.names.get(adcode);
    if (!p) return;
    const pt = ctrl.current.project(p.centroid);
    setTip({ html: countyTip(adcode), x: pt.x, y: pt.y });
    const fig = model.cp.figures.get(adcode);
    const v = fig && ind ? ` ${formatValue(ind, { value: fig.primary.value!, qualifier: fig.primary.qualifier, qualifierZh: fig.primary.qualifierZh }, c.lang).text}${fig.primary.flags.includes('simulated') ? ` (${s.simulated})` : ''}` : '';
    setAnnounce(`${p.name}${v}`);
  }, [model, countyTip, ind, c.lang, s]);

  const step = useCallback((dir: 1 | -1) => {
    if (!model) return;
    const cur = selected ?? drilled;
    const i = cur ? model.order.indexOf(cur) : -1;
    const next = model.order[(i + dir + model.order.length) % model.order.length]!;
    setSelected(next);
    if (drilled) setDrilled(next);
    showCard(next);
  }, [model, selected, drilled, showCard]);

  const onKey = (e: KeyboardEvent) => {
    const fromList = (e.target as HTMLElement).closest?.('.map-drill, .map-legend-toggle');
    if (fromList && e.key !== 'Escape') return; // keys on the side list's figures and buttons are theirs
    pausedUntil.current = Date.now() + 30000;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
      e.preventDefault();
      step(1);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      e.preventDefault();
      step(-1);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const target = selected ?? model?.order[0] ?? null;
      // choosing a note's place without a mouse: the selected county's centre
      const c0 = target ? model?.names.get(target)?.centroid : undefined;
      if (onPickLocation && c0) onPickLocation({ lng: c0[0], lat: c0[1] });
      else if (target) drill(target);
    } else if (e.key === 'Escape' && (drilled || selected)) {
      e.preventDefault();
      e.stopPropagation();
      drill(null);
    }
  };

  useEffect(() => {
    if (!tourOn || status.state !== 'ready') return;
    const id = setInterval(() => {
      if (Date.now() < pausedUntil.current || document.querySelector('[data-testid="provenance"]')) return;
      step(1);
    }, options.tourSeconds * 1000);
    return () => clearInterval(id);
  }, [tourOn, status.state, step, options.tourSeconds]);

  // ---- render
  const g = geo.state === 'ok' ? geo.geo : null;
  const drilledName = drilled && model ? model.names.get(drilled)?.name ?? drilled : null;
  const countyFigs = useMemo(() => {
    if (!drilled || !model) return [];
    const idx = model.idx;
    const ids = [...new Set(idx.observations.filter((o) => o.countyAdcode === drilled).map((o) => o.indicatorId))];
    return ids.map((id) => ({ id, fig: idx.latest(id, cityId, drilled) })).filter((x): x is { id: string; fig: Figure } => !!x.fig);
  }, [drilled, model, cityId]);

  return (
    <div
      ref={wrap}
      className={`map-panel ${drilled ? 'map-drilled' : ''} ${onPickLocation ? 'map-picking' : ''}`}
      tabIndex={0}
      role="application"
      aria-roledescription={c.lang === 'zh-CN' ? '地图' : 'map'}
      aria-label={s.aria}
      data-map-state={status.state}
      data-selected={selected ?? ''}
      data-drilled={drilled ?? ''}
      onKeyDown={onKey}
      onPointerDown={() => (pausedUntil.current = Date.now() + 30000)}
    >
      <div ref={el} className="map-canvas" data-testid="map-canvas">
        <canvas ref={posterEl} className="map-poster" data-testid="map-poster" aria-hidden="true" />
        {/* briefing notes pinned to places, on the poster (the live map draws them as its own markers) */}
        {status.state !== 'ready' && posterCamera && pins?.map((p) => {
          const q = projector(posterCamera)(mercator([p.lng, p.lat]));
          return (
            <div key={p.id} className="map-pin map-pin-poster" data-note={p.id} title={p.text} role="img" aria-label={`${p.n}: ${p.text}`} style={{ left: q.x, top: q.y }}>
              {p.n}
            </div>
          );
        })}
      </div>
      {status.state === 'error' && <div className="map-error panel-msg panel-error" role="alert" data-testid="map-error">{status.message}</div>}
      {status.state === 'loading' && <div className="map-loading panel-msg">{s.loading}</div>}
      {status.state === 'static' && <div className="map-static-note" role="note" data-testid="map-static">{s.static}</div>}
      {onPickLocation && status.state === 'ready' && <div className="map-pick-hint" data-testid="map-pick-hint">{s.pickHint}</div>}
      {status.state !== 'error' && model?.cp.anySimulated && (layers.choropleth || layers.arcs) && (
        <div className="map-sim-badge" data-testid="map-sim-badge" title={s.simNote}>{s.simulated} · {s.simBadge}</div>
      )}
      {tourOn && status.state === 'ready' && <div className="map-tour-badge">⟳ {s.tourOn}</div>}
      {tip && status.state === 'ready' && (
        <div className="map-tip" role="tooltip" style={{ left: tip.x, top: tip.y }} dangerouslySetInnerHTML={{ __html: tip.html }} />
      )}
      {status.state !== 'error' && model && legendOpen && <Legend c={c} s={s} model={model} layers={layers} indicatorId={options.choropleth} />}
      {status.state !== 'error' && model && (
        <button type="button" className="map-legend-toggle btn" onClick={() => setLegendOpen((o) => !o)} aria-expanded={legendOpen}>{s.legend}</button>
      )}
      {g && (
        <div className="map-attribution" data-testid="map-attribution" title={`${g.meta.upstream}; ${g.meta.licence}; ${g.meta.generated}${g.meta.reviewNumber ? `; 审图号 ${g.meta.reviewNumber}` : ''}`}>
          {g.meta.attribution} · {g.meta.generated}
        </div>
      )}
      {drilled && model && (
        <aside className="map-drill" data-testid="map-drill" aria-label={`${drilledName} ${s.countyFigures}`}>
          <header>
            <h3>{drilledName}</h3>
            <button type="button" className="btn" onClick={() => { drill(null); wrap.current?.focus(); }} data-testid="map-back">← {s.back} <kbd>{s.escHint}</kbd></button>
          </header>
          <ul>
            {countyFigs.map(({ id, fig }) => {
              const i = c.indicators.get(id);
              if (!i) return null;
              return (
                <li key={id} data-indicator={id}>
                  <span className="map-drill-name">{indicatorName(i, c.lang)}</span>
                  <FigureValue fig={fig} />
                  <span className="map-drill-date">{formatDate(fig.asOf, c.lang)}</span>
                </li>
              );
            })}
            {options.facts.filter((id) => !countyFigs.some((f) => f.id === id) && model.fx.present.includes(id)).map((id) => (
              <li key={id} className="map-drill-missing"><span className="map-drill-name">{indicatorName(c.indicators.get(id)!, c.lang)}</span><span className="muted">{s.notStated}</span></li>
            ))}
          </ul>
        </aside>
      )}
      <div className="sr-only" aria-live="polite">{announce}</div>
    </div>
  );
}

function Legend({ c, s, model, layers, indicatorId }: {
  c: Cockpit; s: Strings; layers: z.infer<typeof Layers>; indicatorId: string;
  model: { cp: ReturnType<typeof choropleth>; fx: { present: string[]; info: Map<string, FactInfo> }; ar: { arcs: unknown[]; info: Map<string, ArcInfo> }; co: { columns: unknown[] } };
}) {
  const ind = c.indicators.get(indicatorId);
  const unit = ind ? (c.lang === 'zh-CN' ? ind.unitZh : ` ${ind.unitEn}`) : '';
  const b = model.cp.breaks;
  const hasDept = [...model.ar.info.values()].some((a) => a.kind === 'dept');
  return (
    <div className="map-legend" data-testid="map-legend">
      {layers.boundaries && (
        <div className="lg-row"><span className="lg-line" /> {s.counties}</div>
      )}
      {layers.neighbours && (
        <div className="lg-row"><span className="lg-box lg-neighbour" /> {s.neighbours}</div>
      )}
      {layers.choropleth && ind && b.length > 0 && (
        <div className="lg-block" data-testid="legend-choropleth">
          <div className="lg-title">
            {indicatorName(ind, c.lang)}
            {model.cp.anySimulated && <span className="badge badge-sim" data-testid="legend-sim">{s.simulated}</span>}
          </div>
          {b.map((hi, i) => (
            <div key={i} className="lg-row">
              <span className="lg-box" style={{ background: classColour(i, b.length) }} />
              {i === 0 ? '≤ ' : `${formatCount(b[i - 1]!, c.lang)} – `}{formatCount(hi, c.lang)}{unit}
            </div>
          ))}
          <div className="lg-row"><span className="lg-box" style={{ background: NO_DATA_COLOUR }} /> {s.noData}</div>
          {model.cp.anySimulated && <div className="lg-note lg-sim">{s.simNote}</div>}
        </div>
      )}
      {layers.facts && model.fx.present.length > 0 && (
        <div className="lg-block" data-testid="legend-facts">
          <div className="lg-title">{s.facts}</div>
          {model.fx.present.map((id) => {
            const k = c.indicators.get(id);
            const colour = [...model.fx.info.values()].find((f) => f.indicatorId === id)?.colour ?? FACT_COLOURS[0];
            return <div key={id} className="lg-row"><span className="lg-dot" style={{ background: colour }} /> {k ? indicatorName(k, c.lang) : id}</div>;
          })}
          <div className="lg-note">{s.factsNote}</div>
        </div>
      )}
      {layers.arcs && model.ar.arcs.length > 0 && (
        <div className="lg-block" data-testid="legend-arcs">
          <div className="lg-row"><span className={`lg-arc ${model.cp.anySimulated ? 'lg-arc-sim' : ''}`} /> {s.arcsCounty}{model.cp.anySimulated && <span className="badge badge-sim">{s.simulated}</span>}</div>
          {hasDept && <div className="lg-row"><span className="lg-arc lg-arc-dept" /> ≈ {s.arcsDept}</div>}
          <div className="lg-row"><span className="lg-star">★</span> {s.platform}</div>
        </div>
      )}
      {layers.columns && (
        <div className="lg-block" data-testid="legend-columns">
          <div className="lg-title">{s.columns}</div>
          {model.co.columns.length > 0 ? (
            <>
              <div className="lg-row"><span className="lg-col lg-col2" /> {s.tier2} <span className="lg-col lg-col1" /> {s.tier1}</div>
              <div className="lg-note">{s.columnsNote}</div>
            </>
          ) : <div className="lg-note">{s.noSites}</div>}
        </div>
      )}
    </div>
  );
}

export default definePanel<Options>({
  kind: 'map',
  options: Options,
  component: function MapPanel(props) {
    const c = useCockpit();
    return (
      <MapBoundary onError={props.onReady} message={S[c.lang].webgl}>
        <MapView {...props} />
      </MapBoundary>
    );
  },
});

