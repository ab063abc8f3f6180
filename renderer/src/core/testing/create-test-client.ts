import { ChatClient } from '../chat-client.js';
import { createMemoryStorage, type KeyValueStorage } from '../key-value-storage.js';
import { FakeRelay } from './fake-relay.js';

/** A chat client wired to a fresh FakeRelay, sharing `storage` when a test simulates a reload. */
export function createTestClient(storage: KeyValueStorage = createMemoryStorage(), relay = new FakeRelay()) {
  const client = new ChatClient({
    storage,
    createSocket: (auth) => {
      const socket = relay.newSocket();
      socket.auth = auth;
      return socket.asRelaySocket();
    },
    fetchOlder: async (room, before, limit) => relay.older(room, before, limit),
  });
  return { client, relay, socket: relay.socket, storage };
}

/** Lets queued promise chains (acks, syncs, flushes) run to completion. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
}
