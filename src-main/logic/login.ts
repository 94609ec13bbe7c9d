/**
 * `--start-at-login` (and `--start-at-login=false`): start the cockpit when the wall PC's user logs in,
 * with the same flags it was started with this time (minus this flag). Windows and macOS through
 * Electron's app.setLoginItemSettings; Linux through an XDG autostart entry
 * (~/.config/autostart/city-brain-cockpit.desktop), which Electron does not support itself. Pure:
 * main.ts applies the plan.
 */
export const AUTOSTART_FILE = 'city-brain-cockpit.desktop';

export type LoginPlan =
  | { kind: 'none' }
  | { kind: 'electron'; settings: { openAtLogin: boolean; path?: string; args?: string[] }; notes: string[] }
  | { kind: 'xdg'; file: string; content: string | null; notes: string[] };

/** The user's flags without --start-at-login (in any of its forms). */
export function argsWithoutLoginFlag(args: readonly string[]): string[] {
  return args.filter((a) => a !== '--start-at-login' && !a.startsWith('--start-at-login='));
}

/** Quote one argument for a desktop entry's Exec key (XDG Desktop Entry spec, "The Exec key"). */
export function desktopExecQuote(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escaped) && escaped !== '') return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function loginPlan(opts: {
  platform: string;
  /** undefined: flag not given (leave the login item alone) */
  enable: boolean | undefined;
  exePath: string;
  args: readonly string[];
  /** the user's config folder (XDG_CONFIG_HOME or ~/.config), Linux only */
  configHome?: string;
  appName?: string;
}): LoginPlan {
  if (opts.enable === undefined) return { kind: 'none' };
  const args = argsWithoutLoginFlag(opts.args);
  if (opts.platform === 'linux') {
    const file = `${(opts.configHome ?? '~/.config').replace(/\/+$/, '')}/autostart/${AUTOSTART_FILE}`;
    if (!opts.enable) return { kind: 'xdg', file, content: null, notes: [`start at login: removing ${file}`] };
    const exec = [opts.exePath, ...args].map(desktopExecQuote).join(' ');
    const content = [
      '[Desktop Entry]',
      'Type=Application',
      `Name=${opts.appName ?? '城市大脑驾驶舱'}`,
      'Comment=City Brain cockpit wall (started at login)',
      `Exec=${exec}`,
      'X-GNOME-Autostart-enabled=true',
      'Terminal=false',
      '',
    ].join('\n');
    return { kind: 'xdg', file, content, notes: [`start at login: ${file} runs ${exec}`] };
  }
  if (opts.platform === 'win32') {
    return { kind: 'electron', settings: { openAtLogin: opts.enable, path: opts.exePath, args }, notes: [`start at login ${opts.enable ? 'on' : 'off'}${opts.enable ? ` with ${args.join(' ') || 'no flags'}` : ''}`] };
  }
  // macOS login items cannot carry arguments: the app starts with its defaults
  return {
    kind: 'electron',
    settings: { openAtLogin: opts.enable },
    notes: [`start at login ${opts.enable ? 'on' : 'off'}${opts.enable && args.length ? ' (macOS login items start the app without flags: put wall settings in the page configuration or the saved profile)' : ''}`],
  };
}
