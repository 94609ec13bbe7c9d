/**
 * The one ECharts wrapper every chart panel uses. Tree-shaken ECharts core, canvas renderer at the
 * device pixel ratio, resize on container change, in-place updates (setOption merges: no remount, no
 * flash on refresh), first 'rendered' frame → onReady, the bundled CJK font loaded before the first draw.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, LegendComponent, GraphicComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';
import { floorFontSizes } from '../../../src-core/wall/text';
import { textFloorPx } from '../../app/wall/textFloor';

echarts.use([BarChart, GaugeChart, LineChart, PieChart, ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, LegendComponent, GraphicComponent, CanvasRenderer, SVGRenderer]);

/** The print view draws charts as SVG (vector, selectable text in the PDF); the PNG export at 1 device pixel per CSS pixel. */
function renderOptions(): { renderer: 'svg' | 'canvas'; devicePixelRatio: number } {
  const query = new URLSearchParams(location.search);
  return { renderer: query.has('print') ? 'svg' : 'canvas', devicePixelRatio: query.get('export') === 'png' ? 1 : window.devicePixelRatio };
}

/** The (series, data) points of a chart in drawing order, for stepping through them with the keyboard. */
function chartPoints(c: echarts.ECharts): { seriesIndex: number; dataIndex: number }[] {
  const series = ((c.getOption() as { series?: { data?: unknown[] }[] }).series ?? []);
  const out: { seriesIndex: number; dataIndex: number }[] = [];
  series.forEach((s, seriesIndex) => (s.data ?? []).forEach((d, dataIndex) => d !== null && d !== undefined && out.push({ seriesIndex, dataIndex })));
  return out;
}

export const FONT_FAMILY = '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Load the font faces (unicode-range subsets) the chart's text needs, so canvas text is drawn in the right font. */
async function loadFontsFor(option: EChartsCoreOption): Promise<void> {
  if (!document.fonts) return;
  const text = JSON.stringify(option).replace(/[\x00-\x7f]/g, '') + '0123456789.%';
  try {
    await document.fonts.load(`400 16px "Noto Sans SC"`, text);
  } catch {
    /* fall back to system fonts */
  }
}

/**
 * Charts mounted in the same commit are measured in one layout pass and then created with explicit sizes:
 * reading a container's size right after another chart inserted its canvas would force a fresh layout of
 * the whole page for every chart.
 */
const pendingInits: { node: HTMLElement; create: (width: number, height: number) => void }[] = [];
function queueInit(node: HTMLElement, create: (width: number, height: number) => void) {
  if (!pendingInits.length) {
    queueMicrotask(() => {
      const batch = pendingInits.splice(0);
      const sizes = batch.map((b) => [b.node.clientWidth, b.node.clientHeight] as const);
      batch.forEach((b, i) => b.create(sizes[i]![0], sizes[i]![1]));
    });
  }
  pendingInits.push({ node, create });
}

/**
 * Chart draws (setOption) run one after another, yielding to the browser whenever ~12 ms have gone: a page
 * of charts prepared off screen (a wall switching pages) then costs a few short tasks between frames
 * instead of one long one that stalls the frame on screen.
 */
const draws: (() => void)[] = [];
let draining = false;
const DRAW_SLICE_MS = 12;
function drain() {
  const t0 = performance.now();
  while (draws.length) {
    draws.shift()!();
    if (draws.length && performance.now() - t0 > DRAW_SLICE_MS) {
      setTimeout(drain, 0);
      return;
    }
  }
  draining = false;
}
function scheduleDraw(draw: () => void) {
  draws.push(draw);
  if (!draining) {
    draining = true;
    queueMicrotask(drain);
  }
}

