import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { PanelSpec } from '../../src-core/pages/config';

export interface PanelProps<O> {
  spec: PanelSpec;
  options: O;
  /** call once the panel has drawn (charts: after ECharts' first 'finished') */
  onReady: () => void;
  /** notes pinned to locations inside the panel (map panels draw them; others ignore them) */
  pins?: readonly LocationPin[];
  /** set while a note's location is being chosen: the panel reports the place the user picks */
  onPickLocation?: (at: { lng: number; lat: number }) => void;
}

/** A briefing note pinned to a map location: its number (as listed on the panel), place and text. */
export interface LocationPin {
  id: string;
  n: number;
  lng: number;
  lat: number;
  text: string;
}

/** A panel kind: one folder under panels/, one line in registry.ts. */
export interface PanelKind<O = unknown> {
  kind: string;
  options: z.ZodType<O>;
  component: ComponentType<PanelProps<O>>;
}

export function definePanel<O>(p: PanelKind<O>): PanelKind<O> {
  return p;
}
