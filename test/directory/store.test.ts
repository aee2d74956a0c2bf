// The directory in the profile cache, through the engine's handlers and the contract's dispatch (validation at the
// boundary, errors as data): import refuses a file with errors, search/match/get/groups/members/export work on what
// was stored, and an import by another process on the same profile is seen at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers, MethodName, ParamsIn, Result, ResultOf } from '../../src/api/contract.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import { openDb, schemaVersion } from '../../src/cache/db.ts';
import { migrations } from '../../src/cache/migrations.ts';
import { readDirectory } from '../../src/directory/index.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import { directoryHandlers } from '../../src/engine/handlers/directory.ts';
import { CAN_THO, FIXTURES, canonical } from './helpers.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function setup(profile = mkdtempSync(join(tmpdir(), 'tcv-dir-'))) {
  const db = openDb(join(profile, 'cache.sqlite'));
  const ctx = { db, log: quiet, opts: {} } as unknown as EngineContext;
  const dispatch = createDispatch(directoryHandlers(ctx) as unknown as Handlers, quiet);
  const call = <M extends MethodName>(m: M, p: ParamsIn<M>) => dispatch(m, p) as Promise<Result<ResultOf<M>>>;
  const must = async <M extends MethodName>(m: M, p: ParamsIn<M>) => {
    const r = await call(m, p);
    if (!r.ok) throw new Error(`${m}: ${r.error.code}`);
    return r.value;
  };
  return { db, call, must, profile };
}

test('the migration creates the directory tables', () => {
  const { db } = setup();
  assert.equal(schemaVersion(db), migrations.length);
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'directory_%'").all() as Array<{
      name: string;
    }>
  )
    .map((r) => r.name)
    .sort();
  assert.deepEqual(tables, ['directory_entries', 'directory_groups', 'directory_members', 'directory_meta']);
});

test('import the Cần Thơ example, then search, match, get, groups and members from the cache', async () => {
  const { must, call } = setup();
  const empty = await must('directory.info', {});
  assert.equal(empty.entries, 0);
  assert.equal(empty.source, null);

  const r = await must('directory.import', { path: CAN_THO });
  assert.equal(r.imported, true);
  assert.equal(r.report.ok, true);
  assert.equal(r.info.entries, r.report.entries);
  assert.equal(r.info.format, 'json');
  assert.ok(r.info.examples > 50);

  assert.equal((await must('directory.search', { query: 'stc' })).hits[0]?.entry.id, 'stc');
  const m = await must('directory.match', { text: 'Sở TT&TT' });
  assert.equal(m.status, 'matched');
  assert.equal(m.successors[0]?.id, 'skhcn');
  const many = await must('directory.matchMany', { items: ['Sở Tài chính', 'Như trên', 'TT.TU'] });
  assert.deepEqual(
    many.map((x) => x.status),
    ['matched', 'unmatched', 'matched'],
  );

  const d = await must('directory.get', { id: 'skhcn' });
  assert.deepEqual(
    d.predecessors.map((e) => e.id),
    ['sttt'],
  );
  assert.deepEqual(
    d.groups.map((g) => g.id),
    ['so-ban-nganh'],
  );
  const q = await must('directory.get', { id: 'ubnd-q-ninh-kieu' });
  assert.equal(q.successor?.id, 'ubnd-p-ninh-kieu');

  const groups = await must('directory.groups', {});
  assert.equal(groups.find((g) => g.group.id === 'so-ban-nganh')?.members, 14);
  const members = await must('directory.members', { groupId: 'ubnd-phuong-xa' });
  assert.equal(members.members.length, 48);

  const missing = await call('directory.get', { id: 'khong-co' });
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.equal(missing.error.code, 'DIRECTORY_ENTRY_NOT_FOUND');
  const noGroup = await call('directory.members', { groupId: 'khong-co' });
  if (!noGroup.ok) assert.equal(noGroup.error.code, 'DIRECTORY_GROUP_NOT_FOUND');
  else assert.fail('expected an error');
  const bad = await call('directory.search', { query: 42 } as never);
  if (!bad.ok) assert.equal(bad.error.code, 'VALIDATION');
  else assert.fail('expected VALIDATION');
});

test('the stored directory is exactly the imported one (round trip through SQLite)', async () => {
  const { must, profile } = setup();
  await must('directory.import', { path: join(FIXTURES, 'sample.json') });
  const out = join(profile, 'export.json');
  const e = await must('directory.export', { path: out, format: 'json' });
  assert.equal(e.entries, 12);
  const back = readDirectory(readFileSync(out), { file: out });
  const orig = readDirectory(readFileSync(join(FIXTURES, 'sample.json')));
  assert.deepEqual(canonical(back.directory), canonical(orig.directory));
  assert.equal(back.directory.name, 'Danh bạ mẫu cho kiểm thử');
  for (const format of ['csv', 'xlsx', 'vcard'] as const) {
    const p = join(profile, `export.${format}`);
    await must('directory.export', { path: p, format });
    assert.deepEqual(
      canonical(readDirectory(readFileSync(p), { file: p }).directory),
      canonical(orig.directory),
      format,
    );
  }
});

test('a file with errors is refused and the stored directory is unchanged; dry run changes nothing', async () => {
  const { must, call } = setup();
  await must('directory.import', { path: join(FIXTURES, 'sample.json') });
  const r = await must('directory.import', { path: join(FIXTURES, 'planted-errors.json') });
  assert.equal(r.imported, false);
  assert.equal(r.report.ok, false);
  assert.ok(r.report.errors >= 10);
  assert.equal(r.info.entries, 12, 'the previous directory is still there');
  const dry = await must('directory.import', { path: CAN_THO, dryRun: true });
  assert.equal(dry.imported, false);
  assert.equal(dry.report.ok, true);
  assert.equal((await must('directory.info', {})).entries, 12);
  const v = await must('directory.validate', { path: join(FIXTURES, 'planted-errors.csv') });
  assert.equal(v.ok, false);
  assert.equal(v.format, 'csv');
  const gone = await call('directory.import', { path: join(FIXTURES, 'no-such-file.json') });
  assert.equal(gone.ok, false);
  if (!gone.ok) assert.equal(gone.error.code, 'FILE_UNREADABLE');
});

test('an import made by another process on the same profile is seen by the next search', async () => {
  const a = setup();
  const b = setup(a.profile);
  await a.must('directory.import', { path: join(FIXTURES, 'sample.json') });
  assert.equal((await b.must('directory.search', { query: 'stc' })).hits[0]?.entry.id, 'stc');
  assert.equal((await b.must('directory.search', { query: 'Sở Ngoại vụ' })).hits.length, 0);
  await a.must('directory.import', { path: CAN_THO });
  assert.equal((await b.must('directory.search', { query: 'Sở Ngoại vụ' })).hits[0]?.entry.id, 'sngv');
});
