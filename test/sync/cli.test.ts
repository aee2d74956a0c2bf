// `tcv sync [--folder F] [--watch]`, `tcv export --format mbox|eml FOLDER DIR` and `tcv attachment` against the real
// stack, through the same contract as the app; on both Dovecot flavours (the reduced one has neither CONDSTORE nor
// QRESYNC, so `tcv sync` takes the UID-range path there).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { addAccountWithTcv, spawnTcv, tcv } from '../support/cli.ts';
import { tempDir } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { benchMessage, fillFolder } from './support/fixtures.ts';
import { syncSuite } from './support/suite.ts';

for (const flavour of ['full', 'reduced'] as const) {
  describe(`${flavour} flavour`, () => {
    let profile: string;
    const s = syncSuite(async () => {
      await fillFolder(s.info, s.head().email, folder, 10);
      profile = tempDir('tcv-sync-cli-');
      await addAccountWithTcv(s.info, profile, 'head');
    }, flavour);
    const folder = s.folder('cli');
    const run = (args: string[]) => tcv(['--profile', profile, ...args]);

    test('tcv sync --folder F: JSON result and a Vietnamese summary', async () => {
      const r = await run(['sync', '--folder', folder, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout);
      assert.equal(summary.folder, folder);
      assert.equal(summary.total, 10);
      assert.equal(summary.mode, 'full');
      const again = await run(['sync', '--folder', folder]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, new RegExp(`^Đã đồng bộ ${folder}: 10 thư, 0 thư mới`));
    });

    test('tcv sync --watch prints new mail as it arrives and stops cleanly on Ctrl+C', async () => {
      const p = spawnTcv(['--profile', profile, 'sync', '--folder', folder, '--watch']);
      let stderr = '';
      const watching = new Promise<void>((resolve) => {
        p.stderr.on('data', (d) => {
          stderr += d;
          if (stderr.includes('Đang theo dõi')) resolve();
        });
      });
      const exited = new Promise<number | null>((resolve) => p.on('close', (code) => resolve(code)));
      const lines = createInterface({ input: p.stdout });
      const seen: string[] = [];
      const newMail = new Promise<string>((resolve) => {
        lines.on('line', (l) => {
          seen.push(l);
          if (l.startsWith('Thư mới')) resolve(l);
        });
      });
      await watching;
      assert.match(stderr, /\(IDLE\)/);
      const lock = await s.other.getMailboxLock(folder);
      try {
        await s.other.append(folder, benchMessage(4242, new Date()), []);
      } finally {
        lock.release();
      }
      const line = await Promise.race([
        newMail,
        new Promise<string>((_, reject) =>
          setTimeout(() => reject(new Error(`no new mail line: ${seen.join('|')} ${stderr}`)), 10_000),
        ),
      ]);
      assert.match(line, new RegExp(`^Thư mới \\[${folder}\\] +11 .*4242`));
      p.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
    });

    test('tcv export --format mbox|eml FOLDER DIR, and usage errors', async () => {
      const dir = tempDir('tcv-cli-export-');
      const mbox = await run(['export', '--format', 'mbox', folder, dir, '--json']);
      assert.equal(mbox.code, 0, mbox.stderr);
      const r = JSON.parse(mbox.stdout);
      assert.equal(r.messages, 11);
      assert.equal((readFileSync(r.path, 'utf8').match(/^From /gm) ?? []).length, 11);
      const eml = await run(['export', '--format', 'eml', folder, join(dir, 'eml')]);
      assert.equal(eml.code, 0, eml.stderr);
      assert.match(eml.stdout, /^Đã xuất 11 thư/);
      assert.equal(readdirSync(join(dir, 'eml', folder)).length, 11);
      const bad = await run(['export', '--format', 'pst', folder, dir]);
      assert.equal(bad.code, 2);
      const missing = await run(['export', '--format', 'mbox', folder]);
      assert.equal(missing.code, 2);
    });

    test('tcv attachment UID INDEX --save-to FILE', async () => {
      const list = JSON.parse((await run(['ls', folder, '--json'])).stdout) as {
        items: { uid: number; subject: string }[];
      };
      // Message 10 of the fill carries "Văn bản số 10.pdf" (every fifth does).
      const m10 = list.items.find((m) => /\b10\b/.test(m.subject));
      assert.ok(m10);
      const dest = join(tempDir('tcv-cli-att-'), 'văn bản.pdf');
      const r = await run(['attachment', String(m10.uid), '0', '--folder', folder, '--save-to', dest, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).filename, 'Văn bản số 10.pdf');
      assert.deepEqual(readFileSync(dest), tinyPdf('Văn bản 10'));
    });
  });
}
