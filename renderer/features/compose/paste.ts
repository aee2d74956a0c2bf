// Pasted HTML (Word, Outlook, web pages) before the editor parses it: the pure rule of src/shared/compose-html.ts
// (`pastedHtmlForEditor`: Word's markup dropped, no style attribute left, alignment as data-tcv-align, the same rule as
// a draft's body) on the string, then DOMPurify with a small profile: only what the editor keeps, no script, no event
// handler, no image (so nothing pasted can make the app fetch a remote resource), links only http(s)/mailto. No style
// attribute ever reaches a parser, so a paste causes no CSP style-src-attr report.
import DOMPurify, { type Config } from 'dompurify';
import { pastedHtmlForEditor } from '../../../src/shared/compose-html.ts';
import { defuse } from '../reader/defuse.ts';

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
  ALLOWED_ATTR: ['href', 'colspan', 'rowspan', 'data-tcv-align'],
  // DOMPurify checks the value of an attribute it does not know as safe against ALLOWED_URI_REGEXP: "center" is no URL.
  ADD_URI_SAFE_ATTR: ['data-tcv-align'],
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  FORBID_CONTENTS: ['script', 'style', 'template', 'tcv-removed-script', 'tcv-removed-template', 'title'],
};

// An instance of our own: the reader's sanitiser has hooks this one must not run.
let purifier: ReturnType<typeof DOMPurify> | null = null;

export function sanitizePastedHtml(html: string): string {
  purifier ??= DOMPurify(window);
  return purifier.sanitize(defuse(pastedHtmlForEditor(html)), PASTE_CONFIG) as unknown as string;
}
