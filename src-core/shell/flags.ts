/**
 * A small, strict command-line flag reader shared by both shells. Accepts `--name value` and
 * `--name=value`; boolean flags take no value (or `=true` / `=false`); repeatable flags collect all
 * values. Unknown flags and stray arguments are errors naming the offending flag, unless `ignore`
 * says the flag belongs to someone else (e.g. Chromium switches in Electron's argv).
 */

export type FlagKind = 'string' | 'boolean' | 'repeat';
export type FlagSpec = Readonly<Record<string, FlagKind>>;

export type FlagValues = Map<string, string | boolean | string[]>;

export class FlagError extends Error {
  constructor(public readonly flag: string, message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

export interface ReadFlagsOptions {
  /** flags (name without dashes) to skip silently, with an inline `=value` if any */
  ignore?: (name: string) => boolean;
}

export function readFlags(argv: readonly string[], spec: FlagSpec, opts: ReadFlagsOptions = {}): FlagValues {
  const out: FlagValues = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      throw new FlagError(arg, `unexpected argument "${arg}" (flags look like --name value)`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const kind = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!kind) {
      if (opts.ignore?.(name)) continue;
      const known = Object.keys(spec).map((k) => `--${k}`).join(', ');
      throw new FlagError(`--${name}`, `unknown flag --${name} (known flags: ${known})`);
    }
    if (kind === 'boolean') {
      if (inline === undefined || inline === 'true') out.set(name, true);
      else if (inline === 'false') out.set(name, false);
      else throw new FlagError(`--${name}`, `--${name} takes no value (got "${inline}")`);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new FlagError(`--${name}`, `--${name} needs a value`);
      value = next;
      i++;
    }
    if (kind === 'repeat') {
      const prev = out.get(name);
      out.set(name, [...(Array.isArray(prev) ? prev : []), value]);
    } else {
      if (out.has(name)) throw new FlagError(`--${name}`, `--${name} given more than once`);
      out.set(name, value);
    }
  }
  return out;
}
