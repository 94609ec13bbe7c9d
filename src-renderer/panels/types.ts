import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { PanelSpec } from '../../src-core/pages/config';

export interface PanelProps<O> {
  spec: PanelSpec;
  options: O;
  /** call once the panel has drawn (charts: after ECharts' first 'finished') */
  onReady: () => void;
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
