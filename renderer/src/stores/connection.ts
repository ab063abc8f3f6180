import { defineStore } from 'pinia';
import { inject, shallowRef } from 'vue';
import type { User } from '../../../shared/protocol-types.js';
import type { Result } from '../core/client-result.js';
import type { ConnectionStatus } from '../core/connection-status.js';
import { CHAT_CLIENT, required } from './injection-keys.js';

/** Connection state and who we are; a thin mirror of the client core. */
export const useConnectionStore = defineStore('connection', () => {
  const client = required(inject(CHAT_CLIENT), 'CHAT_CLIENT');
  const status = shallowRef<ConnectionStatus>(client.status);
  const me = shallowRef<User | undefined>(client.me);
  client.events.on('status', (next) => (status.value = next));
  client.events.on('me', (user) => (me.value = user));

  function rename(name: string): Promise<Result<User>> {
    return client.rename(name);
  }

  return { status, me, rename };
});
