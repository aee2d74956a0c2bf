// The HTML of a message written in the editor (docs/compose.md "Editor"). Pure string rules, no DOM: the renderer
// applies them before the editor sees pasted HTML and when it hands the body to the engine, and Node tests them.
//
// Official mail (Cần Thơ QĐ 50/2009; the document style of NĐ 30/2020 Phụ lục I uses Times New Roman 13–14) is read in
// Times New Roman 14 pt. The font goes on a wrapper element in the HTML itself, so the recipient sees it whatever
// their client's default is; a screen-only CSS rule would not reach them.

export const OFFICIAL_FONT_FAMILY = "'Times New Roman', Times, serif";
export const OFFICIAL_FONT_SIZE = '14pt';

const WRAPPER_OPEN = `<div data-tcv-body style="font-family: ${OFFICIAL_FONT_FAMILY}; font-size: ${OFFICIAL_FONT_SIZE}">`;

// The editor shows alignment, tables and quotes with attributes and the renderer's stylesheet, never with inline
// styles: the app's CSP (style-src 'self', no 'unsafe-inline') refuses a style attribute wherever HTML is parsed in
// the app document (a DOMParser or <template> document too: Chromium reports style-src-attr for each). Mail needs
// inline styles (the recipient's client has no stylesheet of ours), so they are added here, to the SENT HTML only,
// and removed again (alignment kept as data-tcv-align) before a body is loaded into the editor.

/** How a quote looks in the sent HTML (Thunderbird's and Gmail's cite style). src/mail/reply.ts writes it too. */
export const BLOCKQUOTE_STYLE = 'margin:0 0 0 .8ex;border-left:2px solid #c8c8c8;padding-left:1ex';
/** Cells carry their border in the HTML: a table without one is invisible in the recipient's client. */
export const CELL_STYLE = 'border: 1px solid #000000; padding: 4px 6px; vertical-align: top';
export const TABLE_STYLE = 'border-collapse: collapse';
const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);

// After a space or a slash: an HTML parser reads `<p/style=…>` as a style attribute too.
const STYLE_ATTR = /[\s/]style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/**
 * HTML for the editor: every style attribute removed before anything parses it, a text alignment kept as
 * data-tcv-align (which the editor's TextAlign reads and its stylesheet shows). Pure string work: no DOM.
 */
export function stylesToEditorAttributes(html: string): string {
  return html.replace(STYLE_ATTR, (_m, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
    const align = /(?:^|;)\s*text-align\s*:\s*([a-z]+)/i.exec(dq ?? sq ?? bare ?? '')?.[1]?.toLowerCase();
    return align && ALIGNMENTS.has(align) ? ` data-tcv-align="${align}"` : '';
  });
}

/** The editor's HTML for mail: alignment, quotes and tables with inline styles a mail client shows. */
export function editorAttributesToStyles(html: string): string {
  return (
    html
      .replace(/\sdata-tcv-align="(left|center|right|justify)"/g, ' style="text-align: $1"')
      .replace(/<blockquote\b(?![^>]*\sstyle=)/gi, `<blockquote style="${BLOCKQUOTE_STYLE}"`)
      // TipTap's table view writes its own style (min-width): the collapse goes in front of it.
      .replace(/<table\b([^>]*?)\sstyle="(?![^"]*border-collapse)([^"]*)"/gi, `<table$1 style="${TABLE_STYLE}; $2"`)
      .replace(/<table\b(?![^>]*\sstyle=)/gi, `<table style="${TABLE_STYLE}"`)
      .replace(/<(td|th)\b(?![^>]*\sstyle=)/gi, `<$1 style="${CELL_STYLE}"`)
  );
}

/** The editor's HTML as it is sent: inline styles added, wrapped once in the official font (idempotent). */
export function wrapOfficialHtml(inner: string): string {
  const body = unwrapOfficialHtml(inner);
  return `${WRAPPER_OPEN}${editorAttributesToStyles(body)}</div>`;
}

/** A stored or prepared body (a draft, a reply's quote, a signature) as the editor loads it: unwrapped, no styles. */
export function editorHtml(html: string): string {
  return stylesToEditorAttributes(unwrapOfficialHtml(html));
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
 * Pasted HTML as the editor may parse it: Word's markup removed (cleanWordHtml), then the editor's own rule for any
 * body (stylesToEditorAttributes): no style attribute is left, a text alignment is kept as data-tcv-align. It runs on
 * the clipboard's string before anything parses it, because parsing a style attribute in the app document (the
 * sanitiser's DOMParser too) is a CSP style-src-attr violation. Bold, italic, underline, lists, links and tables are
 * elements, and stay.
 */
export function pastedHtmlForEditor(html: string): string {
  return stylesToEditorAttributes(cleanWordHtml(html));
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
