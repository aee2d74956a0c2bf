// Pasted HTML (Word, Outlook, web pages) before the editor parses it: Word's markup dropped by the pure rule in
// src/shared/compose-html.ts, then DOMPurify with a small profile: only what the editor keeps, no script, no event
// handler, no image (so nothing pasted can make the app fetch a remote resource), links only http(s)/mailto, and
// style reduced to the few declarations formatting needs (no url(), no positioning).
import DOMPurify, { type Config } from 'dompurify';
import { cleanWordHtml } from '../../../src/shared/compose-html.ts';
import { defuse } from '../reader/defuse.ts';

const KEPT_STYLE = /^(text-align|font-weight|font-style|text-decoration|vertical-align)$/i;

const PASTE_CONFIG: Config = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'strike',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'h1',
    'h2',
    'h3',
    'h4',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'td',
    'th',
    'span',
    'div',
    'sub',
    'sup',
    'hr',
  ],
  ALLOWED_ATTR: ['href', 'colspan', 'rowspan', 'style', 'align'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  FORBID_CONTENTS: ['script', 'style', 'template', 'tcv-removed-script', 'tcv-removed-template', 'title'],
};

// An instance of our own: hooks are per instance, and the reader's sanitiser must not see this one.
let purifier: ReturnType<typeof DOMPurify> | null = null;
function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'style') return;
    const kept = data.attrValue
      .split(';')
      .map((d) => d.trim())
      .filter((d) => {
        const [prop, ...rest] = d.split(':');
        const value = rest.join(':');
        return prop && KEPT_STYLE.test(prop.trim()) && !/url\s*\(|expression|[\\<>]/i.test(value);
      });
    if (kept.length) data.attrValue = kept.join('; ');
    else data.keepAttr = false;
  });
  return purifier;
}

export function sanitizePastedHtml(html: string): string {
  return instance().sanitize(defuse(cleanWordHtml(html)), PASTE_CONFIG) as unknown as string;
}
