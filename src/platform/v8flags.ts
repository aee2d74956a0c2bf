// V8 flags for a process that runs the engine (docs/sync.md "Memory"). V8 sizes its young generation from the
// machine's RAM (64 MB semi-spaces on a 24 GB PC) and keeps those pages after a 100,000-message sync: measured 391 MB
// RSS at rest with V8's defaults against 240 MB with 16 MB semi-spaces, at no measurable cost in speed. V8 reads the
// flag only when its heap is created: v8.setFlagsFromString() later has no effect (measured), so the flag must be on
// the command line of the process: `tcv` re-executes itself with it (bin/tcv.mjs), the benchmark starts its engine
// children with it, Electron needs it as `--js-flags` on its own command line for the main process.
export const ENGINE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/**
 * Replaces this Node process by the same program with ENGINE_V8_FLAGS (process.execve: same pid, so signals and a
 * SIGKILL reach the engine itself), unless it already has them. Where execve is not available (Windows) it does
 * nothing and the process runs with V8's defaults.
 */
export function reexecWithEngineFlags(): void {
  const missing = ENGINE_V8_FLAGS.filter((f) => !process.execArgv.includes(f));
  if (missing.length === 0 || typeof process.execve !== 'function' || process.platform === 'win32') return;
  try {
    process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)]);
  } catch {
    // Not permitted here (a sandbox, an odd platform): run on with V8's defaults.
  }
}
