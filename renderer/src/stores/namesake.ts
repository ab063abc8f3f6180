import type { User } from '../../../shared/protocol-types.js';

/** The part of the client a namesake search reads: the joined rooms and who is online in them. */
export interface RoomsWithPeople {
  readonly rooms: readonly string[];
  room(name: string): { presence: { users: ReadonlyMap<string, User> } } | undefined;
}

/** Names compared as people read them: same letters whatever the case or Unicode form. */
function sameName(a: string, b: string): boolean {
  return a.normalize('NFKC').toLocaleLowerCase() === b.normalize('NFKC').toLocaleLowerCase();
}

/**
 * Someone else online in one of our rooms who is already called `name`, and where: a rename to
 * it would make two people of that name in the same room, which the user is asked to confirm.
 */
export function findNamesake(client: RoomsWithPeople, name: string, myId: string | undefined): { user: User; room: string } | undefined {
  for (const room of client.rooms) {
    for (const user of client.room(room)?.presence.users.values() ?? []) {
      if (user.id !== myId && sameName(user.name, name.trim())) return { user, room };
    }
  }
  return undefined;
}
