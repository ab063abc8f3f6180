/** SCAN MATCH treats these as a pattern; a prefix or replica id containing them is matched literally. */
const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** A room's presence keys, as lua/presence-holds.lua lays them out. */
export interface RoomPresenceKeys {
  presence: string;
  order: string;
  recent: string;
  held: string;
}

/** A room's keys for forgetting an incarnation there: also whom it released (lua/presence-forget.lua). */
export interface RoomForgetKeys extends RoomPresenceKeys {
  gone: string;
}

/**
 * The names of every presence key (layout in lua/presence-holds.lua): the only place that
 * builds them, for the store and the reaper alike.
 */
export class PresenceKeys {
  constructor(readonly prefix: string) {}

  /** A room's keys, `held` being the given incarnation's set. The hash tag {room} keeps them in one slot. */
  room(room: string, incarnation: string): RoomPresenceKeys {
    const base = `${this.prefix}room:{${room}}:presence`;
    return { presence: base, order: `${base}:order`, recent: `${base}:recent`, held: `${base}:held:${incarnation}` };
  }

  /** A room's keys for forgetting the given incarnation there. */
  forget(room: string, incarnation: string): RoomForgetKeys {
    const keys = this.room(room, incarnation);
    return { ...keys, gone: `${keys.presence}:gone:${incarnation}` };
  }

  /** SCAN pattern of the held sets of one incarnation, or of all. */
  heldPattern(incarnation?: string): string {
    return `${escapeGlob(this.prefix)}room:{*}:presence:held:${incarnation === undefined ? '*' : escapeGlob(incarnation)}`;
  }

  /** The room and incarnation a held set belongs to (undefined for any other key). */
  parseHeld(key: string): { room: string; incarnation: string } | undefined {
    const start = `${this.prefix}room:{`;
    const at = key.indexOf('}:presence:held:');
    if (!key.startsWith(start) || at < start.length) return undefined;
    return { room: key.slice(start.length, at), incarnation: key.slice(at + '}:presence:held:'.length) };
  }

  get replicas(): string {
    return `${this.prefix}replicas`;
  }

  get prooms(): string {
    return `${this.prefix}prooms`;
  }

  /** The user's hash "<room>\n<incarnation>" -> 1; the tag {user} keeps it in one slot. */
  urooms(userId: string): string {
    return `${this.prefix}urooms:{${userId}}`;
  }
}

/** A field of `urooms:{<user>}`: the room and the incarnation that holds the user there. */
export function uroomsField(room: string, incarnation: string): string {
  return `${room}\n${incarnation}`;
}

/** The room of a `urooms:{<user>}` field. */
export function roomOfUroomsField(field: string): string {
  return field.slice(0, field.lastIndexOf('\n'));
}

/**
 * A replica's incarnation: its id and when it registered (ms, base 36, its own clock). A replica
 * the store forgot registers under a new one, so a reaper that is still releasing the old one's
 * holdings can never release what the replica re-asserted since.
 */
export function newIncarnation(replicaId: string, nowMs = Date.now()): string {
  return `${replicaId}@${nowMs.toString(36)}`;
}

/** When an incarnation registered (NaN for a name not made by newIncarnation). */
export function incarnationStart(incarnation: string): number {
  const at = incarnation.lastIndexOf('@');
  return at < 0 ? NaN : parseInt(incarnation.slice(at + 1), 36);
}
