// The contract's event names for the renderer's run time. The renderer imports src/api/contract.ts for TYPES only:
// at run time that module carries the zod schemas (a large share of the bundle), and zod probes `new Function("")`,
// which the renderer's CSP (script-src 'self', no 'unsafe-eval') reports as a violation. The `satisfies` makes this
// table exactly the contract's events: a new event there is a compile error here until it is listed.
import type { EventName } from '../../src/api/contract.ts';

const events = {
  'sync.progress': true,
  'mail.new': true,
  'folder.changed': true,
  'outbox.changed': true,
  'outbox.progress': true,
  'ops.changed': true,
  'settings.changed': true,
  'app.compose': true,
  'app.openMessage': true,
  'export.progress': true,
  'account.connection': true,
} as const satisfies Record<EventName, true>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
