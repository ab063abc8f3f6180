/** The Node flags the relay runs with wherever it runs (see relay-node-flags.mjs). */
export const RELAY_NODE_FLAGS: readonly string[];
