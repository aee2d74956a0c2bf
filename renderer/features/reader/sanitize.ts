// Mail HTML → markup safe to put into the mail document (docs/reader.md "Three layers"). This is the first layer:
// DOMPurify with a mail profile. The second is the mail document's own CSP (no script, images from data: only unless
// the user allowed remote content); the third is the iframe sandbox (no script, no forms, no popups, no navigation of
// the app). Each would stop a script on its own; together they also stop every request: the sanitiser removes remote
// URLs before the document ever sees them, so a blocked message makes no request that the CSP would then refuse.
//
// DOMPurify parses in an inert document (DOMParser), and the result is a string that the reader writes into the mail
// document's <body>; it is never put into the app's own document. The reader runs it with the MAIL DOCUMENT's window
// (MailFrame.tsx), so even that inert parse happens under the mail document's policy, not the app's: Chromium checks
// a parsed document against its creator's CSP (style attributes, <base>, and it even tries to fetch <track src>), and
// the app's policy would allow a same-origin fetch. Before parsing, the few elements whose mere parsing has an effect
// (base URL, media fetch, script preparation) are renamed (`defuse`), so the parse does nothing at all.
import DOMPurify, { type Config, type WindowLike } from 'dompurify';
import { cleanCss } from './css.ts';
import { DEFUSE_DROP, defuse } from './defuse.ts';

export interface SanitizeOptions {
  /** The user allowed remote content (this message or this sender): keep http(s) images and CSS image URLs. */
  allowRemote: boolean;
  /** Inline parts: normalised Content-ID (lower case, no <>) → data: URL. */
  inline?: ReadonlyMap<string, string>;
}

export interface SanitizeResult {
  html: string;
  /** Remote resources held back (images, backgrounds, CSS images), 0 when remote content is allowed. */
  blocked: number;
  /** Hosts of remote resources, kept or held back (punycode, sorted). */
  remoteHosts: string[];
  /** Elements DOMPurify removed (script, forms, frames, …), for the log and the tests. */
  removed: number;
}

/** Schemes a link may have; everything else (javascript:, data:, file:, vbscript:, tel:, …) loses its href. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
/** Image data a mail may embed; not text/html or anything else dressed as an image. */
// Not SVG: an SVG document is more than a picture (it can reference other resources), and mail has no need of it.
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)[;,]/i;
const REMOTE = /^(?:https?:)?\/\//i;

// DOMPurify's default URI pattern without ftp:, tel:, sms:, xmpp:… (kept: http(s), mailto, cid, and values that are
// not URLs with a scheme, such as "100" or "left"). Relative URLs pass this test and are dropped in the hook below.
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

export const MAIL_PURIFY_CONFIG: Config = {
  // HTML only: no SVG or MathML (namespace confusion bypasses; <use>, <image>, feImage fetch by themselves).
  USE_PROFILES: { html: true },
  // Mail often starts with <style> in a <head>; FORCE_BODY keeps it (it would be dropped with the head otherwise).
  FORCE_BODY: true,
  WHOLE_DOCUMENT: false,
  ALLOWED_URI_REGEXP,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Removed with their content where they carry none worth keeping; forms lose their controls but keep their text.
  FORBID_TAGS: [
    'script',
    'noscript',
    'template',
    'base',
    'meta',
    'link',
    'title',
    'form',
    'input',
    'button',
    'select',
    'option',
    'optgroup',
    'datalist',
    'textarea',
    'keygen',
    'output',
    'progress',
    'meter',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'param',
    'portal',
    'fencedframe',
    'audio',
    'video',
    'source',
    'track',
    'picture',
    'map',
    'area',
    'image',
    'svg',
    'math',
    'dialog',
    'slot',
    'marquee',
    'blink',
    'bgsound',
  ],
  FORBID_ATTR: [
    'srcset',
    'sizes',
    'imagesrcset',
    'lowsrc',
    'dynsrc',
    'longdesc',
    'poster',
    'ping',
    'action',
    'formaction',
    'usemap',
    'download',
    'autofocus',
    'tabindex',
    'accesskey',
    'contenteditable',
    'draggable',
    'popover',
    'popovertarget',
    'popovertargetaction',
    'http-equiv',
    'integrity',
    'nonce',
    'is',
    'xmlns',
    'referrerpolicy',
    'loading',
    'crossorigin',
    'fetchpriority',
    'target',
    'rel',
  ],
  KEEP_CONTENT: true,
  // The renamed elements (defuse) go with everything inside them, like <script> and <template> would.
  ADD_FORBID_CONTENTS: DEFUSE_DROP.map((t) => `tcv-removed-${t}`),
};

function hostOf(url: string): string | null {
  try {
    return new URL(url.startsWith('//') ? `https:${url}` : url).hostname || null;
  } catch {
    return null;
  }
}

