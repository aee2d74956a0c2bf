// How large a message will be once composed, before it is (docs/compose.md "Size limit"): attachments travel in
// base64 (RFC 2045 6.8: 4 characters per 3 bytes, lines of 76 plus CRLF), so a 75 MB file makes a message over a
// 100 MB limit. The compose pane compares this with the account's limit and says so before sending; the engine
// still checks the real composed size (src/mail/smtp.ts checkSize). Pure: shared by the renderer and Node tests.

/** Bytes of `n` bytes of content once base64-encoded in 76-character lines. */
export function base64Size(n: number): number {
  const chars = Math.ceil(n / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
}

/** Headers, MIME boundaries and part headers: a generous allowance per message and per part. */
const OVERHEAD = 4096;
const PER_PART = 512;

/** The composed size of a message with this body (HTML and text, UTF-8) and these attachment sizes. */
export function estimateMessageSize(bodyBytes: number, attachmentSizes: readonly number[]): number {
  return OVERHEAD + base64Size(bodyBytes) + attachmentSizes.reduce((sum, n) => sum + base64Size(n) + PER_PART, 0);
}

/** True when a limit is known and the estimate exceeds it (0 means the server advertised no limit). */
export function overLimit(estimate: number, limit: number | null): boolean {
  return limit !== null && limit > 0 && estimate > limit;
}
