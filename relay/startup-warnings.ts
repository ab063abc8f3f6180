import type { RelayConfig } from './config.js';
import { acceptsAnyHost } from './http/host-policy.js';

/**
 * Settings that are valid but deserve the operator's attention, logged once at start. Each says
 * what to do about it.
 */
export function startupWarnings(config: RelayConfig): string[] {
  const warnings: string[] = [];
  if (acceptsAnyHost({ bindHost: config.host, allowedHosts: config.allowedHosts })) {
    warnings.push(
      `HOST=${config.host} reaches beyond this machine and ALLOWED_HOSTS is not set, so any Host name is answered: a web page can reach the relay by DNS rebinding. Set ALLOWED_HOSTS to the relay's public host names (e.g. ALLOWED_HOSTS=chat.example.com).`,
    );
  }
  if (config.previousSecret !== undefined) {
    warnings.push(
      'RELAY_SECRET_PREVIOUS is set: tokens signed with it resume and are re-issued with RELAY_SECRET. Right for a planned rotation; never after a leak (forged tokens would be re-issued too). Unset it once relay_previous_secret_tokens_total stays flat.',
    );
  }
  return warnings;
}
