/** Which URLs a mini program may reach through the host. */
export interface NetworkPolicy {
  /** Allowlisted hosts, e.g. `api.example.com` or `api.example.com:8443`. */
  domains: string[];
  /** The developer simulator also allows plain http and ws (never the web app). */
  allowInsecure: boolean;
  /** The simulator's "do not check domains" switch. */
  skipDomainCheck: boolean;
  /** Origins `<web-view>` may show (WeChat's "business domains"), e.g. `https://shop.example.com`. */
  webViewOrigins?: string[];
}

/** WeChat's limits: 60 s default timeout, at most 10 requests at a time. */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const MAX_CONCURRENT_REQUESTS = 10;

/** Returns why a URL is refused, or undefined when it may be fetched. */
export function refuseUrl(url: string, policy: NetworkPolicy, kind: 'http' | 'socket' = 'http'): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid url';
  }
  const secure = kind === 'http' ? 'https:' : 'wss:';
  const insecure = kind === 'http' ? 'http:' : 'ws:';
  if (parsed.protocol !== secure && !(policy.allowInsecure && parsed.protocol === insecure)) return `url not in domain list: ${parsed.protocol} is not allowed`;
  if (policy.skipDomainCheck) return undefined;
  const allowed = policy.domains.some((domain) => domain === parsed.host || domain === parsed.hostname);
  return allowed ? undefined : `url not in domain list: ${parsed.host}`;
}
