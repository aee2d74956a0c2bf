// Compose requests from outside the window (a mailto: link, `--compose --attach`) on their way to the UI. The host
// (main, the browser harness) delivers each parsed request here; its files become read grants (the renderer sees
// tokens and names, never paths), and the request is queued AND sent as the event app.compose. The UI takes the
// queue with app.takeIntents when it starts and whenever the event arrives, so a request that came before the page
// was listening (the app was started by the link) is not lost, and none is opened twice.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ComposeIntent, FileGrant } from '../api/types-desktop.ts';
import type { FileGrants } from './grants.ts';
import type { ComposeRequest } from './launch.ts';

/** Requests waiting for the UI; a burst beyond this (a script gone wrong) drops the oldest. */
const MAX_QUEUED = 20;

export class ComposeIntents {
  private queue: ComposeIntent[] = [];
  private readonly grants: FileGrants;
  private readonly emit: (intent: ComposeIntent) => void;

  constructor(grants: FileGrants, emit: (intent: ComposeIntent) => void) {
    this.grants = grants;
    this.emit = emit;
  }

  async deliver(request: ComposeRequest): Promise<ComposeIntent> {
    const attachments: FileGrant[] = [];
    const unreadable: string[] = [];
    // A mailto: request never carries files (src/desktop/launch.ts); this is the second lock on that door.
    const files = request.source === 'command-line' ? request.attachments : [];
    for (const path of files) {
      try {
        const s = await stat(path);
        if (!s.isFile()) throw new Error('not a regular file');
        attachments.push({
          token: this.grants.grant(path, 'read'),
          name: basename(path).normalize('NFC'),
          size: s.size,
        });
      } catch {
        unreadable.push(basename(path).normalize('NFC'));
      }
    }
    const intent: ComposeIntent = {
      id: randomUUID(),
      source: request.source,
      to: request.to,
      cc: request.cc,
      bcc: request.bcc,
      subject: request.subject,
      body: request.body,
      attachments,
      unreadable,
    };
    this.queue.push(intent);
    if (this.queue.length > MAX_QUEUED) this.queue = this.queue.slice(-MAX_QUEUED);
    this.emit(intent);
    return intent;
  }

  take(): ComposeIntent[] {
    const taken = this.queue;
    this.queue = [];
    return taken;
  }
}
