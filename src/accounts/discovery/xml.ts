// A small, strict XML reader for autoconfig files (config-v1.1.xml is a few elements with attributes and text).
// Strict on purpose: a document type declaration is refused (no entity expansion, so no "billion laughs" or external
// entities), unknown entities and unbalanced tags are errors. Namespaces are not interpreted (the format has none).

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entity-decoded and trimmed. */
  text: string;
}

export class XmlError extends Error {}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

function decode(s: string, at: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (m, ref: string | undefined) => {
    if (!ref) throw new XmlError(`bare & at ${at}`);
    if (ref === 'lt') return '<';
    if (ref === 'gt') return '>';
    if (ref === 'amp') return '&';
    if (ref === 'quot') return '"';
    if (ref === 'apos') return "'";
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || code === 0) throw new XmlError(`bad character reference ${m}`);
      return String.fromCodePoint(code);
    }
    throw new XmlError(`unknown entity ${m} at ${at}`);
  });
}

export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | null = null;
  const s = src.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i) {
      const text = s.slice(i, textEnd);
      if (stack.length === 0) {
        if (text.trim()) throw new XmlError(`text outside the root element at ${i}`);
      } else texts.at(-1)?.push(decode(text, i));
    }
    if (lt < 0) break;
    i = lt;
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i);
      if (end < 0) throw new XmlError('unterminated processing instruction');
      i = end + 2;
    } else if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i);
      if (end < 0) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) throw new XmlError('bad CDATA section');
      texts.at(-1)?.push(s.slice(i + 9, end));
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      throw new XmlError('document type declarations are not accepted');
    } else if (s.startsWith('</', i)) {
      const m = NAME.exec(s.slice(i + 2));
      const end = s.indexOf('>', i);
      if (!m || end < 0 || s.slice(i + 2 + m[0].length, end).trim()) throw new XmlError(`bad end tag at ${i}`);
      const open = stack.pop();
      const own = texts.pop();
      if (!open || open.name !== m[0]) throw new XmlError(`unexpected </${m[0]}> at ${i}`);
      open.text = (own ?? []).join('').trim();
      i = end + 1;
    } else {
      const m = NAME.exec(s.slice(i + 1));
      if (!m) throw new XmlError(`bad tag at ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
      let j = i + 1 + m[0].length;
      const attr = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?)>/y;
      let selfClosing: boolean;
      for (;;) {
        attr.lastIndex = j;
        const a = attr.exec(s);
        if (!a) throw new XmlError(`bad attribute or unterminated tag <${el.name}> at ${j}`);
        j = attr.lastIndex;
        if (a[1]) {
          if (Object.hasOwn(el.attrs, a[1])) throw new XmlError(`duplicate attribute ${a[1]}`);
          el.attrs[a[1]] = decode(a[3] ?? a[4] ?? '', j);
        } else {
          selfClosing = a[5] === '/';
          break;
        }
      }
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) throw new XmlError('more than one root element');
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        texts.push([]);
      }
      i = j;
    }
  }
  if (stack.length) throw new XmlError(`unclosed <${stack.at(-1)?.name}>`);
  if (!root) throw new XmlError('no root element');
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
