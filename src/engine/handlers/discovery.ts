// accounts.discover, accounts.discoverCancel and policy.get (docs/accounts.md, docs/policy.md).
import { Resolver } from 'node:dns/promises';
import { TcvError } from '../../api/errors.ts';
import type { discoveryMethods } from '../../api/methods/discovery.ts';
import { discover, type DiscoveryNetwork } from '../../accounts/discovery/index.ts';
import { trustedCas } from '../../mail/tls.ts';
import { activePolicy } from '../../policy/load.ts';
import { policyView } from '../../policy/rules.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

/** The system's DNS servers, one try each with a short limit: discovery must answer within seconds. */
function systemNetwork(): DiscoveryNetwork {
  return { resolver: new Resolver({ timeout: 2000, tries: 1 }) };
}

export function discoveryHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof discoveryMethods> {
  const { opts, log } = ctx;
  const policy = activePolicy(opts.policy);
  const network = opts.discovery === undefined ? systemNetwork() : opts.discovery;
  // One discovery at a time: the form asks again as the address is typed, and only the newest answer matters.
  let current: AbortController | null = null;
  return {
    'accounts.discover': async ({ email }) => {
      current?.abort();
      const ctl = new AbortController();
      current = ctl;
      try {
        const cas = trustedCas([...(opts.trustedCaFiles ?? []), ...(policy?.caFile ? [policy.caFile] : [])]);
        const r = await discover(email, { policy, network, cas, signal: ctl.signal });
        if (ctl.signal.aborted) throw new TcvError('DISCOVERY_CANCELLED', email);
        log.info('discovery', {
          domain: r.domain,
          found: r.candidates[0]?.source ?? null,
          tried: r.tried.map((a) => `${a.source} ${a.target} ${a.outcome}${a.code ? ` ${a.code}` : ''}`),
        });
        return r;
      } finally {
        if (current === ctl) current = null;
      }
    },
    'accounts.discoverCancel': async () => {
      const had = current !== null;
      current?.abort();
      current = null;
      return { cancelled: had };
    },
    'policy.get': async () => policyView(opts.policy),
  };
}
