// Discovery's network from the environment, for the CLI and IT pilots: TCV_DNS_SERVERS ("127.0.0.1:5353,10.0.0.2")
// asks those DNS servers instead of the system's; TCV_AUTOCONFIG_PORT serves autoconfig from another HTTPS port
// (an IT proxy). Unset: undefined, i.e. the engine's default (the system's DNS servers, port 443).
import { Resolver } from 'node:dns/promises';
import type { DiscoveryNetwork } from './discover.ts';

export function discoveryNetworkFromEnv(env: NodeJS.ProcessEnv): DiscoveryNetwork | undefined {
  const servers = (env.TCV_DNS_SERVERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const port = Number(env.TCV_AUTOCONFIG_PORT ?? '');
  if (servers.length === 0 && !env.TCV_AUTOCONFIG_PORT) return undefined;
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  if (servers.length) resolver.setServers(servers);
  return {
    resolver,
    ...(Number.isInteger(port) && port > 0 && port < 65536 ? { autoconfigPort: port } : {}),
  };
}
