// vCard 3.0 (RFC 2426) and 4.0 (RFC 6350); 2.1 cards with QUOTED-PRINTABLE values, as old phones export them, are read
// too. One card per entry. Standard properties carry what they can (FN, EMAIL, NICKNAME = aliases, CATEGORIES = group
// ids, TITLE, ORG = unit name, NOTE, UID = id, KIND in 4.0); X-TCV-* properties carry the rest so a round trip is
// exact. A card with KIND:group (4.0) or X-TCV-KIND:group defines a group.
import type { Directory, DirectoryEntry } from '../../api/types-directory.ts';
import { parseIssue, type RawDirectory } from './raw.ts';

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Unescape a text value (RFC 6350 §3.4): \n, \, \; \\. */
function unescape(s: string): string {
  return s.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Split a list value on unescaped commas, then unescape each item. */
function splitList(s: string, sep = ','): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => unescape(x).trim()).filter((x) => x !== '');
}

function decodeQp(s: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i) & 0xff);
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

function parseLine(line: string): Prop | null {
  // name[;param=value...]:value — the colon that ends the params is the first one outside double quotes.
  let i = 0;
  let q = false;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '"') q = !q;
    else if (c === ':' && !q) break;
  }
  if (i >= line.length) return null;
  const head = line.slice(0, i).split(';');
  const name = (head[0] ?? '').replace(/^[^.]*\./, '').toUpperCase();
  const params: Record<string, string> = {};
  for (const p of head.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0)
      params.TYPE = (params.TYPE ? params.TYPE + ',' : '') + p.toUpperCase(); // 2.1 bare types
    else params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  let value = line.slice(i + 1);
  if ((params.ENCODING ?? '').toUpperCase() === 'QUOTED-PRINTABLE') value = decodeQp(value, params.CHARSET ?? 'utf-8');
  return { name, params, value };
}

export function readVcard(text: string): RawDirectory {
  const raw: RawDirectory = { format: 'vcard', entries: [], groups: [], top: {}, issues: [], lenient: true };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const physical = text.split(/\r\n|\n|\r/);
  // Unfold (RFC 6350 §3.2): a line starting with a space or tab continues the previous one. 2.1 QP soft breaks end
  // with "=".
  const logical: Array<{ text: string; line: number }> = [];
  physical.forEach((l, idx) => {
    const prev = logical[logical.length - 1];
    if (prev && (l.startsWith(' ') || l.startsWith('\t'))) prev.text += l.slice(1);
    else if (prev && /ENCODING=QUOTED-PRINTABLE/i.test(prev.text) && prev.text.endsWith('='))
      prev.text = prev.text.slice(0, -1) + l;
    else logical.push({ text: l, line: idx + 1 });
  });

  let card: { props: Prop[]; line: number } | null = null;
  for (const { text: l, line } of logical) {
    if (l.trim() === '') continue;
    if (/^BEGIN:VCARD$/i.test(l.trim())) {
      if (card) raw.issues.push(parseIssue(card.line, 'Thẻ vCard chưa có END:VCARD trước BEGIN:VCARD tiếp theo.'));
      card = { props: [], line };
      continue;
    }
    if (/^END:VCARD$/i.test(l.trim())) {
      if (!card) {
        raw.issues.push(parseIssue(line, 'END:VCARD không có BEGIN:VCARD tương ứng.'));
        continue;
      }
      finishCard(card.props, card.line, raw);
      card = null;
      continue;
    }
    if (!card) {
      raw.issues.push(parseIssue(line, 'Dòng nằm ngoài thẻ vCard (BEGIN:VCARD … END:VCARD).'));
      continue;
    }
    const p = parseLine(l);
    if (!p) raw.issues.push(parseIssue(line, `Dòng vCard không hợp lệ: "${l.slice(0, 40)}".`));
    else card.props.push(p);
  }
  if (card) raw.issues.push(parseIssue(card.line, 'Thẻ vCard thiếu END:VCARD.'));
  return raw;
}

