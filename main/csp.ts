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
