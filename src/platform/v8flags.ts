// V8 flags for a process that runs the engine (docs/sync.md "Memory"). V8 sizes its young generation from the
// machine's RAM (64 MB semi-spaces on a 24 GB PC) and keeps those pages after a 100,000-message sync: RSS at rest
// 283 MB with 16 MB semi-spaces against 322 MB with V8's defaults (bench/sync.ts, 28/11/2026, session 3), at no
// measurable cost in speed. V8 reads the flag only when its heap is created: v8.setFlagsFromString() later has no
// effect (measured), so the flag must be on the command line of the process: `tcv` re-executes itself with it
// (bin/tcv.mjs), the benchmark starts its engine children with it, and Electron's main process relaunches itself
// once with it as `--js-flags` (electronRelaunchArgs below; docs/electron.md "Memory").
export const ENGINE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/**
 * Replaces this Node process by the same program with ENGINE_V8_FLAGS (process.execve: same pid, so signals and a
 * SIGKILL reach the engine itself), unless it already has them (and `extra`, flags a test needs as well). Where execve is not available (Windows) it does
 * nothing and the process runs with V8's defaults.
 */
export function reexecWithEngineFlags(extra: readonly string[] = []): void {
  const missing = [...ENGINE_V8_FLAGS, ...extra].filter((f) => !process.execArgv.includes(f));
  if (missing.length === 0 || typeof process.execve !== 'function' || process.platform === 'win32') return;
  try {
    process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)]);
  } catch {
    // Not permitted here (a sandbox, an odd platform): run on with V8's defaults.
  }
}

/** Marks the one relaunch of Electron's main process: a process started with it never relaunches again. */
export const RELAUNCH_MARKER = '--tcv-relaunched';

/**
 * Electron's main process, where the engine runs: the arguments for one `app.relaunch({ args })` that gives its V8
 * ENGINE_V8_FLAGS, or null when it has them already, or was relaunched once already (whatever went wrong then, never
 * a loop). `args` are the current arguments after the executable (process.argv.slice(1): the app folder in a
 * checkout, a mailto: URL, --compose ...), kept as they are; `jsFlags` is the current --js-flags value
 * (app.commandLine.getSwitchValue('js-flags')), kept and completed. The switches go first, before any argument.
 */
export function electronRelaunchArgs(args: readonly string[], jsFlags: string): string[] | null {
  const have = jsFlags.split(/\s+/).filter(Boolean);
  const missing = ENGINE_V8_FLAGS.filter((f) => !have.includes(f));
  if (missing.length === 0 || args.includes(RELAUNCH_MARKER)) return null;
  const rest = args.filter((a) => !a.startsWith('--js-flags='));
  return [`--js-flags=${[...have, ...missing].join(' ')}`, RELAUNCH_MARKER, ...rest];
}
