// The HAProxy configuration embedded in docker-compose.yml (configs.haproxy.content): the same
// generator as `npm run cluster`, with the compose service names. A test keeps the two equal;
// after changing the generator, print the new text with `node scripts/cluster/compose-haproxy.mjs`.
import { renderHaproxyConfig } from './haproxy-config.mjs';

export const COMPOSE_RELAYS = ['relay-1', 'relay-2', 'relay-3'];

export function composeHaproxyConfig() {
  return renderHaproxyConfig({
    bind: { host: '0.0.0.0', port: 8080 },
    servers: COMPOSE_RELAYS.map((name) => ({ name, host: name, port: 3000 })),
    // Docker's embedded DNS: a recreated relay container gets a new address.
    dnsResolver: '127.0.0.11:53',
    logToStdout: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(composeHaproxyConfig());
