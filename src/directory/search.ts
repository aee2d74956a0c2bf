// Search and matching over the directory (issue 5). Everything works on fold()ed word tokens (src/text: one fold, no
// second copy), so case, diacritics, đ/d, tone placement ("Uỷ"/"Ủy") and punctuation ("TP." / "TP", "Sở VH, TT & DL")
// never matter. Abbreviations are understood generically: a short token may stand for the initials of consecutive words
// ("stc" = Sở Tài chính, "UBND" = Ủy ban nhân dân, "KH&CN" = Khoa học và Công nghệ, "tp" = thành phố), and "và" is
// ignored, as Vietnamese abbreviations drop it.
//
// - search(query): as-you-type, ranked; every query token must match a word prefix or the initials of a run of words
//   of some name, alias, address or title. Candidates come from a sorted dictionary of folded words and initials, so
//   a query looks at the few entries that can match rather than at all of them.
// - match(text): for "Nơi nhận" items; the whole text must name an entry or a group (words in order, abbreviations
//   allowed, the city qualifier "thành phố Cần Thơ" may be left out). Two close candidates that lead to different
//   recipients make the answer "ambiguous": one is never picked silently.
import type {
  Directory,
  DirectoryEntry,
  DirectoryEntryDetail,
  DirectoryGroup,
  DirectoryGroupHit,
  DirectorySearchHit,
  DirectorySearchResult,
  MatchCandidate,
  MatchField,
  MatchResult,
  MatchWarning,
} from '../api/types-directory.ts';
import { fold, foldTokens, nfc } from '../text/index.ts';

/** Words that abbreviations leave out. */
const STOP = new Set(['va']);
/** Conventional abbreviations that are not plain initials of the words they stand for. */
const EXPAND: Record<string, string[]> = {
  vpub: ['vp', 'ubnd'],
  tw: ['trung', 'uong'],
  ttg: ['thu', 'tuong'],
};

interface Key {
  owner: number;
  field: MatchField;
  text: string;
  tokens: string[];
  /** First letters of tokens, as one string. */
  initials: string;
  /** Where the city qualifier ("thanh pho can tho", "tinh X") starts, or -1; and how many tokens its level word has. */
  loc: number;
  levelLen: number;
}

interface Dictionary {
  /** Sorted distinct strings. */
  strings: string[];
  /** Owners (entry index, or entries.length + group index) of each string. */
  postings: Int32Array[];
}

interface Scored {
  owner: number;
  score: number;
  key: Key;
}

/** search(): above this many candidates, try the keys that start with the query first. */
const HEAD_CANDIDATES = 256;
/** search(): the lowest score of a key that starts with the query (scoreSearch tiers). */
const TIER_PREFIX = 700;

function toDictionary(map: Map<string, Set<number>>): Dictionary {
  const strings = [...map.keys()].sort();
  return { strings, postings: strings.map((x) => Int32Array.from(map.get(x) as Set<number>)) };
}

