export * from './error-codes.js';
export * from './protocol-types.js';
export * from './rooms.js';
export * from './socket-events.js';
export * from './text-rules.js';
export * from './payload-schemas.js';
export * from './desktop-bridge.js';
export * from './entry-changes.js';
