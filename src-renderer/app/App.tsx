import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LANGS, type Lang, type LaunchOptions } from '../../src-core/contract';
import type { Catalog } from '../../src-core/db/queries';
import type { Figure } from '../../src-core/figures';
import { ConfigError, parsePagesConfig, type PagesConfig } from '../../src-core/pages/config';
import { DB_URL, DataClient, DataError } from '../data/client';
import { optionSchemas } from '../panels/registry';
import bundledPages from '../pages/pages.json?raw';
import { invokeOr, NO_CONFIG_FILE, onShellEvent, shellStartup, type ShellStartup } from '../shell/bridge';
import { strings } from '../i18n';
import { warmFormats } from '../../src-core/format';
import { CockpitContext, makeLookups, tFor, type Cockpit } from './context';
import { Header, PageNav } from './Header';
import { PageView } from './PageView';
import { ProvenanceDialog, ProvenanceHover } from './Provenance';
import { setSourceOrder } from '../../src-core/figures';
import { FEEDS_CONFIG_POLL_MS, FeedsConfigWatcher, reloadForPolicy } from './sources/feeds-config';
import { SourcesBar } from './sources/SourcesBar';
import { SourcesDialog } from './sources/SourcesDialog';
import { ImportDialog, useFileDrop } from './sources/ImportDialog';
import { FeedsStore, useFeedsState } from './sources/store';
import type { FeedsState } from '../data/feeds';
import { useWall } from './wall/useWall';
import { usePlaylist } from './wall/usePlaylist';
import { WallFrame } from './wall/WallFrame';
import { WallStage, type StageTarget } from './wall/WallStage';
import { WallControls } from './wall/WallControls';
import { useBriefing } from './briefing';
import { prefetchMap } from '../panels/map/geo';

const PAGES_POLL_MS = 3000;
/** how long the first render waits for persisted sources/imports to be restored before showing the bundled data */
const FEEDS_RESTORE_WAIT_MS = 4000;

interface ViewState { city?: string; page?: string; lang?: Lang }

function readUrl(): ViewState {
  const q = new URLSearchParams(location.search);
  const lang = q.get('lang');
  return {
    city: q.get('city') ?? undefined,
    page: q.get('page') ?? undefined,
    lang: (LANGS as readonly string[]).includes(lang ?? '') ? (lang as Lang) : undefined,
  };
}

/** The bundled page configuration, validated once (its failure is shown as a fatal error at boot). */
function parseBundledPages(): { pages: PagesConfig } | { error: ConfigError } {
  try {
    return { pages: parsePagesConfig(bundledPages, 'pages.json (bundled)', optionSchemas) };
  } catch (e) {
    return { error: e as ConfigError };
  }
}

