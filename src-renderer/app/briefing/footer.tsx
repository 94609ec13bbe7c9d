/**
 * The footer of exported pages: what the page shows (city, page, data as-of) and where it comes from
 * (the documents, feeds and imports behind its figures), worked out from the page's panels and the
 * figures actually drawn, and worded by src-core/briefing/footer.ts.
 */
import { useEffect, useState } from 'react';
import { footerText, type FooterSource, type FooterText } from '../../../src-core/briefing/footer';
import type { PageSpec } from '../../../src-core/pages/config';
import type { Observation } from '../../../src-core/model';
import { cityName, type Cockpit } from '../context';
import { strings } from '../../i18n';

/** Panel kinds that draw every city's figures, not only the current city's. */
const CROSS_CITY = new Set(['compare', 'benchmark-table']);

function indicatorIdsIn(value: unknown, known: Map<string, unknown>, out: Set<string>) {
  if (typeof value === 'string') {
    if (known.has(value)) out.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => indicatorIdsIn(v, known, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => indicatorIdsIn(v, known, out));
}

export interface PageProvenance {
  asOf: string | null;
  sources: FooterSource[];
  simulated: boolean;
}

/** The observations behind a drawn page: its panels' indicators (for the city, or every city for cross-city panels) and every figure in the DOM. */
export async function pageProvenance(c: Cockpit, page: PageSpec, root: ParentNode): Promise<PageProvenance> {
  const all = await c.data.observations({});
  const byId = new Map(all.map((o) => [o.id, o]));
  const mine = new Set<string>();
  const everyCity = new Set<string>();
  for (const p of page.panels) indicatorIdsIn(p.options, c.indicators, CROSS_CITY.has(p.kind) ? everyCity : mine);
  const picked = new Map<string, Observation>();
  for (const o of all) {
    if (o.countyAdcode) continue;
    if ((o.cityId === c.city.id && mine.has(o.indicatorId)) || everyCity.has(o.indicatorId)) picked.set(o.id, o);
  }
  root.querySelectorAll('[data-obs]').forEach((el) => {
    for (const id of (el.getAttribute('data-obs') ?? '').split(/\s+/)) {
      const o = byId.get(id);
      if (o) picked.set(o.id, o);
    }
  });
  const docIds = new Set<string>();
  root.querySelectorAll('[data-doc]').forEach((el) => docIds.add(el.getAttribute('data-doc') ?? ''));
  const feeds = new Set<string>();
  let asOf: string | null = null;
  let simulated = false;
  for (const o of picked.values()) {
    if (o.docId) docIds.add(o.docId);
    if (o.source !== 'bundled') feeds.add(o.source);
    if (o.cityId === c.city.id && (!asOf || o.asOf > asOf)) asOf = o.asOf;
    if (o.flags.includes('simulated')) simulated = true;
  }
  const docs = [...docIds].map((id) => c.docs.get(id)).filter((d) => !!d).sort((a, b) => b.published.localeCompare(a.published) || a.titleZh.localeCompare(b.titleZh));
  // the current city's documents first: they carry the page's own figures
  docs.sort((a, b) => Number(b.cityId === c.city.id) - Number(a.cityId === c.city.id));
  const sources: FooterSource[] = [
    ...docs.map((d) => ({ title: d.titleZh, publisher: d.publisherZh, published: d.published })),
    ...[...feeds].sort().map((f) => ({ title: f, feed: true })),
  ];
  return { asOf, sources, simulated };
}

export function makeFooter(c: Cockpit, page: PageSpec, p: PageProvenance, story?: { title: string; step: number; total: number }, exportedAt = new Date()): FooterText {
  return footerText({
    lang: c.lang,
    city: cityName(c.city, c.lang),
    page: page.title[c.lang],
    asOf: p.asOf,
    sources: p.sources,
    simulated: p.simulated,
    story,
    exportedAt,
    appTitle: strings[c.lang].appTitle,
  });
}

/** Footer text for a page once it has drawn (`ready`), or null until then. */
export function usePageFooter(c: Cockpit, page: PageSpec, root: () => ParentNode | null, ready: boolean, story?: { title: string; step: number; total: number }): FooterText | null {
  const [text, setText] = useState<FooterText | null>(null);
  const storyKey = story ? `${story.title}|${story.step}|${story.total}` : '';
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const el = root();
    if (!el) return;
    pageProvenance(c, page, el).then(
      (p) => live && setText(makeFooter(c, page, p, story)),
      (e: Error) => live && setText({ where: makeFooter(c, page, { asOf: null, sources: [], simulated: false }, story).where, sources: `⚠ ${e.message}`, meta: '' }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c, page, ready, storyKey]);
  return text;
}

export function FooterBlock({ text }: { text: FooterText | null }) {
  return (
    <footer className="export-footer" data-testid="export-footer" data-footer-ready={text ? 'true' : 'false'}>
      {text && (
        <>
          <div className="ef-where">{text.where}</div>
          <div className="ef-sources">{text.sources}</div>
          <div className="ef-meta">{text.meta}</div>
        </>
      )}
    </footer>
  );
}

/** Follows <html data-ready> (set by the page view when every panel has drawn). */
export function useDocumentReady(): boolean {
  const [ready, setReady] = useState(() => document.documentElement.dataset.ready === 'true');
  useEffect(() => {
    const root = document.documentElement;
    const mo = new MutationObserver(() => setReady(root.dataset.ready === 'true'));
    mo.observe(root, { attributes: true, attributeFilter: ['data-ready'] });
    setReady(root.dataset.ready === 'true');
    return () => mo.disconnect();
  }, []);
  return ready;
}