function cidKey(url: string): string {
  let s = url.slice(4).trim().replace(/^<|>$/g, '');
  try {
    s = decodeURIComponent(s);
  } catch {
    // a stray % is part of the id
  }
  return s.toLowerCase();
}

interface Run {
  opts: SanitizeOptions;
  blocked: number;
  hosts: Set<string>;
}

type Purifier = ReturnType<typeof DOMPurify>;
/** One DOMPurify per window (the app's for tests, the mail document's in the reader), with the hooks installed. */
const purifiers = new WeakMap<object, Purifier>();
let current: Run | null = null;

/** A style sheet or a style attribute, cleaned the one way: each remote URL's host noted, each one refused counted. */
function cleanRunCss(run: Run, css: string): string {
  return cleanCss(css, {
    allowRemote: run.opts.allowRemote,
    inline: run.opts.inline,
    onRemote: (url, kept) => {
      const host = hostOf(url);
      if (host) run.hosts.add(host);
      if (!kept) run.blocked++;
    },
  });
}

/** What an image URL (src, background) may become: kept, an inline part, or held back (null). */
function imageUrl(raw: string, run: Run): string | null {
  const url = raw.trim();
  if (/^cid:/i.test(url)) return run.opts.inline?.get(cidKey(url)) ?? null;
  if (DATA_IMAGE.test(url)) return url;
  if (REMOTE.test(url)) {
    const host = hostOf(url);
    if (host) run.hosts.add(host);
    if (run.opts.allowRemote) return url.startsWith('//') ? `https:${url}` : url;
    run.blocked++;
    return null;
  }
  return null;
}

function setup(win: Window): Purifier {
  // A window of this page or of a same-origin frame: both have the DOM constructors DOMPurify needs.
  const p = DOMPurify(win as unknown as WindowLike);
  p.addHook('uponSanitizeElement', (node, data) => {
    const run = current;
    if (!run) return;
    if (data.tagName === 'style' && node.textContent) {
      node.textContent = cleanRunCss(run, node.textContent);
    }
  });
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    const run = current;
    if (!run || data.attrName !== 'style') return;
    data.attrValue = cleanRunCss(run, data.attrValue);
  });
  p.addHook('afterSanitizeAttributes', (n) => {
    const run = current;
    // nodeType, not instanceof: the node belongs to the mail document's realm, whose Element is not this one.
    if (!run || n.nodeType !== 1) return;
    const node = n as Element;
    for (const attr of ['src', 'background']) {
      const value = node.getAttribute(attr);
      if (value === null) continue;
      const url = imageUrl(value, run);
      if (url === null) {
        node.removeAttribute(attr);
        // A held-back image keeps its box (width/height/alt), marked so the mail document can outline it.
        if (attr === 'src' && node.tagName === 'IMG') node.setAttribute('data-tcv-blocked', '');
      } else {
        node.setAttribute(attr, url);
      }
    }
    // href means something only on a link (<link>, <base>, <area> and SVG are gone): nowhere else may it stay.
    if (node.tagName !== 'A') node.removeAttribute('href');
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null) {
        const target = linkTarget(href);
        if (target === null) node.removeAttribute('href');
        else {
          // The real target, for the tooltip; the reader shows it again before opening (docs/reader.md "Links").
          node.setAttribute('href', target);
          if (!target.startsWith('#')) node.setAttribute('title', target);
          // Defence in depth behind the click handler: a sandbox without allow-popups refuses _blank outright,
          // so even an unhandled click cannot navigate anything.
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      }
    }
  });
  return p;
}

/** The URL a link may keep: absolute http(s) or mailto, or a #fragment inside the mail; null otherwise. */
export function linkTarget(href: string): string | null {
  const h = href.trim();
  if (h.startsWith('#')) return h.length > 1 ? h : null;
  let u: URL;
  try {
    u = new URL(h);
  } catch {
    // Relative URLs would point into the app itself.
    return null;
  }
  if (!LINK_SCHEMES.has(u.protocol)) return null;
  if (u.protocol !== 'mailto:' && !u.hostname) return null;
  if (u.username || u.password) return null;
  return u.href;
}

/**
 * Sanitises one mail body. Synchronous. `win`: the window whose DOM parses it (the reader passes the mail document's
 * window; see the top of this file).
 */
export function sanitizeMailHtml(html: string, opts: SanitizeOptions, win: Window = window): SanitizeResult {
  let purifier = purifiers.get(win);
  if (!purifier) {
    purifier = setup(win);
    purifiers.set(win, purifier);
  }
  const run: Run = { opts, blocked: 0, hosts: new Set() };
  current = run;
  try {
    const out = purifier.sanitize(defuse(html), {
      ...MAIL_PURIFY_CONFIG,
      RETURN_TRUSTED_TYPE: false,
    }) as unknown as string;
    return { html: out, blocked: run.blocked, remoteHosts: [...run.hosts].sort(), removed: purifier.removed.length };
  } finally {
    current = null;
  }
}
