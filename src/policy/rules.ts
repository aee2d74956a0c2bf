// What the policy means for the rest of the program: the renderer's view of it and the server lock.
import { TcvError } from '../api/errors.ts';
import type { ServerEndpoint } from '../api/types.ts';
import type { PolicyView } from '../api/types-accounts.ts';
import { policyCovers, type PolicyState } from './load.ts';
import type { Policy } from './schema.ts';

export function policyView(state: PolicyState | undefined): PolicyView {
  if (state?.status !== 'ok') {
    return {
      status: state?.status ?? 'none',
      error: state?.status === 'invalid' ? state.error.code : null,
      organisation: null,
      domains: [],
      lockServers: false,
      passwordChangeUrl: null,
      helpdesk: null,
      lockedSettings: [],
    };
  }
  const p = state.policy;
  return {
    status: 'ok',
    error: null,
    organisation: p.organisation ?? null,
    domains: p.domains,
    lockServers: p.lockServers,
    passwordChangeUrl: p.passwordChangeUrl ?? null,
    helpdesk: p.helpdesk ?? null,
    lockedSettings: Object.keys(p.lockedSettings).sort(),
  };
}

const same = (a: ServerEndpoint, b: ServerEndpoint) =>
  a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.security === b.security;

/**
 * The lock (docs/policy.md "lockServers"): an address in a locked policy's domains must use the policy's servers.
 * Enforced in the engine, so neither a hand-made API call nor the CLI can get around what the form shows read-only.
 */
export function assertServersAllowed(
  policy: Policy | null,
  email: string,
  servers: { imap: ServerEndpoint; smtp: ServerEndpoint },
): void {
  if (!policy?.lockServers || !policy.imap || !policy.smtp || !policyCovers(policy, email)) return;
  if (!same(servers.imap, policy.imap) || !same(servers.smtp, policy.smtp)) {
    throw new TcvError(
      'POLICY_LOCKED',
      `${email}: servers must be imap ${policy.imap.host}:${policy.imap.port} smtp ${policy.smtp.host}:${policy.smtp.port}`,
    );
  }
}
