// Attachments the page hands over by their bytes (files.stageBegin / stageChunk / stageEnd, src/drafts/staged.ts)
// and the size limit, against the real stack through the gated dispatcher (grant tokens, as in the app): chunks
// written at their offsets, refusals with their codes, a staged file sent intact to the real Dovecot and removed
// with its draft, stale ones pruned at start; drafts.send refused over the real Postfix's SIZE (read from EHLO and
// from the stack's main.cf) with MESSAGE_TOO_LARGE before anything is queued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { createDispatch, type Dispatch } from '../../src/api/dispatch.ts';
import { openDb } from '../../src/cache/db.ts';
import type { FileGrant } from '../../src/api/types-desktop.ts';
import { createDesktopServices } from '../../src/desktop/host.ts';
import { STALE_MS, pruneStaged, stagedRoot } from '../../src/drafts/staged.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { createFileLogger } from '../../src/platform/log.ts';
import { createKeytarSecretStore } from '../../src/secrets/keytar.ts';
import { accountParams, stack, tempDir, user } from '../support/stack.ts';
import { cleanUp, findBySubject, imapAs, settle, source, tag, waitFor } from './support.ts';

let info: StackInfo;
let engine: Engine;
let profileDir: string;
let gated: Dispatch;
let ungated: Dispatch;
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  info = await stack('full');
  profileDir = tempDir('tcv-attach-');
  const log = createFileLogger(join(profileDir, 'logs', 'engine.log'), 'debug');
  const desktop = createDesktopServices({ dialogs: null, emitCompose: () => {} });
  engine = await createEngine({
    profileDir,
    secrets: createKeytarSecretStore(`Thư Công Vụ (test ${randomUUID()})`),
    log,
    trustedCaFiles: [info.ca],
    desktop,
  });
  gated = createDispatch(engine.handlers, log, () => 'vi', { files: desktop.grants });
  ungated = createDispatch(engine.handlers, log);
  await settle(async () => {
    const r = await ungated('accounts.add', accountParams(info, 'personal'));
    if (!r.ok) throw new Error(r.error.code);
  });
});
after(async () => {
  await engine.close();
  for (const c of cleanups) await c().catch(() => {});
});

async function must<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.code);
  return r.value as T;
}

