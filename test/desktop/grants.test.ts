// File grants (src/desktop/grants.ts, src/api/file-params.ts): in the app and the harness the renderer names files only
// by tokens from the app's own dialogs. Checked through the contract's real dispatcher on a real engine (temp
// profile, real files): a raw path is refused, a token works for the use it was granted for only, results come back
// as tokens, and every path-like parameter of the contract is in the table.
// Run: node --test test/desktop/grants.test.ts
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { z } from 'zod';
import { methods, type MethodName } from '../../src/api/contract.ts';
import { createDispatch, type Dispatch } from '../../src/api/dispatch.ts';
import { fileParams, isGrantToken } from '../../src/api/file-params.ts';
import type { FileGrant } from '../../src/api/types-desktop.ts';
import { createDesktopServices, type DesktopServices } from '../../src/desktop/host.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import type { FileDialogs, Logger } from '../../src/platform/types.ts';

const fixtures = new URL('../fixtures/directory/', import.meta.url);
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('file grants through dispatch (real engine)', () => {
  let dir: string;
  let engine: Engine;
  let desktop: DesktopServices;
  let gated: Dispatch;
  let ungated: Dispatch;
  // What the "user" picks in the next dialog.
  const next: { files: string[]; save: string | null; folder: string | null } = { files: [], save: null, folder: null };
  const asked: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tcv-grants-'));
    const dialogs: FileDialogs = {
      chooseFiles: async (o) => (asked.push(`open:${o.purpose}`), next.files),
      chooseSaveTarget: async (o) => (asked.push(`save:${o.purpose}:${o.suggestedName}`), next.save),
      chooseFolder: async (o) => (asked.push(`folder:${o.purpose}`), next.folder),
    };
    desktop = createDesktopServices({ dialogs, emitCompose: () => {} });
    engine = await createEngine({
      profileDir: join(dir, 'profile'),
      secrets: { backend: 'none', get: async () => null, set: async () => {}, delete: async () => false },
      log: quiet,
      desktop,
    });
    gated = createDispatch(engine.handlers, quiet, () => 'vi', { files: desktop.grants });
    ungated = createDispatch(engine.handlers, quiet);
    copyFileSync(new URL('sample.csv', fixtures), join(dir, 'Danh bạ.csv'));
  });
  after(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a raw path from the renderer is refused with FILE_NOT_GRANTED (Vietnamese), the engine never reads it', async () => {
    for (const [method, params] of [
      ['directory.validate', { path: join(dir, 'Danh bạ.csv') }],
      ['directory.import', { path: '/etc/passwd' }],
      ['directory.export', { path: join(dir, 'out.json'), format: 'json' }],
      ['folders.export', { accountId: 'a@b.vn', folder: 'INBOX', format: 'mbox', destination: join(dir, 'x.mbox') }],
      ['attachments.save', { accountId: 'a@b.vn', folder: 'INBOX', uid: 1, index: 0, destination: '/tmp/x.pdf' }],
      [
        'messages.send',
        { accountId: 'a@b.vn', to: ['x@y.vn'], subject: 's', text: 't', attachments: [{ path: '/etc/shadow' }] },
      ],
      ['drafts.save', { accountId: 'a@b.vn', attachments: [{ path: 'C:\\Users\\a\\secret.docx' }] }],
    ] as const) {
      const r = await gated(method, params);
      assert.equal(r.ok, false, method);
      assert.equal(!r.ok && r.error.code, 'FILE_NOT_GRANTED', method);
      assert.match(!r.ok ? r.error.message : '', /hộp thoại của ứng dụng/);
    }
    assert.ok(!existsSync(join(dir, 'out.json')), 'nothing written');
    // A made-up token in the right shape is refused the same way.
    const forged = `grant:${'A'.repeat(43)}`;
    const r = await gated('directory.validate', { path: forged });
    assert.equal(!r.ok && r.error.code, 'FILE_NOT_GRANTED');
  });

  test('the same call with a token from files.chooseFiles reads the chosen file; the renderer never saw its path', async () => {
    next.files = [join(dir, 'Danh bạ.csv')];
    const chosen = await gated('files.chooseFiles', { purpose: 'directoryImport', multiple: false });
    assert.ok(chosen.ok);
    const grants = chosen.value as FileGrant[];
    assert.equal(grants.length, 1);
    const grant = grants[0]!;
    assert.ok(isGrantToken(grant.token));
    assert.equal(grant.name, 'Danh bạ.csv');
    assert.equal(grant.size, readFileSync(join(dir, 'Danh bạ.csv')).length);
    assert.ok(!JSON.stringify(chosen).includes(dir), 'no path in the result');
    const report = await gated('directory.validate', { path: grant.token, format: 'csv' });
    assert.ok(report.ok, JSON.stringify(report));
    // The same report as the CLI gets with the path itself.
    const direct = await ungated('directory.validate', { path: join(dir, 'Danh bạ.csv'), format: 'csv' });
    assert.deepEqual(report, direct);
  });

  test('a read grant cannot be used to write, a write grant writes and the result is a token again', async () => {
    next.files = [join(dir, 'Danh bạ.csv')];
    const read = (await gated('files.chooseFiles', { purpose: 'attach', multiple: true })) as {
      ok: true;
      value: FileGrant[];
    };
    const misuse = await gated('directory.export', { path: read.value[0]!.token, format: 'json' });
    assert.equal(!misuse.ok && misuse.error.code, 'FILE_NOT_GRANTED', 'read grant used as a save target');
    assert.equal(readFileSync(join(dir, 'Danh bạ.csv'), 'utf8'), readFileSync(new URL('sample.csv', fixtures), 'utf8'));

    next.save = join(dir, 'Xuất danh bạ.json');
    const target = await gated('files.chooseSaveTarget', { purpose: 'directoryExport', suggestedName: 'danh-ba.json' });
    assert.ok(target.ok);
    const grant = (target.value as { grant: FileGrant | null }).grant!;
    assert.equal(grant.name, 'Xuất danh bạ.json');
    assert.equal(grant.size, null);
    assert.ok(asked.includes('save:directoryExport:danh-ba.json'));
    // Import first so there is something to export.
    const imported = await gated('directory.import', { path: read.value[0]!.token, format: 'csv' });
    assert.ok(imported.ok, JSON.stringify(imported));
    const exported = await gated('directory.export', { path: grant.token, format: 'json' });
    assert.ok(exported.ok, JSON.stringify(exported));
    assert.ok(existsSync(join(dir, 'Xuất danh bạ.json')), 'written where the user chose');
    const path = (exported.value as { path: string }).path;
    assert.ok(isGrantToken(path), 'the result names the file by a token');
    assert.equal(desktop.grants.resolve(path, ['read']), join(dir, 'Xuất danh bạ.json'));
  });

  test('cancelled dialogs give [] / null; a folder given as a file to open is refused with a Vietnamese error', async () => {
    next.files = [];
    next.save = null;
    next.folder = null;
    assert.deepEqual(await gated('files.chooseFiles', { purpose: 'attach' }), { ok: true, value: [] });
    assert.deepEqual(await gated('files.chooseSaveTarget', { purpose: 'attachment', suggestedName: 'a.pdf' }), {
      ok: true,
      value: { grant: null },
    });
    assert.deepEqual(await gated('files.chooseFolder', { purpose: 'attachments' }), {
      ok: true,
      value: { grant: null },
    });
    next.files = [dir];
    const r = await gated('files.chooseFiles', { purpose: 'attach' });
    assert.equal(!r.ok && r.error.code, 'ATTACHMENT_UNREADABLE');
    const bad = await gated('files.chooseSaveTarget', { purpose: 'attachment', suggestedName: '../../etc/passwd' });
    assert.equal(!bad.ok && bad.error.code, 'VALIDATION');
  });

  test('a dropped or pasted file (bytes) is staged under the profile and can be attached by its token', async () => {
    const bytes = Buffer.from('%PDF-1.4 Tờ trình số 12');
    // Through the gate as the renderer does it: begin, one chunk, end (the chunk rules: test/compose/attachments.test.ts).
    const stage = async (name: string, data: Buffer) => {
      const begun = await gated('files.stageBegin', { name, size: data.length });
      assert.ok(begun.ok, JSON.stringify(begun));
      const { uploadId } = begun.value as { uploadId: string };
      const chunk = await gated('files.stageChunk', { uploadId, offset: 0, dataBase64: data.toString('base64') });
      assert.ok(chunk.ok, JSON.stringify(chunk));
      const end = await gated('files.stageEnd', { uploadId });
      assert.ok(end.ok, JSON.stringify(end));
      return end.value as FileGrant;
    };
    const grant = await stage('Tờ trình số 12.pdf', bytes);
    assert.equal(grant.name, 'Tờ trình số 12.pdf');
    assert.equal(grant.size, bytes.length);
    const path = desktop.grants.resolve(grant.token, ['read'])!;
    assert.ok(path.startsWith(join(dir, 'profile', 'staged')));
    assert.deepEqual(readFileSync(path), bytes);
    // A second drop of the same name is a separate file.
    const again = await stage('Tờ trình số 12.pdf', Buffer.from([0]));
    assert.notEqual(again.token, grant.token);
    assert.notEqual(desktop.grants.resolve(again.token, ['read']), path);
    // A draft takes the token like a chosen file; the renderer gets a token back, the engine has the path.
    const account = await ungated('accounts.add', {
      email: 'a@b.vn',
      imap: { host: '127.0.0.1', port: 1, security: 'tls' },
      smtp: { host: '127.0.0.1', port: 1, security: 'tls' },
      password: 'unused',
      verify: false,
    });
    assert.ok(account.ok, JSON.stringify(account));
    const saved = await gated('drafts.save', { accountId: 'a@b.vn', attachments: [{ path: grant.token }] });
    assert.ok(saved.ok, JSON.stringify(saved));
    const draft = await gated('drafts.get', { id: (saved.value as { id: string }).id });
    assert.ok(draft.ok);
    const attachment = (draft.value as { attachments: { path: string; filename: string; size: number }[] })
      .attachments[0]!;
    assert.equal(attachment.path, grant.token, 'the same token for the same file');
    assert.equal(attachment.filename, 'Tờ trình số 12.pdf');
    assert.equal(attachment.size, bytes.length);
    // A name cannot climb out of its folder.
    for (const name of ['../../cache.sqlite', 'a\\b.pdf']) {
      const r = await gated('files.stageBegin', { name, size: 1 });
      assert.equal(!r.ok && r.error.code, 'VALIDATION', name);
    }
    // The one-shot files.stage is gone from the contract: the dispatcher does not know it.
    const oneShot = await gated('files.stage' as never, { name: 'x.pdf', dataBase64: 'AA==' } as never);
    assert.equal(!oneShot.ok && oneShot.error.code, 'UNKNOWN_METHOD');
  });

  test('the CLI (no gate) keeps naming files by path; a host without dialogs says so in Vietnamese', async () => {
    writeFileSync(join(dir, 'x.json'), readFileSync(new URL('sample.json', fixtures)));
    assert.ok((await ungated('directory.validate', { path: join(dir, 'x.json') })).ok);
    const bare = await createEngine({
      profileDir: join(dir, 'bare'),
      secrets: { backend: 'none', get: async () => null, set: async () => {}, delete: async () => false },
      log: quiet,
    });
    try {
      const r = await createDispatch(bare.handlers, quiet)('files.chooseFiles', { purpose: 'attach' });
      assert.equal(!r.ok && r.error.code, 'FILE_DIALOG_UNAVAILABLE');
      assert.match(!r.ok ? r.error.message : '', /hộp thoại chọn tệp/);
    } finally {
      await bare.close();
    }
  });
});

