/**
 * What the map draws, shared by the WebGL map (engine.ts, a lazy chunk) and its Canvas 2D poster
 * (poster.ts, in the panel's chunk): the input types, the colours and the font. One place, so the
 * poster and the map it stands in for cannot drift apart.
 */
import type { CityGeo } from '../../../src-core/geo/asset';
import type { Pos } from '../../../src-core/geo/geometry';

export const MAP_FONT = '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export interface LayerSwitches {
  boundaries: boolean;
  neighbours: boolean;
  labels: boolean;
  choropleth: boolean;
  facts: boolean;
  arcs: boolean;
  columns: boolean;
}

export interface CountyStyle { adcode: string; fill: string | null; simulated: boolean }
export interface FactMark { id: string; adcode: string; position: Pos; colour: string }
export interface Arc { id: string; from: Pos; to: Pos; width: number; simulated: boolean; kind: 'county' | 'dept' }
export interface Column { id: string; position: Pos; tier: 1 | 2 }
export interface PointLabel { id: string; position: Pos; text: string; kind: 'platform' | 'dept' | 'site' }

export interface MapInput {
  geo: CityGeo;
  counties: CountyStyle[];
  facts: FactMark[];
  arcs: Arc[];
  columns: Column[];
  points: PointLabel[];
  /** suffix under a county's name when its value is simulated (模拟) */
  simLabel: string;
  layers: LayerSwitches;
  /** synthetic points (bench only): a MapLibre circle layer, or deck.gl's ScatterplotLayer when benchPointsDeck */
  benchPoints: number;
  benchPointsDeck: boolean;
  pitch: number;
  /** draw deck.gl inside MapLibre's context (default) rather than on a canvas of its own */
  interleaved: boolean;
}

/** colour and alpha (0..255) */
export type Paint = readonly [string, number];

export const C = {
  bg: '#07101f',
  countyFill: '#12304f', // counties when the choropleth is off
  countyLine: '#5fd4ff',
  neighbourFill: '#0d1828',
  neighbourLine: '#35506f',
  neighbourText: '#6f86a6',
  text: '#e6f3ff',
  halo: '#04101e',
  select: '#ffd34d',
  sim: '#c9a8ff',
  arcFrom: (a: Arc): Paint => (a.kind === 'dept' ? ['#5dffb0', 230] : a.simulated ? ['#c9a8ff', 220] : ['#2fd3ff', 230]),
  arcTo: ['#ffd34d', 240] as Paint,
  column: (tier: 1 | 2) => (tier === 2 ? '#ff8a3d' : '#ffc46b'),
  columnAlpha: (tier: 1 | 2) => (tier === 2 ? 235 : 220),
  pointText: (kind: PointLabel['kind']) => (kind === 'platform' ? '#ffd34d' : kind === 'site' ? '#ffb46b' : '#9fe8c8'),
};

/** The point labels the map shows for these layers (engine.ts's 'points' source). */
export function pointLabels(input: MapInput): PointLabel[] {
  return input.points.filter((p) => (p.kind === 'site' ? input.layers.columns : p.kind === 'dept' ? input.layers.arcs : input.layers.arcs || input.layers.columns));
}

