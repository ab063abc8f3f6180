// Replaced by build-desktop.ts from DESKTOP_RELAY_URL at build time (validated there).
declare const __RELAY_CHAT_DEFAULT_RELAY_URL__: string | undefined;

/** The relay a fresh install talks to until the user picks another one in Settings. */
export const DEFAULT_RELAY_URL: string =
  typeof __RELAY_CHAT_DEFAULT_RELAY_URL__ === 'string' ? __RELAY_CHAT_DEFAULT_RELAY_URL__ : 'http://localhost:3000';
