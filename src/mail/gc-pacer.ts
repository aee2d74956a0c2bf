// Large messages stream through in chunks, and every chunk read from disk is a fresh ArrayBuffer. They die at once,
// but V8 collects external memory only after ~64 MB of it has piled up, so sending a 25 MB attachment (34 MB of
// base64) would leave 35–55 MB of dead buffers in RSS at the peak — the whole budget of design.md ("sending a 25 MB
// attachment: RSS grows ≤ 50 MB"). A scavenge (minor GC, about 1 ms) every few megabytes frees them while they are
// still young: measured on the 25 MB send, ArrayBuffers +34 MB → +4 MB, RSS +35 MB → +0.
//
// gc() from src/platform/gc.ts; without it, streaming still works, only with the larger peak.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { gcFunction } from '../platform/gc.ts';

/** Messages smaller than this make too little garbage to matter. */
export const PACE_FROM_BYTES = 4 * 1024 * 1024;
const PACE_EVERY_BYTES = 4 * 1024 * 1024;

/** A pass-through (chunks are not copied) that runs a minor GC every few megabytes. */
export class GcPacer extends Transform {
  private sinceGc = 0;
  private readonly gc = gcFunction();

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sinceGc += chunk.length;
    if (this.gc && this.sinceGc >= PACE_EVERY_BYTES) {
      this.sinceGc = 0;
      this.gc({ type: 'minor' });
    }
    done(null, chunk);
  }
}

/**
 * The stream itself when it is small (or its size unknown), otherwise the same chunks through a GcPacer; an error of
 * the source reaches the reader. Used for a large message sent (src/mail/smtp.ts) and opened (src/mail/message.ts).
 */
export function paced(source: Readable, size: number | undefined): Readable {
  if (size === undefined || size < PACE_FROM_BYTES) return source;
  const pacer = new GcPacer();
  source.on('error', (err) => pacer.destroy(err));
  return source.pipe(pacer);
}
