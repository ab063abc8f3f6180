import type { RelayConfig } from './config.js';

/**
 * Settings that are valid but deserve the operator's attention, logged once at start. Each says
 * what to do about it.
 */
export function startupWarnings(config: RelayConfig): string[] {
  const warnings: string[] = [];
  if (config.previousSecret !== undefined) {
    warnings.push(
      'RELAY_SECRET_PREVIOUS is set: tokens signed with it resume and are re-issued with RELAY_SECRET. Right for a planned rotation; never after a leak (forged tokens would be re-issued too). Unset it once relay_previous_secret_tokens_total stays flat.',
    );
  }
  return warnings;
}
