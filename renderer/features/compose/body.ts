// Bodies as the editor takes them.

/** Plain text (a mailto: body, a CLI draft) as editor HTML: one paragraph per line, escaped. */
export function textToEditorHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${esc(line)}</p>`)
    .join('');
}
