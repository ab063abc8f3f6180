import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, createMemoryStorage, createRelaySocket, type KeyValueStorage } from '../../renderer/src/core/index.js';
import { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';

// The client core from Node, over real sockets, against two relay replicas sharing a real Redis:
// what the web page, the benchmark and bots rely on, without a browser in between.
let redis: RedisServer;
let relayA: RelayReplica;
let relayB: RelayReplica;
const clients: ChatClient[] = [];

function connect(relay: RelayReplica, storage: KeyValueStorage = createMemoryStorage(), name?: string): ChatClient {
  const client = new ChatClient({ storage, createSocket: (auth) => createRelaySocket(relay.url, auth), requestTimeoutMs: 5000 });
  client.identity.setWantedName(name);
  clients.push(client);
  client.start();
  return client;
}

const until = <T>(what: string, check: () => T) => waitFor(check, { what, timeoutMs: 15_000 });
const texts = (client: ChatClient, room = 'lobby') => client.room(room)?.log.messages.map((m) => m.text) ?? [];
const online = (client: ChatClient) => until('online and synced', () => client.status === 'online' && client.room('lobby')?.synced);

beforeAll(async () => {
  redis = await startRedisServer();
  relayA = await startRelay({ redisUrl: redis.url });
  relayB = await startRelay({ redisUrl: redis.url });
});

afterAll(async () => {
  for (const client of clients) client.stop();
  await relayA?.stop();
  await relayB?.stop();
  await redis?.stop();
});

describe('client core against the real relay', () => {
  it('sends on one replica and receives on the other, once, with the chosen names', async () => {
    const ada = connect(relayA, undefined, 'Ada Lovelace');
    const bob = connect(relayB, undefined, 'Bob Builder');
    await online(ada);
    await online(bob);
    expect(ada.me?.name).toBe('Ada Lovelace');
    expect(ada.send('lobby', 'hello across replicas').ok).toBe(true);
    await until('bob receives', () => texts(bob).includes('hello across replicas'));
    await until('ada acked', () => ada.pending('lobby').length === 0);
    expect(texts(bob).filter((t) => t === 'hello across replicas')).toHaveLength(1);
    expect(bob.room('lobby')?.log.messages.at(-1)?.user.name).toBe('Ada Lovelace');
  });

  it('keeps what is written offline and delivers it once after reconnecting', async () => {
    const ada = connect(relayA);
    const bob = connect(relayB);
    await online(ada);
    await online(bob);
    ada.setNetworkOnline(false);
    expect(ada.status).toBe('offline');
    ada.send('lobby', 'queued one');
    ada.send('lobby', 'queued two');
    expect(ada.pending('lobby').map((e) => e.state)).toEqual(['sending', 'sending']);
    ada.setNetworkOnline(true);
    await until('bob receives both', () => texts(bob).includes('queued two'));
    await until('outbox empty', () => ada.pending('lobby').length === 0);
    const got = texts(bob).filter((t) => t.startsWith('queued'));
    expect(got).toEqual(['queued one', 'queued two']);
  });

  it('is the same person after a restart with the same storage', async () => {
    const storage = createMemoryStorage();
    const first = connect(relayA, storage, 'Grace Hopper');
    await online(first);
    const id = first.me?.id;
    first.stop();
    const second = connect(relayB, storage);
    await online(second);
    expect(second.me).toEqual({ id, name: 'Grace Hopper' });
  });

  it('renames, and the other side sees the new name in the room', async () => {
    const ada = connect(relayA, undefined, 'Before Rename');
    const bob = connect(relayB);
    await online(ada);
    await online(bob);
    await expect(ada.rename('After Rename')).resolves.toMatchObject({ ok: true });
    await until('bob sees the rename', () => bob.room('lobby')?.presence.users.get(ada.me?.id ?? '')?.name === 'After Rename');
    expect(bob.room('lobby')?.presence.notices.some((n) => n.kind === 'renamed' && n.previousName === 'Before Rename')).toBe(true);
  });

  it('drops a room cache and reloads when Redis lost the history (new epoch)', async () => {
    const ada = connect(relayA);
    const bob = connect(relayB);
    await online(ada);
    await online(bob);
    bob.send('lobby', 'before the wipe');
    await until('ada has it', () => texts(ada).includes('before the wipe'));
    const epoch = ada.room('lobby')?.log.epoch;
    await redis.restart();
    await until('bob can send again', async () => {
      if (bob.pending('lobby').length === 0) bob.send('lobby', 'after the wipe');
      return texts(ada).includes('after the wipe');
    });
    await until('ada reloaded the room', () => ada.room('lobby')?.log.epoch !== epoch && !texts(ada).includes('before the wipe'));
  });

  it('tells the user when its replica drains, then keeps reconnecting', async () => {
    const relayC = await startRelay({ redisUrl: redis.url });
    const client = connect(relayC);
    await online(client);
    const seen: string[] = [];
    client.events.on('status', (status) => seen.push(status));
    await relayC.stop('SIGTERM');
    await until('draining, then reconnecting', () => seen.join() === 'draining,reconnecting');
  });
});
