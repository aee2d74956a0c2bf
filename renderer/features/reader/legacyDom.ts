// Legacy-encoding conversion of the mail document's text (docs/reader.md "Legacy encodings"): only text nodes are
// converted, never markup, so a VIQR decoder (which reads ASCII marks such as ' ? . after vowels) cannot touch tags
// or attributes. The conversion itself is the engine's (src/text, through text.convert).

/** The text nodes of the body that a reader sees (not the CSS inside <style>). */
export function visibleTextNodes(doc: Document): Text[] {
  const out: Text[] = [];
  // 4 = NodeFilter.SHOW_TEXT (the frame document's NodeFilter is not needed for a constant).
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement?.tagName;
    if (parent === 'STYLE' || parent === 'SCRIPT') continue;
    if ((n.nodeValue ?? '').trim()) out.push(n as Text);
  }
  return out;
}

/** Converts the document's text in place; false when the engine could not convert it. */
export async function convertDocument(
  doc: Document,
  convert: (texts: string[]) => Promise<string[] | null>,
): Promise<boolean> {
  const nodes = visibleTextNodes(doc);
  if (nodes.length === 0) return true;
  const out = await convert(nodes.map((n) => n.nodeValue ?? ''));
  if (!out || out.length !== nodes.length) return false;
  nodes.forEach((n, i) => {
    n.nodeValue = out[i] ?? n.nodeValue;
  });
  return true;
}
