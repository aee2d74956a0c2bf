// What the reader tells the user about a link before opening it (docs/reader.md "Links"): the real target, its host
// as the network sees it (punycode, so a look-alike "vnexpress.net" in Cyrillic shows as xn--…), and whether the text
// of the link names a different site than the one it leads to (the classic phishing link). Pure: tested in Node.

export interface LinkInfo {
  /** The URL that would be opened. */
  url: string;
  kind: 'web' | 'mail';
  /** Host (web) or address (mail) as the network sees it: punycode, lower case. */
  host: string;
  /** Set when the link's text names another host than `host` (the text looks like a URL or domain). */
  shownHost: string | null;
  /** The address is not https (the page can be read or changed on the way). */
  insecure: boolean;
}

const DOMAIN_IN_TEXT = /(?:https?:\/\/)?((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,})(?=[/:?#\s]|$)/iu;

function bareHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

function punycodeHost(host: string): string | null {
  try {
    return new URL(`https://${host}/`).hostname;
  } catch {
    return null;
  }
}

/** Describes a link the user clicked; null if it is not one the app would open (not http(s) or mailto). */
export function describeLink(href: string, text: string): LinkInfo | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.protocol === 'mailto:') {
    const address = decodeURIComponent(u.pathname).toLowerCase();
    return { url: u.href, kind: 'mail', host: address, shownHost: null, insecure: false };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!u.hostname) return null;
  let shownHost: string | null = null;
  const m = DOMAIN_IN_TEXT.exec(text.trim());
  if (m?.[1]) {
    const shown = punycodeHost(m[1]);
    if (shown && bareHost(shown) !== bareHost(u.hostname)) shownHost = shown;
  }
  return { url: u.href, kind: 'web', host: u.hostname, shownHost, insecure: u.protocol === 'http:' };
}
