// The HTML of a message written in the editor (docs/compose.md "Editor"). Pure string rules, no DOM: the renderer
// applies them before the editor sees pasted HTML and when it hands the body to the engine, and Node tests them.
//
// Official mail (Cần Thơ QĐ 50/2009; the document style of NĐ 30/2020 Phụ lục I uses Times New Roman 13–14) is read in
// Times New Roman 14 pt. The font goes on a wrapper element in the HTML itself, so the recipient sees it whatever
// their client's default is; a screen-only CSS rule would not reach them.

export const OFFICIAL_FONT_FAMILY = "'Times New Roman', Times, serif";
export const OFFICIAL_FONT_SIZE = '14pt';

const WRAPPER_OPEN = `<div data-tcv-body style="font-family: ${OFFICIAL_FONT_FAMILY}; font-size: ${OFFICIAL_FONT_SIZE}">`;

/** The editor's HTML as it is sent: wrapped once in the official font (re-wrapping a wrapped body does nothing). */
export function wrapOfficialHtml(inner: string): string {
  const body = unwrapOfficialHtml(inner);
  return `${WRAPPER_OPEN}${body}</div>`;
}

/** The inner HTML of a wrapped body (for the editor), or the input unchanged. */
export function unwrapOfficialHtml(html: string): string {
  const trimmed = html.trim();
  if (trimmed.startsWith(WRAPPER_OPEN) && trimmed.endsWith('</div>')) {
    return trimmed.slice(WRAPPER_OPEN.length, -'</div>'.length);
  }
  return html;
}

/** An editor document with no text and no table: nothing written yet. */
export function isEmptyEditorHtml(html: string): boolean {
  return !/<(table|img|hr)\b/i.test(html) && html.replace(/<[^>]*>/g, '').replace(/&nbsp;|\s/g, '') === '';
}

/**
 * HTML pasted from Word (and Outlook, LibreOffice) with Word's own markup removed, keeping what the editor keeps
 * (tables, bold, italic, underline, lists, links, alignment): conditional comments (`<!--[if gte mso 9]>…`), the
 * <head>/<style>/<xml> blocks, Office namespace elements (`<o:p>`, `<w:…>`, `<v:…>`), `mso-*` style declarations,
 * `Mso…` classes and `lang` attributes. Word's list paragraphs (`MsoListParagraph` with `mso-list`) keep their text
 * with the bullet Word typed in. Script and event handlers are removed by the DOM sanitiser that runs after this.
 */
export function cleanWordHtml(html: string): string {
  let s = html
    // Conditional comments: Word hides VML, list bullets' spacing and its XML in them.
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|xml|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?(?:o|w|v|m|st1):[^>]*>/gi, '')
    .replace(/<\/?(?:html|body|meta|link)\b[^>]*>/gi, '');
  // Attributes Word adds that mean nothing outside Word.
  s = s
    .replace(/\sclass\s*=\s*("Mso[^"]*"|'Mso[^']*'|Mso[^\s>]*)/gi, '')
    .replace(/\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  s = s.replace(/\sstyle\s*=\s*("([^"]*)"|'([^']*)')/gi, (_m, _q, dq: string | undefined, sq: string | undefined) => {
    const kept = (dq ?? sq ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d && !/^mso-/i.test(d) && !/^tab-stops|^text-indent:\s*-/i.test(d));
    return kept.length ? ` style="${kept.join('; ').replace(/"/g, "'")}"` : '';
  });
  return s.replace(/<span>\s*<\/span>/gi, '').replace(/&nbsp;(?=\s*<\/(?:p|td|th)>)/gi, '');
}

/**
 * The account's signature placed in a new message's body: below what is there for a new message, above the quoted
 * text of a reply or forward (Outlook's place). Empty signature: the body unchanged.
 */
export function withSignature(bodyHtml: string, signatureHtml: string, placement: 'end' | 'aboveQuote'): string {
  if (isEmptyEditorHtml(signatureHtml)) return bodyHtml;
  const body = unwrapOfficialHtml(bodyHtml);
  const sig = `<div data-tcv-signature>${signatureHtml}</div>`;
  return placement === 'end' ? `${body}<p></p>${sig}` : `<p></p>${sig}${body}`;
}
