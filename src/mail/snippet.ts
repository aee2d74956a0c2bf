// The message list's preview line (Outlook's "xem trước tin nhắn"): the first words the sender wrote, computed once
// when the body is cached (src/mail/message.ts fetchBody) and stored with the row (messages.snippet, migration 13), so
// the list query reads it with the row and never fetches or parses anything per row (docs/sync.md "Snippet").
//
// The input is the cached plain text. For HTML-only mail that is mailparser's conversion of the HTML (html-to-text:
// no <head>, <style> or <script> content, blockquotes as "> " lines, links as "text [url]"), so a preview never shows
// markup or a style sheet. Rules, in order:
//   - stop at a signature separator ("-- ", RFC 3676 §4.3) or at the start of a forwarded/replied original (Outlook's
//     "-----Original Message-----" / "-----Thư gốc-----", a line of underscores, Gmail's "---------- Forwarded message");
//   - skip quoted lines ("> …", RFC 3676 §4.5) and the attribution line just before them ("On … wrote:");
//   - drop link annotations ("[https://…]", "<https://…>") and collapse all white space;
//   - NFC, at most SNIPPET_MAX characters, cut at a word boundary.
// When everything is quoted (a bare forward), the quoted text is used rather than nothing.

export const SNIPPET_MAX = 160;

const SIGNATURE = /^-- ?$/;
const ORIGINAL = /^(?:-{2,}\s*[^-\s].*-{2,}|_{8,}|-{8,})\s*$/;
const QUOTED = /^\s*>/;
const ATTRIBUTION = /:\s*$/;
const LINKS = /\[(?:https?|mailto|cid|tel):[^\]\s]*\]|<(?:https?|mailto|tel):[^>\s]*>/gi;
// Spaces of every kind, including no-break and zero-width ones that HTML mail is full of.
const SPACE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g;

function clean(lines: readonly string[]): string {
  return lines.join(' ').replace(LINKS, ' ').replace(SPACE, ' ').trim();
}

function cut(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= SNIPPET_MAX) return text;
  const head = chars.slice(0, SNIPPET_MAX).join('');
  const space = head.lastIndexOf(' ');
  // A word boundary if one is near the end; a long unbroken token (a URL, a file name) is cut where it is.
  return (space >= SNIPPET_MAX * 0.6 ? head.slice(0, space) : head).trimEnd();
}

export function makeSnippet(text: string): string {
  const lines = text.normalize('NFC').split(/\r?\n/);
  const own: string[] = [];
  const quoted: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (SIGNATURE.test(line) || ORIGINAL.test(line.trim())) break;
    if (QUOTED.test(line)) {
      quoted.push(line.replace(/^(\s*>)+/, ''));
      continue;
    }
    if (ATTRIBUTION.test(line) && QUOTED.test(nextNonEmpty(lines, i + 1))) continue;
    own.push(line);
  }
  const mine = clean(own);
  return cut(mine || clean(quoted));
}

function nextNonEmpty(lines: readonly string[], from: number): string {
  for (let i = from; i < lines.length; i++) if ((lines[i] as string).trim()) return lines[i] as string;
  return '';
}