export function EChart({ option, onReady, onClick, ariaLabel }: {
  option: EChartsCoreOption;
  onReady?: () => void;
  onClick?: (e: ECElementEvent) => void;
  ariaLabel: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<Promise<echarts.ECharts | null> | null>(null);
  /** the created chart, for the keyboard handlers (null until the batched init ran) */
  const inst = useRef<echarts.ECharts | null>(null);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = el.current!;
    let live = true;
    let c: echarts.ECharts | null = null;
    let ro: ResizeObserver | null = null;
    chart.current = new Promise((resolve) => {
      queueInit(node, (width, height) => {
        if (!live) return resolve(null);
        c = echarts.init(node, undefined, { ...renderOptions(), width, height });
        inst.current = c;
        const chartRef = c;
        chartRef.on('click', (e) => clickRef.current?.(e as ECElementEvent));
        // ResizeObserver reports the initial size too; only a real change needs a re-layout.
        let size = `${width}x${height}`;
        ro = new ResizeObserver(() => {
          const w = node.clientWidth;
          const h = node.clientHeight;
          if (`${w}x${h}` === size) return;
          size = `${w}x${h}`;
          chartRef.resize({ width: w, height: h });
        });
        ro.observe(node);
        resolve(chartRef);
      });
    });
    return () => {
      inst.current = null;
      live = false;
      ro?.disconnect();
      c?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    let live = true;
    const pending = chart.current!;
    Promise.all([pending, loadFontsFor(option)]).then(([c]) => {
      if (!live || !c || c.isDisposed()) return;
      // Initial draws are not animated, so the first 'rendered' frame after setOption is the finished
      // chart; waiting for 'finished' would also wait for hover/label bookkeeping frames.
      c.off('rendered');
      c.on('rendered', () => {
        c.off('rendered');
        readyRef.current?.();
      });
      // on a wall profile, no canvas text below the profile's minimum size (src-core/wall/text.ts)
      const floor = textFloorPx();
      const full = { textStyle: { fontFamily: FONT_FAMILY, ...(floor > 0 && { fontSize: Math.max(12, floor) }) }, animationDuration: 0, animationDurationUpdate: 600, ...option };
      const floored = floor > 0 ? floorFontSizes(full, floor) : null;
      if (floored && el.current) el.current.dataset.minFont = String(floored.smallest);
      scheduleDraw(() => {
        if (!live || c.isDisposed()) return;
        c.setOption(floored ? floored.option : full);
        // how often this chart was given an option: automation checks that nothing redraws a chart whose data
        // did not change (a page switch on a wall, the first render settling)
        if (el.current) el.current.dataset.draws = String(Number(el.current.dataset.draws ?? 0) + 1);
      });
    });
    return () => {
      live = false;
    };
  }, [option]);

  // Keyboard: Tab to the chart, ←/→ step through its points with the tooltip, Enter opens the point
  // (the same drill-down a click does), Esc hides the tooltip.
  const pos = useRef(-1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const c = inst.current;
    if (!c || e.altKey || e.ctrlKey || e.metaKey) return;
    const points = chartPoints(c);
    if (!points.length) return;
    const show = (i: number) => {
      const prev = points[pos.current];
      if (prev) c.dispatchAction({ type: 'downplay', ...prev });
      pos.current = i;
      c.dispatchAction({ type: 'highlight', ...points[i]! });
      c.dispatchAction({ type: 'showTip', ...points[i]! });
    };
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') show(pos.current < 0 ? 0 : (pos.current + 1) % points.length);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') show(pos.current <= 0 ? points.length - 1 : pos.current - 1);
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(points.length - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && pos.current >= 0) clickRef.current?.(points[pos.current] as unknown as ECElementEvent);
    else if (e.key === 'Escape' && pos.current >= 0) {
      c.dispatchAction({ type: 'hideTip' });
      c.dispatchAction({ type: 'downplay', ...points[pos.current]! });
      pos.current = -1;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onBlur = () => {
    const c = inst.current;
    if (c && !c.isDisposed() && pos.current >= 0) {
      c.dispatchAction({ type: 'hideTip' });
      pos.current = -1;
    }
  };

  return <div ref={el} className="echart" role="img" aria-label={ariaLabel} tabIndex={0} onKeyDown={onKeyDown} onBlur={onBlur} data-keys="chart" />;
}

/** Shared palette and axis styling for the dark cockpit theme. */
export const theme = {
  text: '#cfe3ff',
  muted: '#7f97b8',
  grid: 'rgba(120,160,220,0.15)',
  accent: '#2fd3ff',
  accent2: '#3b7bff',
  warn: '#ffb020',
  danger: '#ff4d5e',
  ok: '#22d39a',
  sim: '#b58cff',
  fontSize: () => Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.8),
};

export function tooltipBase() {
  return {
    trigger: 'item' as const,
    confine: true,
    backgroundColor: 'rgba(6,18,40,0.95)',
    borderColor: theme.accent2,
    textStyle: { color: theme.text, fontSize: theme.fontSize(), fontFamily: FONT_FAMILY },
    extraCssText: 'max-width:28rem;white-space:normal;',
  };
}
