#!/usr/bin/env node
// `tcv`: the engine's command line. Runs the TypeScript sources directly on Node >= 24 (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `tcv cần Node.js 24 trở lên (đang chạy ${process.version}). / tcv needs Node.js 24 or newer (running ${process.version}).\n`,
  );
  process.exit(2);
}
// A sync may run for minutes and hold 100,000 headers' worth of garbage: it runs with the engine's V8 flags
// (src/platform/v8flags.ts). Short commands start faster without the extra exec.
const args = process.argv.slice(2);
const command = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--profile');
if (command === 'sync') (await import('../src/platform/v8flags.ts')).reexecWithEngineFlags();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(args);