function writeUrl(v: Required<ViewState>, push: boolean) {
  const q = new URLSearchParams(location.search);
  q.set('city', v.city);
  q.set('page', v.page);
  q.set('lang', v.lang);
  const url = `${location.pathname}?${q.toString()}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

type Boot =
  | { state: 'loading' }
  | { state: 'fatal'; title: string; file: string; problem: string }
  | { state: 'ok'; catalog: Catalog; pages: PagesConfig; launch: LaunchOptions; asOf: Map<string, string> };

function catalogText(c: Catalog): string {
  const chars = new Set<string>();
  for (const s of [...c.indicators.map((i) => i.nameZh + i.unitZh), ...c.cities.map((x) => x.nameZh), ...Object.values(strings['zh-CN'])]) for (const ch of s) chars.add(ch);
  return [...chars].join('');
}

export function FatalError({ lang, title, file, problem }: { lang: Lang; title: string; file: string; problem: string }) {
  return (
    <div className="fatal" role="alert" data-testid="fatal-error">
      <h1>{title}</h1>
      <p className="fatal-file"><code>{file}</code></p>
      <p className="fatal-problem">{problem}</p>
      <p className="muted">{strings[lang].fatalHint}</p>
    </div>
  );
}

/** The header's source line, re-rendered by source-state changes alone (not the whole app). */
function LiveSourcesBar({ store, ...rest }: { store: FeedsStore } & Omit<Parameters<typeof SourcesBar>[0], 'state'>) {
  return <SourcesBar state={useFeedsState(store)} {...rest} />;
}
function LiveSourcesDialog({ store, ...rest }: { store: FeedsStore } & Omit<Parameters<typeof SourcesDialog>[0], 'state'>) {
  const state = useFeedsState(store);
  return state ? <SourcesDialog state={state} {...rest} /> : null;
}

export function App({ data, shell }: { data: DataClient; shell?: Promise<ShellStartup> }) {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [view, setView] = useState<ViewState>(readUrl);
  const [prov, setProv] = useState<Figure | null>(null);
  const [hover, setHover] = useState<{ fig: Figure; anchor: DOMRect } | null>(null);
  const [feedsStore] = useState(() => new FeedsStore());
  const [view$, setView$] = useState<{ data: DataClient; catalog: Catalog; asOf: Map<string, string> } | null>(null);
  const [dialog, setDialog] = useState<null | { kind: 'settings' } | { kind: 'import'; file: File | null }>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [allowedOrigins, setAllowedOrigins] = useState<string[]>([]);
  const feedsConfig = useRef<FeedsConfigWatcher | null>(null);
  const [userPages, setUserPages] = useState<{ pages: PagesConfig | null; gen: number; notice: { file: string; problem: string } | null }>({ pages: null, gen: 0, notice: null });
  const lang: Lang = view.lang ?? (boot.state === 'ok' ? boot.launch.lang : undefined) ?? 'zh-CN';

  useEffect(() => {
    // Remote sources and imports: the worker applies them and says so; hand the UI a fresh data view
    // (panels re-query and keep their figures until the new ones arrive) and the new catalogue.
    const unsubscribe = data.subscribe((ev) => {
      if (ev.event === 'blocked') {
        reloadForPolicy(ev.url);
        return;
      }
      setSourceOrder(ev.state.sources.map((s) => s.url));
      feedsStore.set(ev.state);
      if (ev.event === 'data') setView$({ data: data.fork(ev.catalog, ev.latestAsOf), catalog: ev.catalog, asOf: new Map(Object.entries(ev.latestAsOf)) });
    });
    const started = (shell ?? Promise.resolve(shellStartup())).then((s) => s);
    const opened = data.open(new URL(DB_URL, document.baseURI).href);
    // the UI thread waits for the worker here: make the number and date formatters the first page uses now
    setTimeout(() => warmFormats(lang), 0);
    const bundled = parseBundledPages();
    // a first page with a map: its engine loads while the database opens
    const first = 'pages' in bundled ? bundled.pages.pages.find((p) => p.id === view.page) ?? bundled.pages.pages[0] : undefined;
    if (first?.panels.some((x) => x.kind === 'map')) prefetchMap(opened.then((c) => (c.cities.find((x) => x.id === view.city) ?? c.cities[0])?.adcode, () => undefined));
    Promise.all([opened, started.then((s) => s.launch), started]).then(
      async ([catalog, launch, startup]) => {
        try {
          const watcher = await FeedsConfigWatcher.start(launch, startup.feedsConfig);
          feedsConfig.current = watcher;
          setAllowedOrigins(watcher.allowedOrigins);
          const setup = watcher.setup();
          const starting = data.startFeeds(setup);
          const applyState = (st: FeedsState | null) => {
            if (!st) return;
            setSourceOrder(st.sources.map((s) => s.url));
            feedsStore.set(st);
          };
          // nothing stored and no source configured (the offline demo): nothing can change the first render
          if (!data.restorable && !setup.launchSources.length && !setup.urlSources.length && !setup.file?.config.sources.length) {
            starting.then(applyState, (e: Error) => console.warn(`[feeds] not started: ${e.message}`));
          } else {
            applyState(await Promise.race([starting, new Promise<null>((r) => setTimeout(() => r(null), FEEDS_RESTORE_WAIT_MS))]));
          }
        } catch (e) {
          console.warn(`[feeds] not started: ${(e as Error).message}`);
        }
        performance.mark('cockpit:db-open');
        // Start loading the font subsets the catalogue's names need while the page renders.
        void document.fonts?.load('400 16px "Noto Sans SC"', catalogText(catalog)).catch(() => undefined);
        if ('error' in bundled) {
          const ce = bundled.error;
          setBoot({ state: 'fatal', title: 'Page configuration invalid', file: ce.file ?? 'pages.json', problem: ce.message });
          return;
        }
        const pages = bundled.pages;
        if (!catalog.cities.length) {
          setBoot({ state: 'fatal', title: strings['zh-CN'].fatalTitle, file: DB_URL, problem: 'the database lists no cities' });
          return;
        }
        // data as-of per city for the header
        const asOf = new Map(Object.entries(data.latestAsOf));
        performance.mark('cockpit:boot');
        setBoot({ state: 'ok', catalog, pages, launch, asOf });
      },
      (e: Error) => {
        const f = e instanceof DataError ? e.failure : { file: DB_URL, problem: e.message };
        setBoot({ state: 'fatal', title: strings[lang].fatalTitle, file: f.file, problem: f.problem });
      },
    );
    return unsubscribe;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  // The user's page configuration (--pages FILE): re-read when it changes; an invalid file leaves the
  // last valid configuration on screen and says what is wrong and where.
  useEffect(() => {
    if (boot.state !== 'ok') return;
    let etag: string | null = null;
    let live = true;
    const poll = async () => {
      const f = await invokeOr({ ...NO_CONFIG_FILE }, 'getPagesConfig', etag);
      if (!live || !f.file) return;
      if (f.error) {
        setUserPages((u) => ({ ...u, notice: { file: f.file!, problem: f.error! } }));
        etag = null;
        return;
      }
      if (f.text === null) return;
      etag = f.etag;
      try {
        const cfg = parsePagesConfig(f.text, f.file, optionSchemas);
        setUserPages((u) => ({ pages: cfg, gen: u.gen + 1, notice: null }));
      } catch (e) {
        const problem = e instanceof ConfigError ? e.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : (e as Error).message;
        setUserPages((u) => ({ ...u, notice: { file: f.file!, problem } }));
      }
    };
    void poll();
    const id = setInterval(() => void poll(), PAGES_POLL_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [boot.state]);

  // The sources configuration file: re-read when it changes (see sources/feeds-config.ts).
  useEffect(() => {
    if (boot.state !== 'ok') return;
    let live = true;
    const id = setInterval(() => {
      const w = feedsConfig.current;
      if (!w) return;
      void w.read().then(async (changed) => {
        if (!live || !changed) return;
        const st = await data.startFeeds(w.setup());
        setSourceOrder(st.sources.map((x) => x.url));
        feedsStore.set(st);
      }).catch((e: Error) => console.warn(`[feeds] configuration not re-read: ${e.message}`));
    }, FEEDS_CONFIG_POLL_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [boot.state, data, feedsStore]);

  useEffect(() => {
    const onPop = () => setView(readUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const pagesCfg: PagesConfig | null = userPages.pages ?? (boot.state === 'ok' ? boot.pages : null);
  const liveCatalog = view$?.catalog ?? (boot.state === 'ok' ? boot.catalog : null);
  const liveData = view$?.data ?? data;
  const liveAsOf = view$?.asOf ?? (boot.state === 'ok' ? boot.asOf : new Map<string, string>());
  const lookups = useMemo(() => (liveCatalog ? makeLookups(liveCatalog) : null), [liveCatalog]);
  const cityId = boot.state === 'ok' ? [view.city, boot.launch.city].find((c) => c && lookups!.cities.has(c)) ?? liveCatalog!.cities[0]!.id : undefined;
  const pageId = boot.state === 'ok' && pagesCfg ? [view.page, boot.launch.page].find((p) => p && pagesCfg.pages.some((x) => x.id === p)) ?? pagesCfg.pages[0]!.id : undefined;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = strings[lang].appTitle;
    if (cityId && pageId) writeUrl({ city: cityId, page: pageId, lang }, false);
  }, [lang, cityId, pageId]);

  // URL state: a user's navigation pushes a history entry (Back works); normalising only replaces.
  const current = useRef<Required<ViewState> | null>(null);
  current.current = cityId && pageId ? { city: cityId, page: pageId, lang } : null;
  const go = useCallback((patch: ViewState, push = true) => {
    setProv(null);
    setHover(null);
    if (current.current) writeUrl({ ...current.current, ...patch } as Required<ViewState>, push);
    setView((v) => ({ ...v, ...patch }));
  }, []);

  // Wall: profile, kiosk, playlist (app/wall). The playlist's next item is drawn off screen by the
  // stage, then shown (a replace, not a history entry: it runs for weeks).
  const wall = useWall(boot.state === 'ok' ? boot.launch : null);
  const playlistItems = useMemo(() => (pagesCfg?.playlist ?? []).filter((i) => lookups?.cities.has(i.city)), [pagesCfg, lookups]);
  const run = usePlaylist({ items: playlistItems, on: wall.playlistOn, scale: wall.scale, idleMs: wall.idleMs, page: pageId, city: cityId });
  const onPreloaded = useCallback((t: StageTarget) => go({ page: t.page, city: t.city }, false), [go]);
  const companions = run.current && run.current.page === pageId && run.current.city === cityId ? run.current.with : undefined;
  const stageShown = useMemo<StageTarget | null>(() => (pageId && cityId ? { page: pageId, city: cityId, with: companions } : null), [pageId, cityId, companions]);

  const closeProv = useCallback(() => setProv(null), []);
  const cockpit = useMemo<Cockpit | null>(() => {
    if (boot.state !== 'ok' || !lookups || !cityId) return null;
    return {
      lang,
      city: lookups.cities.get(cityId)!,
      catalog: liveCatalog!,
      ...lookups,
      data: liveData,
      thresholds: pagesCfg!.thresholds,
      kiosk: boot.launch.kiosk || new URLSearchParams(location.search).get('kiosk') === '1',
      t: tFor(lang),
      showProvenance: (f) => setProv(f),
      hoverProvenance: (f, anchor) => setHover(f && anchor ? { fig: f, anchor } : null),
    };
  }, [boot, lookups, cityId, lang, liveData, liveCatalog, pagesCfg]);

  const openImport = useCallback((file: File | null = null) => setDialog({ kind: 'import', file }), []);
  useFileDrop(openImport);
  const closeDialog = useCallback(() => setDialog(null), []);
  const refreshNow = useCallback(() => {
    setRefreshing(true);
    data.refreshFeeds().finally(() => setRefreshing(false));
  }, [data]);
  // Electron's Data menu: Import…, data sources, refresh now
  useEffect(() => onShellEvent((ev) => {
    if (ev.kind === 'open-import') openImport(null);
    else if (ev.kind === 'open-sources') setDialog({ kind: 'settings' });
    else refreshNow();
  }), [openImport, refreshNow]);

  const page = pagesCfg && pageId ? pagesCfg.pages.find((p) => p.id === pageId)! : null;
  // briefing mode: laptop layout, stories, notes, export, shortcut help (src-renderer/app/briefing)
  const brief = useBriefing({ launch: boot.state === 'ok' ? boot.launch : null, pages: pagesCfg, cockpit, page, go });

  if (boot.state === 'loading') return <div className="boot">{strings[lang].loading}</div>;
  if (boot.state === 'fatal') return <FatalError lang={lang} title={boot.title} file={boot.file} problem={boot.problem} />;
  if (brief.print) return brief.print;
  return (
    <CockpitContext.Provider value={cockpit}>
      <WallFrame wall={wall} lang={lang}>
      <div className={`cockpit ${brief.rootClass}`}>
        <Header
          asOf={liveAsOf.get(cityId!)}
          sources={<LiveSourcesBar store={feedsStore} lang={lang} refreshing={refreshing} onRefresh={refreshNow} onSettings={() => setDialog({ kind: 'settings' })} onImport={() => openImport(null)} />}
          pages={pagesCfg!.pages}
          pageId={pageId!}
          onCity={(city) => go({ city })}
          onLang={() => go({ lang: lang === 'zh-CN' ? 'en' : 'zh-CN' })}
          wall={<WallControls wall={wall} run={run} lang={lang} />}
          tools={brief.tools}
        />
        {userPages.notice && (
          <div className="config-notice" role="alert" data-testid="config-error">
            ⚠ {lang === 'zh-CN' ? '页面配置文件无效，继续使用上一版有效配置：' : 'Page configuration invalid; the last valid configuration stays in use: '}
            <code>{userPages.notice.file}</code> — {userPages.notice.problem}
          </div>
        )}
        <PageNav pages={pagesCfg!.pages} pageId={pageId!} onPage={(p) => go({ page: p })} />
        {wall.active ? (
          <WallStage
            pages={pagesCfg!.pages}
            tiles={wall.profile?.tiles ?? 1}
            salt={`${lang}|${userPages.gen}|${wall.profile?.id ?? 'fit'}|${wall.dpr}`}
            shown={stageShown!}
            preload={run.preload}
            onPreloaded={onPreloaded}
            onShown={run.onStageShown}
            fade={wall.fade}
          />
        ) : (
          <PageView key={`${pageId}|${cityId}|${lang}|${userPages.gen}`} page={page!} decor={brief.pageLayout} />
        )}
        {hover && !prov && <ProvenanceHover fig={hover.fig} anchor={hover.anchor} />}
        {prov && <ProvenanceDialog fig={prov} onClose={closeProv} />}
        {dialog?.kind === 'settings' && (
          <LiveSourcesDialog store={feedsStore} data={data} lang={lang} allowedOrigins={allowedOrigins} onClose={closeDialog} onImport={() => openImport(null)} />
        )}
        {dialog?.kind === 'import' && <ImportDialog data={data} lang={lang} initialFile={dialog.file} onClose={closeDialog} />}
        {brief.layer}
      </div>
      </WallFrame>
    </CockpitContext.Provider>
  );
}
