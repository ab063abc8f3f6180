import type { Reaction } from '../../../../shared/protocol-types.js';

/** One reaction chip: the emoji, how many reacted, whether the user did, and who (names, user first). */
export interface ReactionChip {
  emoji: string;
  count: number;
  mine: boolean;
  names: string[];
}

/** The chips under a message, in the order the emoji were first used; empty reactions are dropped. */
export function reactionChips(reactions: readonly Reaction[] | undefined, myId: string | undefined, nameOf: (id: string) => string): ReactionChip[] {
  return (reactions ?? [])
    .filter((r) => r.users.length > 0)
    .map((r) => {
      const mine = myId !== undefined && r.users.includes(myId);
      const others = r.users.filter((id) => id !== myId).map(nameOf);
      return { emoji: r.emoji, count: r.users.length, mine, names: mine ? [nameOf(myId), ...others] : others };
    });
}
