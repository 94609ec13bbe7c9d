/**
 * How V8 compiles the cockpit's JavaScript on a wall that runs for weeks.
 *
 * By default V8 keeps compiling: as functions get hot over hundreds of page switches it adds optimised
 * machine code (Maglev, then TurboFan) for more and more of them, and the JS heap grows by that code
 * (measured: +30 % from cycle 10 to 1000 of the soak bench, all of it compiled code, still growing slowly
 * at 3000 cycles). "steady" compiles every function once, with V8's baseline compiler (Sparkplug), the
 * first time it runs, and never tiers up: the heap is flat from the first minutes (soak bench: −0.0 %
 * from cycle 10 to 1000) and no compiler threads compete with drawing. The cost is peak JavaScript speed,
 * which a wall mostly does not need (drawing is raster- and GPU-bound; `npm run bench -- transition`
 * measures both modes). "full" is V8's default.
 *
 * Electron: `--jit steady|full`; a kiosk launch defaults to steady, any other to full. The browser
 * shell cannot set V8 flags for the browser it is opened in: `npm run serve -- --kiosk` prints the
 * Chromium command line with them.
 */
export const JIT_MODES = ['steady', 'full'] as const;
export type JitMode = (typeof JIT_MODES)[number];

/** V8 flags per mode (Chromium's --js-flags, for the renderer and its workers). */
export const JIT_JS_FLAGS: Readonly<Record<JitMode, readonly string[]>> = {
  steady: ['--max-opt=1', '--always-sparkplug'],
  full: [],
};

export function isJitMode(v: string): v is JitMode {
  return (JIT_MODES as readonly string[]).includes(v);
}

/** The mode a launch runs in: the one asked for, else steady for an unattended (kiosk) wall, full otherwise. */
export function jitModeFor(opts: { kiosk: boolean; jit?: JitMode }): JitMode {
  return opts.jit ?? (opts.kiosk ? 'steady' : 'full');
}

/** Chromium's --js-flags value for a mode, or null when V8's defaults apply. */
export function jsFlagsFor(mode: JitMode): string | null {
  const flags = JIT_JS_FLAGS[mode];
  return flags.length ? flags.join(' ') : null;
}
