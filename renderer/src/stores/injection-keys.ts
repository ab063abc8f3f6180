import type { InjectionKey } from 'vue';
import type { ChatClient } from '../core/chat-client.js';
import type { KeyValueStorage } from '../core/key-value-storage.js';

/** The app provides these once (main.ts; tests provide fakes); stores inject them. */
export const CHAT_CLIENT: InjectionKey<ChatClient> = Symbol('chat-client');
export const APP_STORAGE: InjectionKey<KeyValueStorage> = Symbol('app-storage');
export const PREFERRED_LANGUAGES: InjectionKey<readonly string[]> = Symbol('preferred-languages');

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} was not provided to the app`);
  return value;
}
