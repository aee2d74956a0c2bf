// CSS from a mail (style="…" attributes and <style> elements), made quiet before it reaches the mail document.
// DOMPurify does not look inside CSS. The mail document's CSP is what actually stops CSS from fetching anything
// (img-src data: only, no font-src, style-src without hosts: main/csp.ts); this filter removes what would be blocked
// anyway, so a blocked message makes no request at all (not even one the CSP then refuses), and counts what it held
// back for the "remote content blocked" bar. Pure: tested in Node (test/reader/css.test.ts).

export interface CssOptions {
  /** The user allowed remote content for this message (or sender): keep http(s) images. */
  allowRemote: boolean;
  /** Inline parts: normalised Content-ID → data: URL. */
  inline?: ReadonlyMap<string, string>;
  /** Called with each remote URL found (kept or not). */
  onRemote?(url: string, kept: boolean): void;
}

const COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
// @import in any form (url(), string, with media queries), up to its semicolon or the end.
const IMPORT = /@import\b[^;]*(?:;|$)/gi;
// Whole at-rules that only fetch or only matter to old engines: fonts never load in the mail document anyway.
const FONT_FACE = /@font-face\s*\{[^}]*\}?/gi;
// Things that ran script or bound behaviour in old engines (IE expression/behavior, Firefox -moz-binding).
const ACTIVE = /(expression\s*\(|behaviou?r\s*:|-moz-binding\s*:|javascript\s*:|vbscript\s*:)/gi;
const URL_FN = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)"'\s]*))\s*\)/gi;
const IMAGE_SET = /(?:-webkit-)?image-set\(\s*((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)/gi;
const ESCAPE = /\\(?:([0-9a-fA-F]{1,6})\s?|([^\n0-9a-fA-F]))/g;

/** CSS escapes decoded (u\72l( is url(): an escaped name still names the function). */
function unescapeCss(css: string): string {
  return css.replace(ESCAPE, (_, hex: string | undefined, ch: string | undefined) => {
    if (hex) {
      const cp = Number.parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return ch ?? '';
  });
}

/** What a url() in mail CSS may become: a kept URL, an inline part, or nothing. */
function rewriteUrl(raw: string, opts: CssOptions): string | null {
  const url = raw.trim();
  if (/^cid:/i.test(url)) {
    const key = url.slice(4).replace(/^<|>$/g, '');
    let cid = key;
    try {
      cid = decodeURIComponent(key);
    } catch {
      // keep as is
    }
    return opts.inline?.get(cid.toLowerCase()) ?? null;
  }
  if (/^data:image\/(?:png|jpe?g|gif|webp|bmp|x-icon|vnd\.microsoft\.icon|avif)[;,]/i.test(url)) return url;
  if (/^(?:https?:)?\/\//i.test(url)) {
    opts.onRemote?.(url, opts.allowRemote);
    return opts.allowRemote ? url : null;
  }
  // Relative URLs would resolve against the app's own origin; any other scheme has no business in mail CSS.
  return null;
}

const quote = (url: string) => `url("${url.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}")`;

/**
 * Mail CSS without imports, font faces, script-era constructs, and (unless allowed) remote URLs, which become
 * `none`. If CSS escapes hide something the filter would have removed, the whole text is dropped: mail that needs
 * escapes to say url( is not mail that needs styling. A url( the filter cannot read to its end (unterminated, or cut
 * by a comment) is neutralised rather than guessed at.
 */
export function cleanCss(css: string, opts: CssOptions): string {
  if (css.includes('\\')) {
    const plain = unescapeCss(css);
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    for (const re of [/url\s*\(/gi, /image-set\s*\(/gi, /@import/gi, /@font-face/gi, ACTIVE]) {
      if (count(plain, re) !== count(css, re)) return '';
    }
  }
  // U+E000 (private use) marks kept URLs below; it has no place in mail CSS anyway.
  let out = css.replace(/\uE000/g, '');
  out = out.replace(COMMENT, ' ').replace(IMPORT, '').replace(FONT_FACE, '').replace(ACTIVE, 'x-removed:');
  const kept: string[] = [];
  const keep = (text: string) => `\uE000${kept.push(text) - 1}\uE000`;
  // image-set() takes bare strings as URLs: keep it only when every URL in it may load.
  out = out.replace(IMAGE_SET, (whole: string, inner: string) => {
    const urls = [...inner.matchAll(/(?:url\(\s*)?["']([^"']*)["']/g)].map((m) => m[1] ?? '');
    const rewritten = urls.map((u) => rewriteUrl(u, { ...opts, onRemote: undefined }));
    for (const u of urls) if (/^(?:https?:)?\/\//i.test(u.trim())) opts.onRemote?.(u.trim(), opts.allowRemote);
    return rewritten.length > 0 && rewritten.every((k) => k !== null) && !/url\s*\(\s*[^"'\s]/i.test(inner)
      ? keep(whole)
      : 'none';
  });
  out = out.replace(URL_FN, (_whole, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
    const url = rewriteUrl(unescapeCss(dq ?? sq ?? bare ?? ''), opts);
    return url === null ? 'none' : keep(quote(url));
  });
  // Whatever url( or image-set( is left could not be read to its end; image() and cross-fade() also take strings
  // as URLs and are of no use in mail.
  out = out.replace(/(?:-webkit-)?(?:url|image-set|image|cross-fade|element)\s*\(/gi, 'x-removed(');
  // A remote URL left in any string (content: "…", a future function) is emptied unless remote content is allowed.
  if (!opts.allowRemote) {
    out = out.replace(/(["'])\s*((?:https?:)?\/\/[^"']*)\1/gi, (_m, q: string, url: string) => {
      opts.onRemote?.(url, false);
      return `${q}${q}`;
    });
  }
  return out.replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)] ?? '');
}