describe('the table of file parameters', () => {
  // Finds every string parameter whose name says it is a file path, through optional/default/array/object wrappers.
  function pathFields(schema: z.ZodType, at: string, out: string[]): void {
    const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
          pathFields(v, at ? `${at}.${k}` : k, out);
        }
        break;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
        pathFields(def.innerType as z.ZodType, at, out);
        break;
      case 'pipe':
        pathFields(def.in as z.ZodType, at, out);
        break;
      case 'array':
        pathFields(def.element as z.ZodType, `${at}[]`, out);
        break;
      case 'union':
        for (const o of def.options as z.ZodType[]) pathFields(o, at, out);
        break;
      case 'string':
        if (/(path|destination|file|target)$/i.test(at.split('.').pop() ?? '')) out.push(at);
        break;
    }
  }
  // Parameters called "path" that name an IMAP folder, not a file.
  const folderPaths = new Set([
    'folders.create path',
    'folders.rename path',
    'folders.delete path',
    'folders.empty path',
  ]);

  test('every path-like parameter of every contract method is gated (or is an IMAP folder name)', () => {
    const missing: string[] = [];
    for (const name of Object.keys(methods) as MethodName[]) {
      const found: string[] = [];
      pathFields(methods[name].params, '', found);
      const listed = new Set((fileParams[name] ?? []).map((f) => f.at));
      for (const at of found) if (!listed.has(at) && !folderPaths.has(`${name} ${at}`)) missing.push(`${name} ${at}`);
    }
    assert.deepEqual(missing, [], 'add these to src/api/file-params.ts fileParams');
  });
});
