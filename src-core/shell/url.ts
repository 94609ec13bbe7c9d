/**
 * src-core compiles without DOM or Node types, but every runtime it runs in (browsers, workers,
 * Node, Electron) has the WHATWG URL class. This gives core code a typed handle on it without
 * declaring a global (which would clash with lib.dom in the renderer).
 */
export interface ParsedUrl {
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
}

type UrlConstructor = new (input: string, base?: string) => ParsedUrl;

const Ctor = (globalThis as unknown as { URL: UrlConstructor }).URL;

/** Parse an absolute URL; undefined when it does not parse. */
export function parseUrl(input: string, base?: string): ParsedUrl | undefined {
  if (typeof input !== 'string') return undefined;
  try {
    return new Ctor(input, base);
  } catch {
    return undefined;
  }
}
