// The HAProxy configurations embedded in docker-compose.yml (configs.haproxy.content, and
// configs.haproxy-cluster.content for the `cluster` profile's relays): the same generator as
// `npm run cluster`, with the compose service names. A test keeps them equal; after changing the
// generator, print the new texts with `node scripts/cluster/compose-haproxy.mjs [--redis-cluster]`.
import { renderHaproxyConfig } from './haproxy-config.mjs';

export const COMPOSE_RELAYS = ['relay-1', 'relay-2', 'relay-3'];
/** The `cluster` profile's relays, on the Redis Cluster (REDIS_CLUSTER_NODES). */
export const COMPOSE_CLUSTER_RELAYS = ['cluster-relay-1', 'cluster-relay-2', 'cluster-relay-3'];

export function composeHaproxyConfig(relays = COMPOSE_RELAYS) {
  return renderHaproxyConfig({
    bind: { host: '0.0.0.0', port: 8080 },
    servers: relays.map((name) => ({ name, host: name, port: 3000 })),
    // Docker's embedded DNS: a recreated relay container gets a new address.
    dnsResolver: '127.0.0.11:53',
    logToStdout: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(composeHaproxyConfig(process.argv.includes('--redis-cluster') ? COMPOSE_CLUSTER_RELAYS : COMPOSE_RELAYS));
}
