// Types for compose-haproxy.mjs.
export const COMPOSE_RELAYS: string[];
export const COMPOSE_CLUSTER_RELAYS: string[];
export function composeHaproxyConfig(relays?: readonly string[]): string;
