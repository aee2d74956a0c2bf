// Writes docs/policy.schema.json from the policy's zod schema (src/policy/schema.ts), so the two cannot drift:
// test/policy/policy.test.ts fails when the committed file differs. Run: node scripts/policy-schema.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policyJsonSchema } from '../src/policy/schema.ts';

const out = fileURLToPath(new URL('../docs/policy.schema.json', import.meta.url));
writeFileSync(out, JSON.stringify(policyJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${out}\n`);