/** Range [lo, hi) of the strings that start with prefix. */
function prefixRange(d: Dictionary, prefix: string): [number, number] {
  const lower = (x: string) => {
    let lo = 0;
    let hi = d.strings.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((d.strings[mid] as string) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lower(prefix), lower(prefix + '\uffff')];
}

interface Locality {
  level: 'tp' | 'tinh';
  place: string[];
}

/** Folded tokens with "và" dropped and conventional abbreviations expanded. The last token is kept for prefix search. */
function canon(text: string, keepLast = false): string[] {
  const raw = foldTokens(text);
  const out: string[] = [];
  raw.forEach((t, i) => {
    if (STOP.has(t) && !(keepLast && i === raw.length - 1)) return;
    const x = EXPAND[t];
    if (x && !(keepLast && i === raw.length - 1)) out.push(...x);
    else out.push(t);
  });
  return out;
}

function localityOf(tokens: string[]): { loc: number; levelLen: number } {
  for (let i = tokens.length - 1; i >= 1; i--) {
    const t = tokens[i];
    let len = 0;
    if (t === 'thanh' && tokens[i + 1] === 'pho') len = 2;
    else if (t === 'tp' || t === 'tinh') len = 1;
    if (len > 0 && tokens.length - (i + len) <= 4) return { loc: i, levelLen: len };
  }
  return { loc: -1, levelLen: 0 };
}

function parseLocality(tokens: string[]): Locality | null {
  if (tokens[0] === 'thanh' && tokens[1] === 'pho') return { level: 'tp', place: tokens.slice(2) };
  if (tokens[0] === 'tp') return { level: 'tp', place: tokens.slice(1) };
  if (tokens[0] === 'tinh') return { level: 'tinh', place: tokens.slice(1) };
  return null;
}

/**
 * "Chánh Văn phòng" of "Văn phòng UBND thành phố" is written "Chánh Văn phòng UBND thành phố": the words the title
 * ends with and the unit starts with are said once. Both forms are keys.
 */
function titleKeys(title: string, unitName: string): string[] {
  const t = title.trim().split(/\s+/);
  const u = unitName.trim().split(/\s+/);
  const out = [`${title} ${unitName}`];
  for (let k = Math.min(t.length - 1, u.length - 1); k >= 1; k--) {
    if (t.slice(-k).every((w, i) => fold(w) === fold(u[i] as string))) {
      out.push(`${title} ${u.slice(k).join(' ')}`);
      break;
    }
  }
  return out;
}

const samePlace = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function initialsAt(word: string, tokens: string[], at: number): boolean {
  if (at + word.length > tokens.length) return false;
  for (let k = 0; k < word.length; k++) if ((tokens[at + k] as string)[0] !== word[k]) return false;
  return true;
}

// Penalties of match(). Reading a token as an abbreviation is a guess (10: "NV" is Nội vụ or Ngoại vụ); a single
// letter ("P." for phường) more so. Leaving out the city qualifier is normal in "Nơi nhận" and costs little, so the
// full words "Sở Ngoại vụ" beat the abbreviation reading of "Sở NV" by more than the margin.
const P_ABBR = 10;
const P_LETTER = 15;
const P_NO_LOCALITY = 3;
const P_NO_PLACE = 2;
const P_EXTRA_LOCALITY = 10;
/** Below this, nothing is a match. */
const MATCH_FLOOR = 50;
/**
 * Candidates within this of the best one are "close": if they lead to different recipients the answer is ambiguous.
 * Smaller than one abbreviation step, so the same number of guesses is close and one guess more is not.
 */
export const CLOSE_MARGIN = 5;

/** Purpose notes ("(để b/c)", "(để ph/h th/h)") and list punctuation are not part of a name. */
function cleanItem(text: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  let t = nfc(text).replace(/\s+/g, ' ').trim();
  t = t.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    notes.push(inner.trim());
    return ' ';
  });
  t = t
    .replace(/^[-–—•+*]\s*/, '')
    .replace(/^(?:đ\/c|đồng chí)\s+/i, '')
    .replace(/[;.,:\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { text: t, notes };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

export class DirectoryIndex {
  readonly directory: Directory;
  private readonly entries: DirectoryEntry[];
  private readonly groups: DirectoryGroup[];
  private readonly byId = new Map<string, DirectoryEntry>();
  private readonly groupById = new Map<string, DirectoryGroup>();
  private readonly keys: Key[] = [];
  private readonly keysByOwner: Key[][] = [];
  /** match(): keys by the first letter of their first token. */
  private readonly keysByFirst = new Map<string, Key[]>();
  /** search(): sorted distinct words and initials runs, with the owners that have them. */
  private dict: Dictionary = { strings: [], postings: [] };
  /** Only what a key starts with (its first word, its whole initials): the candidates of the best tiers. */
  private head: Dictionary = { strings: [], postings: [] };
  private readonly entryLocality: Array<Locality | null> = [];
  private readonly members = new Map<string, DirectoryEntry[]>();
  private readonly byAddress = new Map<string, DirectoryEntry>();
  private stamp: Int32Array;
  private generation = 0;

  constructor(directory: Directory) {
    this.directory = directory;
    this.entries = directory.entries;
    this.groups = directory.groups;
    for (const e of this.entries) {
      this.byId.set(e.id, e);
      if (e.address) this.byAddress.set(e.address.toLowerCase(), e);
    }
    for (const g of this.groups) {
      this.groupById.set(g.id, g);
      this.members.set(g.id, []);
    }
    for (const e of this.entries) for (const g of e.groups) this.members.get(g)?.push(e);

    const addKey = (owner: number, field: MatchField, text: string) => {
      const tokens = canon(text);
      if (tokens.length === 0) return;
      // Only full names may leave out their city qualifier: in an alias such as "Sở TP" (Tư pháp), "TP" is not one.
      const { loc, levelLen } = field === 'name' || field === 'title' ? localityOf(tokens) : { loc: -1, levelLen: 0 };
      const key: Key = { owner, field, text, tokens, initials: tokens.map((t) => t[0]).join(''), loc, levelLen };
      this.keys.push(key);
      (this.keysByOwner[owner] ??= []).push(key);
      const first = (tokens[0] as string)[0] as string;
      let list = this.keysByFirst.get(first);
      if (!list) this.keysByFirst.set(first, (list = []));
      list.push(key);
    };
    this.entries.forEach((e, i) => {
      addKey(i, 'name', e.name);
      for (const a of e.aliases) addKey(i, 'alias', a);
      if (e.address) addKey(i, 'address', e.address);
      const unit = e.unit ? this.byId.get(e.unit) : undefined;
      if (e.kind === 'person' && e.title && unit) for (const t of titleKeys(e.title, unit.name)) addKey(i, 'title', t);
      const nameTokens = canon(e.name);
      const { loc, levelLen } = localityOf(nameTokens);
      this.entryLocality[i] =
        loc < 0
          ? null
          : {
              level: levelLen === 2 || nameTokens[loc] === 'tp' ? 'tp' : 'tinh',
              place: nameTokens.slice(loc + levelLen),
            };
    });
    const E = this.entries.length;
    this.groups.forEach((g, i) => {
      addKey(E + i, 'name', g.name);
      for (const a of g.aliases) addKey(E + i, 'alias', a);
      const t = canon(g.name);
      const { loc, levelLen } = localityOf(t);
      this.entryLocality[E + i] =
        loc < 0 ? null : { level: levelLen === 2 || t[loc] === 'tp' ? 'tp' : 'tinh', place: t.slice(loc + levelLen) };
    });
    this.stamp = new Int32Array(E + this.groups.length);
    this.buildDictionary();
  }

  private buildDictionary(): void {
    const all = new Map<string, Set<number>>();
    const head = new Map<string, Set<number>>();
    const put = (map: Map<string, Set<number>>, str: string, owner: number) => {
      let set = map.get(str);
      if (!set) map.set(str, (set = new Set()));
      set.add(owner);
    };
    for (const k of this.keys) {
      k.tokens.forEach((t, i) => {
        put(all, t, k.owner);
        // Initials runs of 2+ words ("stc…" from the start, "tc…" from "Tài"): "stc" and "Sở TC" find Sở Tài chính.
        // Names and aliases from every word; titles ("Chuyên viên Sở …") only from their start; addresses never.
        if (k.tokens.length - i >= 2 && (k.field === 'name' || k.field === 'alias' || (k.field === 'title' && i === 0)))
          put(all, k.initials.slice(i), k.owner);
      });
      put(head, k.tokens[0] as string, k.owner);
      if (k.field !== 'address' && k.tokens.length >= 2) put(head, k.initials, k.owner);
      // The folded address as typed ("stc@cantho"), for queries that contain "@".
      if (k.field === 'address') put(all, fold(k.text), k.owner);
    }
    this.dict = toDictionary(all);
    this.head = toDictionary(head);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lookups

  get(id: string): DirectoryEntry | undefined {
    return this.byId.get(id);
  }

  group(id: string): DirectoryGroup | undefined {
    return this.groupById.get(id);
  }

  groupMembers(id: string): DirectoryEntry[] {
    return this.members.get(id) ?? [];
  }

  allGroups(): Array<{ group: DirectoryGroup; members: number }> {
    return this.groups.map((g) => ({ group: g, members: this.groupMembers(g.id).length }));
  }

  /** The entry at the end of the successor chain (itself when it has no successor). Cycles stop where they close. */
  current(e: DirectoryEntry): DirectoryEntry {
    const seen = new Set<string>();
    let cur = e;
    while (cur.successor && !seen.has(cur.id)) {
      seen.add(cur.id);
      const next = this.byId.get(cur.successor);
      if (!next) break;
      cur = next;
    }
    return cur;
  }

  detail(id: string): DirectoryEntryDetail | null {
    const entry = this.byId.get(id);
    if (!entry) return null;
    const successor = entry.successor ? (this.byId.get(entry.successor) ?? null) : null;
    const cur = this.current(entry);
    return {
      entry,
      unit: entry.unit ? (this.byId.get(entry.unit) ?? null) : null,
      successor,
      currentSuccessor: cur !== entry && cur !== successor ? cur : null,
      predecessors: this.entries.filter((e) => e.successor === id),
      members: this.entries.filter((e) => e.unit === id),
      groups: entry.groups.map((g) => this.groupById.get(g)).filter((g): g is DirectoryGroup => g !== undefined),
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // search

  search(query: string, opts: { limit?: number; includeHistorical?: boolean } = {}): DirectorySearchResult {
    const limit = opts.limit ?? 20;
    const includeHistorical = opts.includeHistorical ?? true;
    const q = canon(query, true);
    const result: DirectorySearchResult = { query, hits: [], groups: [] };
    if (q.length === 0) return result;
    const whole = fold(query).trim();
    const E = this.entries.length;

    // Candidates: owners having a dictionary string that starts with the most selective query token (and, for a
    // query with "@", an address that starts with it).
    let best: [number, number] = [0, 0];
    let bestSize = Infinity;
    for (const t of new Set(q)) {
      const r = prefixRange(this.dict, t);
      let size = 0;
      for (let k = r[0]; k < r[1] && size < bestSize; k++) size += (this.dict.postings[k] as Int32Array).length;
      if (size < bestSize) {
        bestSize = size;
        best = r;
      }
    }
    const ranges: Array<[number, number]> = [best];
    if (whole.includes('@')) ranges.push(prefixRange(this.dict, whole));
    const candidates = this.collect(this.dict, ranges);

    // A short query ("s", "v", "ubnd") can name thousands of candidates. Keys that start with the first query token
    // are the only ones that can reach the prefix tier (700+); when they already fill the page with active entries,
    // nothing else could rank above them, so only they are scored. Groups are few and always scored.
    let scored: Scored[] | null = null;
    if (candidates.length > HEAD_CANDIDATES) {
      const head = this.collect(this.head, [prefixRange(this.head, q[0] as string)]);
      const s = this.scoreAll(q, whole, head, includeHistorical);
      if (s.filter((x) => x.owner < E && x.score >= TIER_PREFIX).length >= limit) {
        const seen = new Set(s.map((x) => x.owner));
        const groups = candidates.filter((o) => o >= E && !seen.has(o));
        scored = [...s, ...this.scoreAll(q, whole, groups, includeHistorical)];
      }
    }
    scored ??= this.scoreAll(q, whole, candidates, includeHistorical);

    const nameOf = (o: number) =>
      o < E ? (this.entries[o] as DirectoryEntry).name : (this.groups[o - E] as DirectoryGroup).name;
    scored.sort((a, b) => b.score - a.score || nameOf(a.owner).length - nameOf(b.owner).length || a.owner - b.owner);
    for (const s of scored) {
      if (s.owner < E) {
        if (result.hits.length >= limit) continue;
        const e = this.entries[s.owner] as DirectoryEntry;
        const cur = this.current(e);
        result.hits.push({
          entry: e,
          score: s.score,
          field: s.key.field,
          matched: s.key.text,
          successor: e.status !== 'active' && cur !== e ? cur : null,
        } satisfies DirectorySearchHit);
      } else if (result.groups.length < limit) {
        const g = this.groups[s.owner - E] as DirectoryGroup;
        result.groups.push({
          group: g,
          score: s.score,
          matched: s.key.text,
          members: this.groupMembers(g.id).length,
        } satisfies DirectoryGroupHit);
      }
    }
    return result;
  }

  /** Distinct owners in the given ranges of a dictionary. */
  private collect(d: Dictionary, ranges: Array<[number, number]>): number[] {
    const gen = ++this.generation;
    const out: number[] = [];
    for (const [lo, hi] of ranges)
      for (let k = lo; k < hi; k++)
        for (const o of d.postings[k] as Int32Array)
          if (this.stamp[o] !== gen) {
            this.stamp[o] = gen;
            out.push(o);
          }
    return out;
  }

  private scoreAll(q: string[], whole: string, owners: number[], includeHistorical: boolean): Scored[] {
    const E = this.entries.length;
    const out: Scored[] = [];
    for (const o of owners) {
      let top: Scored | null = null;
      for (const key of this.keysByOwner[o] ?? []) {
        let s = scoreSearch(q, key);
        if (s < 0 && key.field === 'address' && whole.includes('@') && fold(key.text).startsWith(whole)) s = 900;
        if (s < 0) continue;
        s += key.field === 'name' ? 5 : key.field === 'alias' ? 3 : 0;
        if (!top || s > top.score) top = { owner: o, score: s, key };
      }
      if (!top) continue;
      if (o < E && (this.entries[o] as DirectoryEntry).status !== 'active') {
        if (!includeHistorical) continue;
        top.score -= 300;
      }
      out.push(top);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // match

  match(input: string): MatchResult {
    const { text, notes } = cleanItem(input);
    const base: MatchResult = {
      status: 'unmatched',
      text,
      notes,
      entries: [],
      group: null,
      successors: [],
      candidates: [],
      warnings: [],
    };
    const email = EMAIL.exec(text)?.[0];
    if (email) {
      const e = this.byAddress.get(email.toLowerCase());
      return e ? this.matchedEntry(base, e) : base;
    }
    const q = canon(text);
    if (q.length === 0) return base;

    const E = this.entries.length;
    const bestByOwner = new Map<number, { score: number; key: Key }>();
    for (const key of this.keysByFirst.get((q[0] as string)[0] as string) ?? []) {
      if (key.field === 'address') continue;
      let s = this.align(q, key);
      if (s < MATCH_FLOOR) continue;
      if (key.field !== 'name') s -= 1;
      const prev = bestByOwner.get(key.owner);
      if (!prev || s > prev.score) bestByOwner.set(key.owner, { score: s, key });
    }
    const ranked = [...bestByOwner.entries()]
      .map(([owner, v]) => ({ owner, ...v }))
      .sort((a, b) => b.score - a.score || a.owner - b.owner);
    const top = ranked[0];
    if (!top) {
      // Suggestions only: the nearest names by search, for the user to pick from.
      const s = this.search(text, { limit: 5 });
      base.candidates = [
        ...s.hits.map((h) => ({ entry: h.entry, group: null, score: h.score, matched: h.matched })),
        ...s.groups.slice(0, 2).map((g) => ({ entry: null, group: g.group, score: g.score, matched: g.matched })),
      ];
      return base;
    }
    const close = ranked.filter((r) => r.score >= top.score - CLOSE_MARGIN);
    // Candidates that lead to the same recipients (a historical body and its successor, a group of one) are one answer.
    const recipients = (o: number) =>
      o < E
        ? this.current(this.entries[o] as DirectoryEntry).id
        : this.groupMembers((this.groups[o - E] as DirectoryGroup).id)
            .filter((m) => m.status === 'active')
            .map((m) => m.id)
            .sort()
            .join(',');
    const first = recipients(top.owner);
    if (close.every((c) => recipients(c.owner) === first)) {
      const pick =
        close
          .filter((c) => c.score === top.score)
          .sort((a, b) => this.preference(a.owner) - this.preference(b.owner))[0] ?? top;
      return pick.owner < E
        ? this.matchedEntry(base, this.entries[pick.owner] as DirectoryEntry)
        : this.matchedGroup(base, this.groups[pick.owner - E] as DirectoryGroup);
    }
    base.status = 'ambiguous';
    base.candidates = close.map((c): MatchCandidate => ({
      entry: c.owner < E ? (this.entries[c.owner] as DirectoryEntry) : null,
      group: c.owner < E ? null : (this.groups[c.owner - E] as DirectoryGroup),
      score: c.score,
      matched: c.key.text,
    }));
    return base;
  }

  /** Lower is preferred among equally good candidates: an active entry, then a group, then the rest. */
  private preference(o: number): number {
    if (o >= this.entries.length) return 1;
    return (this.entries[o] as DirectoryEntry).status === 'active' ? 0 : 2;
  }

  private matchedEntry(base: MatchResult, e: DirectoryEntry): MatchResult {
    const out: MatchResult = { ...base, status: 'matched', entries: [e], candidates: [] };
    const warnings: MatchWarning[] = [];
    if (e.status !== 'active') {
      const cur = this.current(e);
      const succ = cur !== e ? cur : null;
      if (succ) out.successors = [succ];
      warnings.push({
        code: e.status === 'historical' ? 'historical' : 'recalled',
        id: e.id,
        successor: succ?.id ?? null,
        message:
          (e.status === 'historical' ? `"${e.name}" không còn hoạt động.` : `Hộp thư của "${e.name}" đã bị thu hồi.`) +
          (succ
            ? ` Đơn vị kế thừa: ${succ.name}${succ.address ? ` <${succ.address}>` : ''}.`
            : ' Không có đơn vị kế thừa.'),
      });
    }
    if (!e.address)
      warnings.push({
        code: 'no-address',
        id: e.id,
        successor: null,
        message: `"${e.name}" chưa có địa chỉ thư trong danh bạ.`,
      });
    else if (e.example)
      warnings.push({
        code: 'example-address',
        id: e.id,
        successor: null,
        message: `Địa chỉ ${e.address} của "${e.name}" chỉ là ví dụ, chưa được xác nhận.`,
      });
    out.warnings = warnings;
    return out;
  }

  private matchedGroup(base: MatchResult, g: DirectoryGroup): MatchResult {
    const members = this.groupMembers(g.id).filter((m) => m.status === 'active');
    const out: MatchResult = { ...base, status: 'matched', entries: members, group: g, candidates: [] };
    if (members.length === 0)
      out.warnings.push({
        code: 'empty-group',
        id: g.id,
        successor: null,
        message: `Nhóm "${g.name}" chưa có thành viên.`,
      });
    const examples = members.filter((m) => m.example).length;
    if (examples > 0)
      out.warnings.push({
        code: 'example-address',
        id: g.id,
        successor: null,
        message: `${examples}/${members.length} địa chỉ trong nhóm "${g.name}" chỉ là ví dụ, chưa được xác nhận.`,
      });
    return out;
  }

  /**
   * Aligns the query tokens with a key's tokens from the start: equal words, or a short token standing for the
   * initials of consecutive words (either side). Returns 100 minus penalties, or -Infinity.
   */
  private align(q: string[], key: Key): number {
    const t = key.tokens;
    const memo = new Map<number, number>();
    const W = t.length + 1;
    const tail = (j: number): number => {
      if (j === t.length) return 0;
      if (key.loc >= 0 && j === key.loc) return -P_NO_LOCALITY;
      if (key.loc >= 0 && j === key.loc + key.levelLen) return -P_NO_PLACE;
      return -Infinity;
    };
    const leftover = (i: number): number => {
      const rest = q.slice(i);
      const mine = this.entryLocality[key.owner] ?? null;
      const given = parseLocality(rest);
      if (mine) {
        // Only a qualifier that agrees with the entry's own: "UBND TP. Hồ Chí Minh" is not UBND TP Cần Thơ.
        if (given)
          return given.level === mine.level && (given.place.length === 0 || samePlace(given.place, mine.place))
            ? -P_NO_PLACE
            : -Infinity;
        return samePlace(rest, mine.place) ? -P_NO_PLACE : -Infinity;
      }
      return given ? -P_EXTRA_LOCALITY : -Infinity;
    };
    const best = (i: number, j: number): number => {
      if (i === q.length) return tail(j);
      if (j === t.length) return leftover(i);
      const m = memo.get(i * W + j);
      if (m !== undefined) return m;
      const a = q[i] as string;
      const b = t[j] as string;
      let r = -Infinity;
      if (a === b) r = best(i + 1, j + 1);
      if (a.length >= 2 && a !== b && initialsAt(a, t, j)) r = Math.max(r, best(i + 1, j + a.length) - P_ABBR);
      if (a.length === 1 && b.length > 1 && b[0] === a) r = Math.max(r, best(i + 1, j + 1) - P_LETTER);
      // The other way round ("HĐND" in a name, "Hội đồng nhân dân" in the text) only for 3+ letters: a two-letter
      // alias such as "Sở NV" must not claim "Sở Ngoại vụ".
      if (b.length >= 3 && a !== b && initialsAt(b, q, i)) r = Math.max(r, best(i + b.length, j + 1) - P_ABBR);
      memo.set(i * W + j, r);
      return r;
    };
    return 100 + best(0, 0);
  }
}

/**
 * search() score of one key, or -1. Every query token must match, in order if possible: the word itself (best), a word
 * prefix, or the initials of a run of words. Tiers: the whole key (1000), a prefix of the key (700), a contiguous run
 * (500), in order with gaps (400), any order (200); then how much of the key the query covers.
 */
function scoreSearch(q: string[], key: Key): number {
  const t = key.tokens;
  const ini = key.initials;
  const tryAt = (a: string, j: number): { len: number; quality: number } | null => {
    const w = t[j] as string;
    if (w === a) return { len: 1, quality: 3 };
    if (w.startsWith(a)) return { len: 1, quality: 2 };
    if (a.length >= 2 && ini.startsWith(a, j)) return { len: a.length, quality: 1 };
    return null;
  };
  // In order, each token at the first position it matches after the previous one.
  let p = 0;
  let start = -1;
  let contiguous = true;
  let quality = 0;
  let covered = 0;
  let inOrder = true;
  for (const a of q) {
    let found = false;
    for (let j = p; j < t.length; j++) {
      const m = tryAt(a, j);
      if (!m) continue;
      if (start < 0) start = j;
      else if (j !== p) contiguous = false;
      p = j + m.len;
      quality += m.quality;
      covered += m.len;
      found = true;
      break;
    }
    if (!found) {
      inOrder = false;
      break;
    }
  }
  let tier: number;
  if (inOrder) {
    if (start === 0 && contiguous && p === t.length && quality === 3 * q.length) tier = 1000;
    else if (start === 0 && contiguous) tier = 700;
    else if (contiguous) tier = 500;
    else tier = 400;
  } else {
    quality = 0;
    covered = 0;
    for (const a of q) {
      let m: { len: number; quality: number } | null = null;
      for (let j = 0; j < t.length && !m; j++) m = tryAt(a, j);
      if (!m) return -1;
      quality += m.quality;
      covered += m.len;
    }
    tier = 200;
  }
  return (
    tier + Math.round((100 * Math.min(covered, t.length)) / t.length) + Math.round((30 * quality) / (3 * q.length))
  );
}
