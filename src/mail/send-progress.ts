// Bytes of a message handed to SMTP DATA, counted as nodemailer reads them from the outbox file (docs/compose.md
// "Sending progress"). A pass-through: chunks are not copied or held, so a 25 MB message is never in memory whole.
// nodemailer reads only as fast as the socket drains (stream back-pressure), so the count follows the upload with at
// most a socket buffer's lag. Reports come at most every PROGRESS_INTERVAL_MS, the last one always with sent = total.
import { Transform, type TransformCallback } from 'node:stream';

/** At most ~10 reports a second: enough for a smooth bar, negligible IPC. */
export const PROGRESS_INTERVAL_MS = 100;

export type ProgressListener = (sent: number, total: number) => void;

export class ProgressCounter extends Transform {
  private sent = 0;
  private lastReport = -Infinity;
  private readonly total: number;
  private readonly onProgress: ProgressListener;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(total: number, onProgress: ProgressListener, intervalMs = PROGRESS_INTERVAL_MS, now = Date.now) {
    super();
    this.total = total;
    this.onProgress = onProgress;
    this.intervalMs = intervalMs;
    this.now = now;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sent += chunk.length;
    const t = this.now();
    // Never "done" before the end: the last report comes from _flush, after nodemailer has read everything.
    if (t - this.lastReport >= this.intervalMs && this.sent < this.total) {
      this.lastReport = t;
      this.report(this.sent);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    // The stored size is what SIZE was checked against; the file is that size, so sent = total here.
    this.report(Math.max(this.sent, this.total));
    done();
  }

  private report(sent: number): void {
    try {
      this.onProgress(sent, Math.max(this.total, sent));
    } catch {
      // A listener's failure must not break the upload.
    }
  }
}
