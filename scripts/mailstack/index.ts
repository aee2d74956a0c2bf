// Programmatic API of the test mail stack, for tests, benchmarks and the demo (docs/mailstack.md).
export type { Flavour, Role, StackUser } from './layout.ts';
export { DOMAIN, HOST, PORTS, USERS } from './layout.ts';
export type { StackInfo, StartOptions } from './stack.ts';
export { missingComponents, stackStatus, startStack, stopStack } from './stack.ts';
export type { InjectOptions, InjectResult } from './fixtures.ts';
export { doveadm, doveadmSave, injectMessage, resetMailboxes } from './fixtures.ts';
export type { PrivateServer, PrivateStack, PrivateStackOptions } from './private.ts';
export { startPrivateStack } from './private.ts';
