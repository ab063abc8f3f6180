import { createMemoryStorage, type KeyValueStorage } from '../core/key-value-storage.js';

/** localStorage when the browser allows it (it may throw in locked-down modes), else memory. */
export function browserStorage(): KeyValueStorage {
  try {
    const probe = '__relay-chat-probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return createMemoryStorage();
  }
}
