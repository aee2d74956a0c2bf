// What a mail's HTML would fetch from elsewhere, found on the raw HTML before anything renders it. Used for the
// reader's "remote content blocked" bar (which hosts), not for enforcement: the renderer's sanitiser and the mail
// document's Content-Security-Policy are what keep requests from leaving (docs/reader.md). So this errs on the side
// of listing too much: every absolute URL in a resource position (not the target of a link the user may click).

/** Attributes whose URL the browser fetches by itself (HTTPLeaks' list, cure53/HTTPLeaks leak.html). */
const RESOURCE_ATTRS = new Set([
  'src',
  'srcset',
  'lowsrc',
  'dynsrc',
  'background',
  'poster',
  'data',
  'codebase',
  'archive',
  'code',
  'action',
  'formaction',
  'icon',
  'manifest',
  'ping',
  'profile',
  'longdesc',
  'usemap',
  'cite',
  'imagesrcset',
  'xlink:href',
  'href', // <link href>, <image href>, <use href>, <base href>... but not <a>/<area> (see below)
  'content', // <meta http-equiv="refresh" content="0;url=...">
]);
/** Elements whose href is a link the user follows, not a fetch. */
const LINK_TAGS = new Set(['a', 'area']);

const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;
const CSS_IMPORT = /@import\s+(?:"([^"]*)"|'([^']*)')/gi;
const ABSOLUTE = /(?:https?:)?\/\/[^\s"'<>)\\,]+/gi;

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number.parseInt(d, 10) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&sol;/gi, '/')
    .replace(/&quot;/gi, '"')
    .replace(/&apos;/gi, "'")
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&amp;/gi, '&');
}

function hostOf(url: string): string | null {
  const u = url.trim();
  try {
    const parsed = new URL(u.startsWith('//') ? `https:${u}` : u);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname || null;
  } catch {
    return null;
  }
}

function urlsIn(value: string, out: Set<string>): void {
  for (const m of value.matchAll(ABSOLUTE)) {
    const host = hostOf(m[0]);
    if (host) out.add(host);
  }
}

function cssUrls(css: string, out: Set<string>): void {
  for (const m of css.matchAll(CSS_URL)) {
    const host = hostOf(m[1] ?? m[2] ?? m[3] ?? '');
    if (host) out.add(host);
  }
  for (const m of css.matchAll(CSS_IMPORT)) {
    const host = hostOf(m[1] ?? m[2] ?? '');
    if (host) out.add(host);
  }
  // image-set("https://…" 1x) takes plain strings as URLs.
  for (const m of css.matchAll(/image-set\(([^)]*)\)/gi)) urlsIn(m[1] ?? '', out);
}

/** Host names (punycode, lower case, sorted) that the HTML would fetch from if nothing stopped it. At most `max`. */
export function remoteHosts(html: string, max = 50): string[] {
  const hosts = new Set<string>();
  for (const tag of html.matchAll(TAG)) {
    const name = (tag[1] ?? '').toLowerCase();
    for (const attr of (tag[2] ?? '').matchAll(ATTR)) {
      const key = (attr[1] ?? '').toLowerCase();
      const value = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
      if (key === 'style') cssUrls(value, hosts);
      else if (RESOURCE_ATTRS.has(key) && !(key === 'href' && LINK_TAGS.has(name))) urlsIn(value, hosts);
    }
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) cssUrls(m[1] ?? '', hosts);
  return [...hosts].sort().slice(0, max);
}

/** Normalises a Content-ID for lookup: without <>, percent-decoded (as in a cid: URL, RFC 2392), lower case. */
export function normalizeContentId(cid: string): string {
  let s = cid.trim().replace(/^</, '').replace(/>$/, '');
  try {
    s = decodeURIComponent(s);
  } catch {
    // A stray % is part of the id.
  }
  return s.toLowerCase();
}

/** The Content-IDs the HTML refers to with cid: URLs (RFC 2392), normalised. */
export function cidReferences(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/cid:([^\s"'<>)\\]+)/gi)) out.add(normalizeContentId(m[1] ?? ''));
  out.delete('');
  return [...out];
}
