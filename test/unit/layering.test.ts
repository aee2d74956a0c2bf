// The layering rule is live: a deliberate bad import in each layer fails lint (issue 2 acceptance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('src/ may not import electron, react or UI kits', async () => {
  assert.equal((await restricted("import { app } from 'electron';\nexport const a = app;\n", 'src/bad.ts')).length, 1);
  assert.equal((await restricted("import React from 'react';\nexport const r = React;\n", 'src/x/bad.ts')).length, 1);
  assert.equal(
    (await restricted("import { Button } from '@fluentui/react-components';\nexport const b = Button;\n", 'src/bad.ts'))
      .length,
    1,
  );
  assert.equal(
    (await restricted("import { join } from 'node:path';\nexport const j = join;\n", 'src/ok.ts')).length,
    0,
  );
});

test('renderer/ may not import Node built-ins, electron, or src/ beyond the API contract', async () => {
  assert.equal((await restricted("import fs from 'node:fs';\nexport const f = fs;\n", 'renderer/bad.ts')).length, 1);
  assert.equal((await restricted("import fs from 'fs';\nexport const f = fs;\n", 'renderer/bad.ts')).length, 1);
  assert.equal(
    (await restricted("import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'renderer/bad.ts'))
      .length,
    1,
  );
  assert.equal(
    (await restricted("import { openDb } from '../src/cache/db.ts';\nexport const o = openDb;\n", 'renderer/bad.ts'))
      .length,
    1,
  );
  const ok = "import { methods } from '../src/api/contract.ts';\nexport const m = methods;\n";
  assert.equal((await restricted(ok, 'renderer/ok.ts')).length, 0);
});
