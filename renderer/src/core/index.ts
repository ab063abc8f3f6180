/**
 * The framework-free chat client, for the web page and for Node (tests, the benchmark, bots):
 *
 * @example
 * const client = new ChatClient({
 *   storage: createMemoryStorage(),
 *   createSocket: (auth) => createRelaySocket('http://127.0.0.1:3000', auth),
 * });
 * client.events.on('room', (room) => console.log(client.room(room)?.log.messages.at(-1)?.text));
 * client.start();
 * client.send('lobby', 'hello');
 */
export { ChatClient, LOBBY, type ChatClientEvents, type ChatClientOptions, type ConnectionStatus } from './chat-client.js';
export { createRelaySocket, type RelaySocket } from './relay-socket.js';
export { createMemoryStorage, type KeyValueStorage } from './key-value-storage.js';
export { createHttpHistory, type FetchOlder } from './http-history.js';
export { fetchNameApiUrl, fetchRandomName } from './random-name.js';
export type { OutboxEntry, OutboxState } from './outbox.js';
export type { ClientError } from './client-result.js';
export type { Notice, NoticeKind } from './room-state.js';
export { buildTimeline, type TimelineEntry } from './timeline.js';
