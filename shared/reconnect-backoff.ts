/**
 * How the product client reconnects (renderer/src/core/relay-socket.ts), as socket.io-client
 * options: fully jittered exponential backoff, attempt n waits a random time in
 * [0, 2 × 500 ms × 2ⁿ], at most 8 s (randomizationFactor 1 adds or subtracts up to 100 %).
 * Shared because the relay's admission rate (MAX_CONNECT_RATE) is tuned for clients that spread
 * out like this, and the reconnect-storm benchmark must reconnect exactly as users do.
 */
export const RECONNECT_BACKOFF = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 8000,
  randomizationFactor: 1,
} as const;
