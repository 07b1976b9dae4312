/**
 * Contact links, the content of a Tessera QR code. The link is an https URL on the server's own
 * origin (`<origin>/u/<handle>`), which the app routes to the person's profile, so any phone camera
 * that scans it opens the app too. `tessera:user/<handle>` is read as well, for links made by
 * clients that do not know the server's address.
 */
export function contactLink(origin: string, handle: string): string {
  return `${origin}/u/${encodeURIComponent(handle)}`;
}

/** What a scanned code holds, as the scanner treats it. */
export type ScannedContent = { kind: 'contact'; handle: string } | { kind: 'url'; url: string } | { kind: 'text'; text: string };

const schemeLink = /^tessera:user\/([^/?#\s]+)$/i;
const linkPath = /^\/u\/([^/]+)\/?$/;

/** Sorts scanned text into a contact on this server, another web address, or plain text. */
export function readScanned(text: string, origin: string): ScannedContent {
  const trimmed = text.trim();
  const scheme = schemeLink.exec(trimmed);
  if (scheme) return { kind: 'contact', handle: decodeURIComponent(scheme[1]!) };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { kind: 'text', text };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'text', text };
  const path = linkPath.exec(url.pathname);
  // Only this server's links are contacts: a handle means nothing on another server.
  if (path && url.origin === origin) return { kind: 'contact', handle: decodeURIComponent(path[1]!) };
  return { kind: 'url', url: url.href };
}
