/**
 * The room every session is in from its first moment (contract: "Every client joins room
 * `lobby` automatically"). The relay joins it on connect; clients never offer to leave it.
 */
export const LOBBY = 'lobby';
