/**
 * Boundary files from the app's own bundle: Vite emits every assets/geo/<adcode>.json as a hashed asset
 * (never inlined as data: — the CSP's connect-src is 'self'), and the panel fetches the current city's file.
 * A bureau configuring another city runs `tsx scripts/extract-geo.ts --city ADCODE` and rebuilds: no code change.
 */
import type { CityGeo } from '../../../src-core/geo/asset';

const FILES = import.meta.glob('../../../assets/geo/[0-9][0-9][0-9][0-9][0-9][0-9].json', { query: '?url&no-inline', import: 'default', eager: true }) as Record<string, string>;

const byAdcode = new Map(Object.entries(FILES).map(([p, url]) => [p.slice(-11, -5), url]));

export function geoAvailable(adcode: string): boolean {
  return byAdcode.has(adcode);
}

const cache = new Map<string, Promise<CityGeo>>();

export function loadCityGeo(adcode: string): Promise<CityGeo> {
  let p = cache.get(adcode);
  if (!p) {
    const url = byAdcode.get(adcode);
    if (!url) return Promise.reject(new Error(`no boundary file for ${adcode} (run tsx scripts/extract-geo.ts --city ${adcode})`));
    p = fetch(new URL(url, document.baseURI)).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json() as Promise<CityGeo>;
    });
    p.catch(() => cache.delete(adcode));
    cache.set(adcode, p);
  }
  return p;
}

/**
 * A page about to open has a map: fetch the city's boundaries while the database opens, so the map's
 * poster (poster.ts) can draw with the other panels. The map engine (MapLibre + deck.gl, a lazy chunk) is
 * not fetched here: the panel loads it once the page has drawn, so it never competes with the first render.
 */
export function prefetchMap(adcode?: Promise<string | undefined>): void {
  void adcode?.then((a) => (a && byAdcode.has(a) ? loadCityGeo(a) : undefined)).catch(() => undefined);
}
