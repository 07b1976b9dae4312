/**
 * The simulator's request map: a developer points a production origin a program names in its
 * code (`https://api.example.com`) at another origin (`http://127.0.0.1:4000`, a local backend
 * or fixture) without editing the program. The dev server relays mapped requests itself, so the
 * target needs no CORS headers, as WeChat's network layer needs none.
 */

/** One mapped origin: requests to `from` are sent to `to`, path and query kept. */
export interface RequestMapEntry {
  from: string;
  to: string;
}

/** A map entry that cannot be used, with where it came from. */
export class RequestMapError extends Error {
  readonly code = 'bad_request_map';

  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
  }

  format(): string {
    return `${this.source} error[${this.code}]: ${this.message}`;
  }
}

/** Path prefix the simulator sends mapped requests to: `/__tessera/relay/<index>/<path>`. */
export const RELAY_PREFIX = '/__tessera/relay/';

/**
 * Reads entries from one source: an object `{ "https://a.example": "http://127.0.0.1:4000" }`
 * (project config files) or a string `https://a.example=http://127.0.0.1:4000,…` (the
 * `TESSERA_DEV_REQUEST_MAP` environment variable). Both sides must be bare http(s) origins.
 */
export function parseRequestMap(value: unknown, source: string): RequestMapEntry[] {
  if (value === undefined || value === null || value === '') return [];
  let pairs: Array<[string, unknown]>;
  if (typeof value === 'string') {
    pairs = value.split(',').filter((part) => part.trim()).map((part) => {
      const at = part.indexOf('=');
      if (at < 0) throw new RequestMapError(source, `"${part.trim()}" should be <origin>=<origin>`);
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    pairs = Object.entries(value as Record<string, unknown>);
  } else {
    throw new RequestMapError(source, 'requestMap should be an object of origin to origin');
  }
  return pairs.map(([from, to]) => ({ from: origin(from, source), to: origin(to, source) }));
}

/** Later sources win for the same `from` origin (environment over private config over project config). */
export function mergeRequestMaps(...maps: RequestMapEntry[][]): RequestMapEntry[] {
  const merged = new Map<string, string>();
  for (const map of maps) for (const entry of map) merged.set(entry.from, entry.to);
  return [...merged].map(([from, to]) => ({ from, to }));
}

/** The relay URL (on the dev server) for a URL whose origin is mapped, or undefined. */
export function relayUrl(url: string, fromOrigins: readonly string[], base: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const index = fromOrigins.indexOf(parsed.origin);
  if (index < 0) return undefined;
  return new URL(`${RELAY_PREFIX}${index}${parsed.pathname}${parsed.search}`, base).href;
}

function origin(value: unknown, source: string): string {
  if (typeof value !== 'string') throw new RequestMapError(source, `${JSON.stringify(value)} is not an origin`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new RequestMapError(source, `"${value}" is not an origin (write it as https://host or http://host:port)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new RequestMapError(source, `"${value}": only http and https origins can be mapped`);
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new RequestMapError(source, `"${value}" must be an origin only, without path, query or credentials`);
  }
  return parsed.origin;
}
