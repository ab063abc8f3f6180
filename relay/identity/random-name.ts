import { randomInt } from 'node:crypto';

const ADJECTIVES = ['Calm', 'Brave', 'Bright', 'Swift', 'Quiet', 'Clever', 'Gentle', 'Happy', 'Lucky', 'Mellow', 'Nimble', 'Proud', 'Sunny', 'Witty', 'Bold', 'Cosy', 'Eager', 'Fancy', 'Jolly', 'Kind'];
const ANIMALS = ['Otter', 'Falcon', 'Badger', 'Heron', 'Lynx', 'Panda', 'Fox', 'Owl', 'Seal', 'Wolf', 'Koala', 'Raven', 'Tiger', 'Whale', 'Yak', 'Ibis', 'Marten', 'Puffin', 'Gecko', 'Bison'];

/** A readable random display name such as "Calm Otter" (always a valid contract name). */
export function randomName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]}`;
}
