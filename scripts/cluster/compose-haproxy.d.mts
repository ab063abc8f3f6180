// Types for compose-haproxy.mjs.
export const COMPOSE_RELAYS: string[];
export function composeHaproxyConfig(): string;
