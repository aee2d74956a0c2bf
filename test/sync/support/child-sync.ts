// Child process for the crash test: opens an engine on an existing profile and syncs one folder, printing every
// progress event as a JSON line, so the parent can SIGKILL it in the middle of a batch stream.
// Usage: node child-sync.ts PROFILE_DIR CA_FILE ACCOUNT FOLDER
import { join } from 'node:path';
import { createDispatch } from '../../../src/api/dispatch.ts';
import { createEngine } from '../../../src/engine/index.ts';
import { createFileLogger } from '../../../src/platform/log.ts';
import { createKeytarSecretStore } from '../../../src/secrets/keytar.ts';

const [profileDir, ca, accountId, folder] = process.argv.slice(2) as [string, string, string, string];
const log = createFileLogger(join(profileDir, 'logs', 'child.log'), 'debug');
const engine = await createEngine({
  profileDir,
  secrets: createKeytarSecretStore(),
  log,
  trustedCaFiles: [ca],
  sync: { prefetchDays: 0 },
});
engine.onEvent((event, payload) => {
  if (event === 'sync.progress') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
const dispatch = createDispatch(engine.handlers, log);
const r = await dispatch('sync.run', { accountId, folder });
process.stdout.write(`${JSON.stringify({ done: true, result: r })}\n`);
await engine.close();
