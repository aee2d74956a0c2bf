// The renderer's Content Security Policy, declared once. main applies it as a response header (app:// protocol and
// session.webRequest), and electron.vite.config.ts writes the same policy into index.html as a <meta> tag, so the two
// can never drift apart. Electron security checklist item 7, "Define a Content Security Policy".
//
// Pure module (no electron, no Node built-ins): the Vite config, main and the tests all import it.

/**
 * sha256 of the empty string. Fluent UI's style engine (Griffel) and FluentProvider create EMPTY <style> elements and
 * fill them through CSSOM `insertRule`, which CSP does not restrict. An empty <style> element is still an "inline
 * style" for `style-src-elem`, so without either this hash or 'unsafe-inline' every Fluent style is dropped (checked
 * in headless Chromium 156 with Fluent UI 9.74: 13 violations and 0 CSS rules under `style-src 'self'`; 0 violations
 * and 460 rules with this hash). The hash is stricter than 'unsafe-inline': a <style> element that has any text and a
 * `style="…"` attribute in markup are still refused, while React's `style` prop (CSSOM) keeps working.
 * test/electron-security.test.ts recomputes the hash.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

export const cspDirectives: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  // No 'unsafe-inline', no 'unsafe-eval': the built renderer is external module scripts only.
  'script-src': ["'self'"],
  'style-src': ["'self'", EMPTY_STYLE_HASH],
  // data:/blob: for icons and previews generated in the page; never a remote host (remote mail content is off).
  'img-src': ["'self'", 'data:', 'blob:'],
  // The renderer talks to main over IPC only; no fetch/XHR/WebSocket to anywhere.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // Ignored in a <meta> tag by the spec, hence dropped from the meta version below; effective in the header.
  'frame-ancestors': ["'none'"],
});

function serialize(directives: Readonly<Record<string, readonly string[]>>, skip: readonly string[] = []): string {
  return Object.entries(directives)
    .filter(([name]) => !skip.includes(name))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The header value (app:// responses and session.webRequest). */
export const CONTENT_SECURITY_POLICY = serialize(cspDirectives);

/** The <meta http-equiv="Content-Security-Policy"> value: the header minus directives a meta tag cannot carry. */
export const CONTENT_SECURITY_POLICY_META = serialize(cspDirectives, ['frame-ancestors']);

// ---- the mail document ----------------------------------------------------------------------------------------
// HTML mail is rendered in its own document (docs/reader.md): a static, script-free page at MAIL_FRAME_PATH on the
// app's origin, inside <iframe sandbox="allow-same-origin">, into which the reader puts DOMPurify's output. It needs a
// policy of its own because mail is full of style="…" attributes and <style> elements, which the app's policy
// refuses (and a srcdoc or blob: frame would inherit the app's policy). What it allows and why:
//  - no script of any kind (script-src 'none', and the `sandbox` directive, which also applies if the page is ever
//    opened on its own): 'unsafe-inline' styles are therefore safe to allow here and ONLY here;
//  - images only from data: URLs (inline cid: parts, which the reader turns into data: URLs), and from http(s) only
//    in the "remote" variant the user asked for (MAIL_FRAME_REMOTE_QUERY);
//  - nothing else: no fonts, media, frames, objects, connections, form submissions, <base>.

/** Path of the mail document, same origin as the app (so the reader can fill it without running script in it). */
export const MAIL_FRAME_PATH = '/mail-frame.html';
/** Query of the variant that may load remote images (the user chose "load remote content"). */
export const MAIL_FRAME_REMOTE_QUERY = 'remote=1';

export function mailFrameDirectives(remoteImages: boolean): Readonly<Record<string, readonly string[]>> {
  return Object.freeze({
    'default-src': ["'none'"],
    'script-src': ["'none'"],
    'style-src': ["'unsafe-inline'"],
    'img-src': remoteImages ? ['data:', 'https:', 'http:'] : ['data:'],
    'form-action': ["'none'"],
    'base-uri': ["'none'"],
    // Only the app may frame it.
    'frame-ancestors': ["'self'"],
    // A sandbox without allow-scripts, from the header itself: no script, forms, popups, top navigation or plugins,
    // even if the document is loaded outside its iframe. allow-same-origin lets the reader (same origin) fill it.
    sandbox: ['allow-same-origin'],
  });
}

/** The mail document's header policy, remote images blocked (the default). */
export const MAIL_FRAME_CSP = serialize(mailFrameDirectives(false));
/** The mail document's header policy when the user allowed remote images for this message or sender. */
export const MAIL_FRAME_CSP_REMOTE = serialize(mailFrameDirectives(true));

/**
 * True when `url` names the mail document: an app://tcv/ URL (Electron) or a path on our own server (the browser
 * harness passes its request path). A URL of any other origin never gets the mail policy.
 */
export function isMailFrameUrl(url: string): boolean {
  try {
    const u = new URL(url, 'app://tcv/');
    return u.protocol === 'app:' && u.host === 'tcv' && u.pathname === MAIL_FRAME_PATH;
  } catch {
    return false;
  }
}

/** True for the mail document in the variant the user allowed remote images for (`?remote=1`). */
export function isRemoteMailFrameUrl(url: string | undefined): boolean {
  if (!url || !isMailFrameUrl(url)) return false;
  return new URL(url, 'app://tcv/').search.slice(1).split('&').includes(MAIL_FRAME_REMOTE_QUERY);
}

/** The policy a response from the app's origin carries: the mail document's for MAIL_FRAME_PATH, else the app's. */
export function cspForUrl(url: string | undefined): string {
  if (!url || !isMailFrameUrl(url)) return CONTENT_SECURITY_POLICY;
  return isRemoteMailFrameUrl(url) ? MAIL_FRAME_CSP_REMOTE : MAIL_FRAME_CSP;
}

/** Parses a policy string into directive → values, for comparing two policies in tests and the build. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

const CSP_META_TAG = /<meta\b[^>]*\bhttp-equiv\s*=\s*(["'])Content-Security-Policy\1[^>]*>/gi;
const CONTENT_ATTR = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/**
 * Makes an HTML page carry exactly our policy in one <meta> tag, right after <head>: any CSP meta tag already in the
 * page is removed (its policy is returned so the build can say what it replaced). Used by electron.vite.config.ts.
 */
export function applyCspMeta(html: string): { html: string; replaced: string[] } {
  const replaced: string[] = [];
  const stripped = html.replace(CSP_META_TAG, (tag) => {
    const m = CONTENT_ATTR.exec(tag);
    replaced.push(m?.[1] ?? m?.[2] ?? '');
    return '';
  });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`;
  // A meta policy applies only to what follows it: right after <meta charset> (which must stay first), else <head>.
  const charset = /<meta\s+charset\s*=[^>]*>/i;
  const withMeta = charset.test(stripped)
    ? stripped.replace(charset, (tag) => `${tag}\n    ${meta}`)
    : stripped.replace(/<head(\s[^>]*)?>/i, (head) => `${head}\n    ${meta}`);
  if (withMeta === stripped) throw new Error('applyCspMeta: the page has no <head> element');
  return { html: withMeta, replaced };
}

/** True when two policies have the same directives with the same sources (order-insensitive). */
export function sameCsp(a: string, b: string): boolean {
  const norm = (p: string) =>
    JSON.stringify(
      [...parseCsp(p)]
        .map(([name, values]) => [name, [...values].sort()])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  return norm(a) === norm(b);
}
