#!/usr/bin/env node
// `tcv`: the engine's command line. Runs the TypeScript sources directly on Node >= 24 (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `tcv cần Node.js 24 trở lên (đang chạy ${process.version}). / tcv needs Node.js 24 or newer (running ${process.version}).\n`,
  );
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
