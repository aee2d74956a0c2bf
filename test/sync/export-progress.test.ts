// Export with progress and cancel (issue 4 "every long operation shows progress", Article 9.2 backup), on both Dovecot
// flavours: export.progress events count up to the folder's size, folders.exportCancel stops a running export with
// EXPORT_CANCELLED and leaves no file behind, a destination that cannot be written is a Vietnamese error with nothing
// half-written, and the Message-IDs in the backup are exactly the server's.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { ExportProgressEvent } from '../../src/api/types.ts';
import { errorCodes } from '../../src/api/errors.ts';
import { storageError } from '../../src/sync/export.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from './support/engine.ts';
import { deleteFolder, fillFolder, imapClient, uniqueFolder } from './support/fixtures.ts';

const COUNT = 400;

/** Message-IDs on the server, read by another session (not the engine under test). */
async function serverMessageIds(client: ImapFlow, folder: string): Promise<string[]> {
  const ids: string[] = [];
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    for await (const m of client.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
  } finally {
    lock.release();
  }
  return ids.sort();
}

/** Message-ID header values of an mboxrd file, read the way any mbox reader would: header blocks after From_ lines. */
function mboxMessageIds(text: string): string[] {
  const ids: string[] = [];
  let inHeader = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('From ')) inHeader = true;
    else if (inHeader && line === '') inHeader = false;
    else if (inHeader && /^message-id:/i.test(line)) ids.push(line.slice(line.indexOf(':') + 1).trim());
  }
  return ids.sort();
}

for (const flavour of ['full', 'reduced'] as const) {
  describe(`export with progress and cancel, ${flavour} flavour`, () => {
    let info: StackInfo;
    let other: ImapFlow;
    let t: SyncTestEngine;
    const folder = uniqueFolder(`xp${flavour[0]}`);
    const HEAD = () => user(info, 'head');
    const progressOf = (exportId: string) =>
      t.events
        .filter((e) => e.event === 'export.progress')
        .map((e) => e.payload as ExportProgressEvent)
        .filter((p) => p.exportId === exportId);

    before(async () => {
      info = await stack(flavour);
      await fillFolder(info, HEAD().email, folder, COUNT);
      other = imapClient(info, HEAD().email, HEAD().password);
      await other.connect();
      t = await syncEngine(info);
      await addUser(t, info, 'head');
    });
    after(async () => {
      await t?.close();
      await other?.logout().catch(() => {});
      await deleteFolder(info, HEAD().email, folder);
    });

    test("progress events count every message up to the total; the mbox holds exactly the server's Message-IDs", async (tc) => {
      const dir = tempDir('tcv-export-');
      const started = performance.now();
      const r = await t.must('folders.export', {
        accountId: HEAD().email,
        folder,
        format: 'mbox',
        destination: dir,
        exportId: `mbox-${flavour}`,
      });
      tc.diagnostic(`${COUNT} messages to mbox in ${Math.round(performance.now() - started)} ms`);
      assert.equal(r.messages, COUNT);
      assert.equal(r.name, `${folder}.mbox`);
      const events = progressOf(`mbox-${flavour}`);
      assert.ok(events.length >= 2, `${events.length} progress events`);
      assert.deepEqual(events[0], {
        exportId: `mbox-${flavour}`,
        accountId: HEAD().email,
        folder,
        done: 0,
        total: COUNT,
        bytes: 0,
      });
      for (let i = 1; i < events.length; i++) {
        assert.ok((events[i]?.done ?? 0) >= (events[i - 1]?.done ?? 0), 'done never goes back');
      }
      assert.equal(events.at(-1)?.done, COUNT);
      assert.equal(events.at(-1)?.bytes, r.bytes);
      assert.deepEqual(readdirSync(dir), [`${folder}.mbox`], 'no .part left');
      assert.deepEqual(mboxMessageIds(readFileSync(r.path, 'utf8')), await serverMessageIds(other, folder));
    });

    test('cancel stops a running export with EXPORT_CANCELLED and leaves nothing behind (mbox and eml)', async () => {
      for (const format of ['mbox', 'eml'] as const) {
        const dir = tempDir('tcv-export-');
        const exportId = `cancel-${format}-${flavour}`;
        const running = t.call('folders.export', {
          accountId: HEAD().email,
          folder,
          format,
          destination: dir,
          exportId,
        });
        await t.waitFor('export.progress', (p) => p.exportId === exportId && p.done > 0);
        assert.deepEqual(await t.must('folders.exportCancel', { exportId }), { cancelled: true });
        const r = await running;
        assert.equal(r.ok ? 'ok' : r.error.code, 'EXPORT_CANCELLED', format);
        if (!r.ok) assert.equal(r.error.message, errorCodes.EXPORT_CANCELLED.vi);
        const last = progressOf(exportId).at(-1);
        assert.ok(last && last.done < COUNT, `stopped early (${last?.done} of ${COUNT})`);
        assert.deepEqual(readdirSync(dir), [], `${format}: no partial file or folder`);
        // The id is free again, and cancelling a finished export says so.
        assert.deepEqual(await t.must('folders.exportCancel', { exportId }), { cancelled: false });
      }
    });

    test('eml: one file per message, Message-IDs as on the server, written under .part and renamed', async () => {
      const dir = tempDir('tcv-export-');
      const r = await t.must('folders.export', {
        accountId: HEAD().email,
        folder,
        format: 'eml',
        destination: dir,
        exportId: `eml-${flavour}`,
      });
      assert.deepEqual(readdirSync(dir), [folder]);
      const files = readdirSync(r.path);
      assert.equal(files.length, COUNT);
      const ids = files.map((f) => {
        const head = readFileSync(join(r.path, f), 'utf8').split(/\r?\n\r?\n/)[0] ?? '';
        return /^message-id:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? '';
      });
      assert.deepEqual(ids.sort(), await serverMessageIds(other, folder));
    });

    test('a destination that cannot be written: a Vietnamese error, nothing written', async () => {
      const dir = tempDir('tcv-export-');
      const file = join(dir, 'không-phải-thư-mục');
      writeFileSync(file, 'x');
      const r = await t.call('folders.export', {
        accountId: HEAD().email,
        folder,
        format: 'eml',
        destination: join(file, 'sao-lưu'),
        exportId: `bad-${flavour}`,
      });
      assert.equal(r.ok ? 'ok' : r.error.code, 'STORAGE');
      assert.deepEqual(readdirSync(dir), ['không-phải-thư-mục']);
    });
  });
}

test("file-system errors become the user's words: disk full, no permission, other; socket errors are not", () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: failed, write`), { code, syscall: 'write' });
  const codeOf = (e: unknown) => (e as { code?: string }).code;
  assert.equal(codeOf(storageError(errno('ENOSPC'), 'x')), 'STORAGE_FULL');
  assert.equal(codeOf(storageError(errno('EDQUOT'), 'x')), 'STORAGE_FULL');
  assert.equal(codeOf(storageError(errno('EACCES'), 'x')), 'STORAGE_DENIED');
  assert.equal(codeOf(storageError(errno('EROFS'), 'x')), 'STORAGE_DENIED');
  assert.equal(codeOf(storageError(errno('ENOTDIR'), 'x')), 'STORAGE');
  const reset = errno('ECONNRESET');
  assert.equal(storageError(reset, 'x'), reset, 'a connection error stays a connection error');
});
