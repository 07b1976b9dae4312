/** A fresh client message id: the key that makes a resend of the same message idempotent. */
export function newClientMsgId(): string {
  return crypto.randomUUID();
}

/** A short name for this browser, shown in the user's device list. */
export function deviceName(): string {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'Browser';
  const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent) ? 'macOS' : /Windows/.test(agent) ? 'Windows' : /Linux/.test(agent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}

/**
 * A fresh idempotency key for one money-moving confirmation. Made once when the user confirms;
 * retrying that same confirmation sends it again so the server moves the money at most once.
 */
export function newIdempotencyKey(): string {
  return `pay:${crypto.randomUUID()}`;
}
