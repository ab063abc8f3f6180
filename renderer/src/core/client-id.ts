/**
 * A fresh idempotency key for one message. `crypto.randomUUID` exists only in secure contexts
 * (https or localhost); a page served over plain http from a LAN address still has
 * `getRandomValues`, so that is what we use. 128 random bits as 32 hex characters.
 */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
