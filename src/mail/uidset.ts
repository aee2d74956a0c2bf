// IMAP sequence sets (RFC 3501 §9 "sequence-set"): compress sorted UIDs into ranges so a fetch of thousands of
// messages is one short command.
export function toSequenceSet(uids: readonly number[]): string {
  if (uids.length === 0) throw new Error('empty sequence set');
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0] as number;
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const u = sorted[i];
    if (u === prev + 1 || u === prev) {
      prev = u;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}:${prev}`);
    if (u === undefined) break;
    start = prev = u;
  }
  return parts.join(',');
}
