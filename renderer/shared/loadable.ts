// The three states every pane designs for (issue 4: "empty, loading and error states for every list and pane").
import type { ApiError } from '../../src/api/errors.ts';
import type { Result } from '../../src/api/contract.ts';

export type Loadable<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; value: T };

export const idle: Loadable<never> = { status: 'idle' };
export const loading: Loadable<never> = { status: 'loading' };

export function fromResult<T>(result: Result<T>): Loadable<T> {
  return result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error };
}

/** For exhaustive switches over tagged unions: adding a state is a compile error where it is not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled state: ${JSON.stringify(value)}`);
}
