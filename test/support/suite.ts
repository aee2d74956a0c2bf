// One before/after pair for a test file (or a describe block) that works on the shared mail stack: the stack is
// started (or found running) once, and everything a test opens — engines, proxies, IMAP sessions, folders — is
// registered as it is opened and closed in after(), newest first, even when a test failed half-way. Every clean-up
// runs; their failures are reported together at the end rather than hiding each other.
import { after, before } from 'node:test';
import type { Flavour, StackInfo } from '../../scripts/mailstack/index.ts';
import { stack } from './stack.ts';

export interface Suite {
  /** The running stack of the suite's flavour; available from before() on. */
  readonly info: StackInfo;
  /** Runs fn in after(): clean-ups run newest first. */
  cleanup(fn: () => unknown): void;
  /** Registers close(value) as a clean-up and returns value, so a resource is kept where it is opened. */
  keep<T>(value: T, close: (value: T) => unknown): T;
}

/**
 * Declares the suite's hooks; call it at the top level of a test file or inside a describe(). `setup` runs in
 * before(), once the stack is there; what it keeps is cleaned up like the rest.
 */
export function suite(flavour: Flavour = 'full', setup?: (s: Suite) => Promise<void>): Suite {
  let info: StackInfo | null = null;
  const cleanups: (() => unknown)[] = [];
  const s: Suite = {
    get info(): StackInfo {
      if (!info) throw new Error('suite(): the stack is available from before() on');
      return info;
    },
    cleanup(fn) {
      cleanups.push(fn);
    },
    keep(value, close) {
      cleanups.push(() => close(value));
      return value;
    },
  };
  before(async () => {
    info = await stack(flavour);
    await setup?.(s);
  });
  after(async () => {
    const failures: unknown[] = [];
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} clean-ups failed`);
  });
  return s;
}
