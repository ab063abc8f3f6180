import type { User } from '../../../../shared/protocol-types.js';
import { createTestClient, settle } from './create-test-client.js';
import type { FakeRelay } from './fake-relay.js';

/** Person i of a crowd: ids sort in the relay's page order as the numbers do. */
export const person = (i: number): User => ({ id: `u-${String(i).padStart(5, '0')}`, name: `Person ${i}` });

/** A client online in `lobby`, where `others` people are already, and its online list of it. */
export async function clientInRoomWith(others: number, setup: (relay: FakeRelay) => void = () => undefined) {
  const test = createTestClient();
  for (let i = 1; i <= others; i++) test.relay.room('lobby').users.set(person(i).id, person(i));
  setup(test.relay);
  test.client.start();
  test.socket.accept();
  await settle();
  const list = test.client.userLists.of('lobby');
  const userRequests = () => test.relay.requests.filter((r) => r.event === 'room:users').map((r) => r.payload);
  return { ...test, list, userRequests };
}