function finishCard(props: Prop[], line: number, raw: RawDirectory): void {
  const one = (n: string) => props.find((p) => p.name === n);
  const text = (n: string): string | null => {
    const p = one(n);
    return p ? unescape(p.value).trim() || null : null;
  };
  let id = text('X-TCV-ID') ?? text('UID');
  if (id) id = id.replace(/^urn:tcv:/i, '');
  const kindX = (text('X-TCV-KIND') ?? '').toLowerCase();
  const kind4 = (text('KIND') ?? '').toLowerCase();
  const aliases = props.filter((p) => p.name === 'NICKNAME').flatMap((p) => splitList(p.value));
  const name =
    text('FN') ??
    (one('N')
      ? splitList(one('N')?.value ?? '', ';')
          .reverse()
          .join(' ')
      : null);
  if (kindX === 'group' || kind4 === 'group') {
    const g: Record<string, unknown> = { id, name, aliases };
    const note = text('NOTE');
    if (note) g.note = note;
    raw.groups.push({ value: g, line });
    return;
  }
  const emails = props.filter((p) => p.name === 'EMAIL');
  const preferred =
    emails.find((p) => p.params.PREF === '1' || /(^|,)PREF(,|$)/i.test(p.params.TYPE ?? '')) ?? emails[0];
  let kind: string | null = kindX || null;
  if (!kind) kind = kind4 === 'org' ? 'unit' : kind4 === 'individual' ? 'person' : null;
  if (!kind) {
    // 3.0 has no KIND: a card whose name is its organisation (no N given name) is an agency.
    const org = text('ORG')?.split(';')[0]?.trim();
    kind = org && org === name ? 'unit' : 'person';
  }
  const org = text('ORG')?.split(';')[0]?.trim() ?? null;
  const e: Record<string, unknown> = {
    id,
    kind,
    name,
    address: preferred
      ? unescape(preferred.value)
          .replace(/^mailto:/i, '')
          .trim() || null
      : null,
    aliases,
    groups: props.filter((p) => p.name === 'CATEGORIES').flatMap((p) => splitList(p.value)),
    status: text('X-TCV-STATUS') ?? 'active',
    successor: text('X-TCV-SUCCESSOR'),
    unit: text('X-TCV-UNIT') ?? (kind === 'person' || org !== name ? org : null),
    title: text('TITLE'),
  };
  const ex = text('X-TCV-EXAMPLE');
  if (ex && /^(true|1|yes)$/i.test(ex)) e.example = true;
  const note = text('NOTE');
  if (note) e.note = note;
  const since = text('X-TCV-SINCE');
  if (since) e.since = since;
  const until = text('X-TCV-UNTIL');
  if (until) e.until = until;
  raw.entries.push({ value: e, line });
}

const escText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');

/** Fold lines longer than 75 octets (RFC 6350 §3.2) without splitting a UTF-8 sequence. */
function foldLine(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = enc.encode(ch).length;
    if (bytes + b > (out.length === 0 ? 75 : 74)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export function writeVcard(dir: Directory, version: '3.0' | '4.0' = '4.0'): string {
  const byId = new Map(dir.entries.map((e) => [e.id, e]));
  const cards: string[] = [];
  const card = (lines: string[]) =>
    cards.push(['BEGIN:VCARD', `VERSION:${version}`, ...lines, 'END:VCARD'].map(foldLine).join('\r\n') + '\r\n');
  const uid = (id: string) => (version === '4.0' ? `UID:urn:tcv:${escText(id)}` : `UID:${escText(id)}`);
  for (const e of dir.entries) {
    const l: string[] = [];
    if (version === '4.0') l.push(`KIND:${e.kind === 'unit' ? 'org' : 'individual'}`);
    l.push(`FN:${escText(e.name)}`);
    l.push(e.kind === 'unit' ? 'N:;;;;' : `N:${personN(e)}`);
    l.push(uid(e.id), `X-TCV-ID:${escText(e.id)}`, `X-TCV-KIND:${e.kind}`);
    if (e.kind === 'unit') l.push(`ORG:${escText(e.name)}`);
    else if (e.unit) l.push(`ORG:${escText(byId.get(e.unit)?.name ?? e.unit)}`);
    if (e.address) l.push(`EMAIL${version === '4.0' ? ';TYPE=work' : ';TYPE=INTERNET'}:${e.address}`);
    if (e.aliases.length) l.push(`NICKNAME:${e.aliases.map(escText).join(',')}`);
    if (e.groups.length) l.push(`CATEGORIES:${e.groups.map(escText).join(',')}`);
    if (e.title) l.push(`TITLE:${escText(e.title)}`);
    l.push(`X-TCV-STATUS:${e.status}`);
    if (e.successor) l.push(`X-TCV-SUCCESSOR:${escText(e.successor)}`);
    if (e.unit) l.push(`X-TCV-UNIT:${escText(e.unit)}`);
    if (e.example) l.push('X-TCV-EXAMPLE:true');
    if (e.since) l.push(`X-TCV-SINCE:${e.since}`);
    if (e.until) l.push(`X-TCV-UNTIL:${e.until}`);
    if (e.note) l.push(`NOTE:${escText(e.note)}`);
    card(l);
  }
  for (const g of dir.groups) {
    const l: string[] = [];
    if (version === '4.0') l.push('KIND:group');
    l.push(`FN:${escText(g.name)}`, 'N:;;;;', uid(g.id), `X-TCV-ID:${escText(g.id)}`, 'X-TCV-KIND:group');
    if (g.aliases.length) l.push(`NICKNAME:${g.aliases.map(escText).join(',')}`);
    if (version === '4.0')
      for (const e of dir.entries) if (e.groups.includes(g.id)) l.push(`MEMBER:urn:tcv:${escText(e.id)}`);
    if (g.note) l.push(`NOTE:${escText(g.note)}`);
    card(l);
  }
  return cards.join('');
}

/** N:family;given;;; for a Vietnamese name: the family name is the first word ("Nguyễn Văn An" → Nguyễn; Văn An). */
function personN(e: DirectoryEntry): string {
  const words = e.name.trim().split(/\s+/);
  const family = words.length > 1 ? (words[0] as string) : '';
  const given = words.length > 1 ? words.slice(1).join(' ') : (words[0] ?? '');
  return `${escText(family)};${escText(given)};;;`;
}
