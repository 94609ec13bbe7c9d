/**
 * The one list of panel kinds. Adding a kind = one folder under panels/ exporting definePanel(...)
 * plus one line here. The page configuration validator checks every panel's options against the
 * schema its kind declares.
 */
import type { OptionSchemas } from '../../src-core/pages/config';
import type { PanelKind } from './types';
import kpiGrid from './kpi-grid';
import bar from './bar';
import compare from './compare';
import series from './series';
import sources from './sources';
import notices from './notices';
import gauges from './gauges';
import donut from './donut';
import timeline from './timeline';
import statusFlow from './status-flow';
import pairs from './pairs';
import dictionary from './dictionary';
import benchmarkTable from './benchmark-table';
import map from './map';

export const panelKinds: PanelKind<any>[] = [kpiGrid, bar, compare, series, sources, notices, gauges, donut, timeline, statusFlow, pairs, dictionary, benchmarkTable, map]; // eslint-disable-line @typescript-eslint/no-explicit-any

export const panelRegistry = new Map(panelKinds.map((k) => [k.kind, k]));
export const optionSchemas: OptionSchemas = Object.fromEntries(panelKinds.map((k) => [k.kind, k.options]));