/** Uploads `bytes` the way the compose pane does: 1 MB chunks in order. */
async function stage(name: string, bytes: Buffer): Promise<FileGrant> {
  const { uploadId } = await must<{ uploadId: string }>(
    gated('files.stageBegin', { name, size: bytes.length, accountId: user(info, 'personal').email }),
  );
  for (let off = 0; off < bytes.length; off += 1024 * 1024) {
    const chunk = bytes.subarray(off, off + 1024 * 1024);
    await must(gated('files.stageChunk', { uploadId, offset: off, dataBase64: chunk.toString('base64') }));
  }
  return must<FileGrant>(gated('files.stageEnd', { uploadId }));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const stagedFolders = () => (existsSync(stagedRoot(profileDir)) ? readdirSync(stagedRoot(profileDir)) : []);

test('chunked staging: written at each offset, refused out of order, over the declared size, over the limit', async () => {
  const bytes = randomBytes(2.5 * 1024 * 1024);
  const before = stagedFolders().length;
  const grant = await stage('Báo cáo quý 3.pdf', bytes);
  assert.equal(grant.name, 'Báo cáo quý 3.pdf');
  assert.equal(grant.size, bytes.length);
  assert.match(grant.token, /^grant:/, 'the page gets a token, never the path');
  const folder = stagedFolders().find((f) => existsSync(join(stagedRoot(profileDir), f, 'Báo cáo quý 3.pdf')));
  assert.equal(stagedFolders().length, before + 1);
  assert.equal(sha(readFileSync(join(stagedRoot(profileDir), folder as string, 'Báo cáo quý 3.pdf'))), sha(bytes));

  const { uploadId } = await must<{ uploadId: string }>(gated('files.stageBegin', { name: 'a.bin', size: 10 }));
  const skip = await gated('files.stageChunk', { uploadId, offset: 5, dataBase64: 'AAAA' });
  assert.equal(!skip.ok && skip.error.code, 'VALIDATION', 'a chunk must start where the last one ended');
  const over = await gated('files.stageChunk', {
    uploadId,
    offset: 0,
    dataBase64: Buffer.alloc(11).toString('base64'),
  });
  assert.equal(!over.ok && over.error.code, 'VALIDATION', 'more bytes than declared');
  const gone = await gated('files.stageEnd', { uploadId });
  assert.equal(!gone.ok && gone.error.code, 'INVALID_STATE', 'the refused upload was removed');

  const short = await must<{ uploadId: string }>(gated('files.stageBegin', { name: 'b.bin', size: 10 }));
  await must(gated('files.stageChunk', { uploadId: short.uploadId, offset: 0, dataBase64: 'AAAA' }));
  const early = await gated('files.stageEnd', { uploadId: short.uploadId });
  assert.equal(!early.ok && early.error.code, 'VALIDATION', 'fewer bytes than declared');
  const big = await gated('files.stageChunk', {
    uploadId: randomUUID(),
    offset: 0,
    dataBase64: Buffer.alloc(1024 * 1024 + 3).toString('base64'),
  });
  assert.equal(!big.ok && big.error.code, 'VALIDATION', 'a chunk is at most 1 MB');

  const email = user(info, 'personal').email;
  await must(gated('sendSettings.set', { accountId: email, maxMessageBytes: 64 * 1024 }));
  try {
    const tooBig = await gated('files.stageBegin', { name: 'Hồ sơ.zip', size: 100 * 1024, accountId: email });
    assert.equal(!tooBig.ok && tooBig.error.code, 'MESSAGE_TOO_LARGE');
    assert.match(!tooBig.ok ? tooBig.error.message : '', /lớn hơn giới hạn/);
  } finally {
    await must(gated('sendSettings.set', { accountId: email, maxMessageBytes: null }));
  }
  assert.equal(stagedFolders().length, before + 1, 'refused uploads leave nothing behind');
});

test('a staged 5 MB file is sent intact to the real Dovecot, and goes with its draft; a discarded draft takes its file too', async () => {
  const email = user(info, 'personal').email;
  const vanthu = user(info, 'custodian').email;
  const id = tag('dinh-kem');
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  cleanups.push(() => cleanUp(info, 'personal', ['Sent'], id));
  const bytes = randomBytes(5 * 1024 * 1024);
  const before = stagedFolders().length;
  const grant = await stage('Hồ sơ dự án.bin', bytes);
  const saved = await must<{ id: string }>(
    gated('drafts.save', {
      accountId: email,
      to: [vanthu],
      subject: `Gửi hồ sơ ${id}`,
      text: 'Kèm theo hồ sơ.',
      attachments: [{ path: grant.token, filename: grant.name }],
    }),
  );
  assert.equal(stagedFolders().length, before + 1);
  const entry = await must<{ id: number; state: string }>(gated('drafts.send', { id: saved.id, holdSeconds: 0 }));
  assert.equal(entry.state, 'sent');
  assert.equal(stagedFolders().length, before, 'the staged file went with the sent draft');

  const client = await imapAs(info, 'custodian');
  try {
    const [found] = await waitFor(
      async () => {
        const f = await findBySubject(client, 'INBOX', id);
        return f.length ? f : undefined;
      },
      30_000,
      'delivered to vanthu',
    );
    const mail = await simpleParser(await source(client, 'INBOX', (found as { uid: number }).uid));
    assert.equal(mail.attachments.length, 1);
    assert.equal(mail.attachments[0]?.filename, 'Hồ sơ dự án.bin');
    assert.equal(sha(mail.attachments[0]?.content as Buffer), sha(bytes), 'byte for byte');
  } finally {
    await client.logout();
  }

  const other = await stage('Nháp bỏ đi.txt', Buffer.from('không gửi'));
  const draft = await must<{ id: string }>(
    gated('drafts.save', { accountId: email, subject: 'bỏ', attachments: [{ path: other.token }] }),
  );
  assert.equal(stagedFolders().length, before + 1);
  await must(gated('drafts.delete', { id: draft.id }));
  assert.equal(stagedFolders().length, before, 'discarding the draft removed its staged file');
});

test('drafts.send over the real Postfix SIZE limit: MESSAGE_TOO_LARGE before anything is queued, the draft kept', async (tc) => {
  const email = user(info, 'personal').email;
  // The limit the stack configures (scripts/mailstack/config.ts writes it into main.cf) and what EHLO says.
  const mainCf = readFileSync(join(info.dir, 'postfix', 'conf', 'main.cf'), 'utf8');
  const configured = Number(/^message_size_limit\s*=\s*(\d+)/m.exec(mainCf)?.[1]);
  assert.ok(configured > 0, 'main.cf has message_size_limit');
  const s = await must<{ serverSizeLimit: number; effectiveLimit: number }>(
    gated('sendSettings.get', { accountId: email, refresh: true }),
  );
  assert.equal(s.serverSizeLimit, configured);
  assert.equal(s.effectiveLimit, configured);
  // base64 makes 4 bytes of 3: this file is just over the limit once encoded (and under it raw, as users think).
  const dir = tempDir('tcv-big-');
  const big = join(dir, 'Bản đồ quy hoạch.tif');
  writeFileSync(big, '');
  truncateSync(big, Math.ceil((configured * 3) / 4) + 1024);
  const saved = await must<{ id: string }>(
    ungated('drafts.save', {
      accountId: email,
      to: [user(info, 'custodian').email],
      subject: `Quá lớn ${tag('qua-lon')}`,
      text: 'x',
      attachments: [{ path: big }],
    }),
  );
  const outboxBefore = await must<unknown[]>(gated('outbox.list', { accountId: email }));
  const started = performance.now();
  const r = await gated('drafts.send', { id: saved.id, holdSeconds: 0 });
  tc.diagnostic(`composed and refused in ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'MESSAGE_TOO_LARGE');
  assert.match(!r.ok ? r.error.message : '', /Hãy bớt tệp đính kèm/);
  assert.equal((await must<unknown[]>(gated('outbox.list', { accountId: email }))).length, outboxBefore.length);
  const kept = await must<{ outboxId: number | null }>(ungated('drafts.get', { id: saved.id }));
  assert.equal(kept.outboxId, null, 'the draft is still a draft');
  await must(ungated('drafts.delete', { id: saved.id }));
});

test('at start, staged folders older than 7 days that no draft refers to are removed', async () => {
  const root = stagedRoot(profileDir);
  const make = (age: number) => {
    const id = randomUUID();
    mkdirSync(join(root, id), { recursive: true });
    writeFileSync(join(root, id, 'a.txt'), 'a');
    const t = (Date.now() - age) / 1000;
    utimesSync(join(root, id), t, t);
    return id;
  };
  const old = make(STALE_MS + 3600_000);
  const fresh = make(3600_000);
  const oldButUsed = make(STALE_MS + 3600_000);
  const email = user(info, 'personal').email;
  const draft = await must<{ id: string }>(
    ungated('drafts.save', {
      accountId: email,
      subject: 'giữ',
      attachments: [{ path: join(root, oldButUsed, 'a.txt') }],
    }),
  );
  // What the engine does at start, on a second connection to the same cache (WAL).
  const db = openDb(join(profileDir, 'cache.sqlite'));
  const removed = await pruneStaged(profileDir, db);
  db.close();
  assert.ok(removed >= 1);
  assert.equal(existsSync(join(root, old)), false);
  assert.equal(existsSync(join(root, fresh)), true);
  assert.equal(existsSync(join(root, oldButUsed)), true, 'a draft still refers to it');
  await must(ungated('drafts.delete', { id: draft.id }));
  assert.equal(existsSync(join(root, oldButUsed)), false);
});
