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
export { ChatClient } from './chat-client.js';
export { createRelaySocket } from './relay-socket.js';
export { createMemoryStorage, type KeyValueStorage } from './key-value-storage.js';
