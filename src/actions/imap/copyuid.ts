// COPYUID (RFC 4315 §3): "[COPYUID uidvalidity source-uids dest-uids]" in the tagged OK of COPY, and for MOVE in an
// untagged OK before the expunges (RFC 6851 §4.3). The two uid-sets pair up by position, so a set that does not parse
// completely is refused as a whole rather than shifting every later UID onto the wrong partner.
import type { WireResponse, WireValue } from './wire.ts';

export interface CopyUid {
  uidValidity: string;
  /** source UID → destination UID */
  map: Map<number, number>;
}

const UID_SET = /^\d+(:\d+)?(,\d+(:\d+)?)*$/;

/** Expands a uid-set in the order written. RFC 4315 §4.3 allows "b:a" for the range a..b; the pairing is by the
 * order of the UIDs, which for a range is ascending. */
export function expandUidSet(set: string): number[] | null {
  if (!UID_SET.test(set)) return null;
  const out: number[] = [];
  for (const part of set.split(',')) {
    const [a, b] = part.split(':').map(Number) as [number, number | undefined];
    if (b === undefined) {
      out.push(a);
      continue;
    }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (hi - lo > 1_000_000) return null;
    for (let u = lo; u <= hi; u++) out.push(u);
  }
  return out;
}

function text(v: WireValue | undefined): string | null {
  return v && !Array.isArray(v) && typeof v.value === 'string' ? v.value : null;
}

export function parseCopyUid(response: WireResponse | undefined): CopyUid | null {
  const first = response?.attributes?.[0];
  if (!first || Array.isArray(first) || !first.section) return null;
  const [code, validity, src, dst] = first.section.map(text);
  if (code?.toUpperCase() !== 'COPYUID' || !validity || !src || !dst || !/^\d+$/.test(validity)) return null;
  const from = expandUidSet(src);
  const to = expandUidSet(dst);
  if (!from || !to || from.length !== to.length) return null;
  return { uidValidity: validity, map: new Map(from.map((u, i) => [u, to[i] as number])) };
}
