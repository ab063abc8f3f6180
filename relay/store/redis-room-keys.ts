/** The Redis names of one room's keys and channel (lua/room-stream.lua describes them). */
export interface RoomKeyNames {
  readonly meta: string;
  readonly log: string;
  readonly ids: string;
  readonly state: string;
  readonly reads: string;
  /** The shard channel of the room's advance signals. */
  readonly advance: string;
  /** A sender's dedupe key is this, then `:<user id>:<clientId>`. */
  readonly dedupe: string;
}

/** Rooms whose names are kept (about 300 bytes each); past it the memo starts over rather than grow with every room ever seen. */
const MEMO_ROOMS = 2_000;

/**
 * The key names of each room, made once per room instead of six string concatenations on every
 * send. The hash tag {room} puts every key of a room in one Redis Cluster slot.
 */
export class RedisRoomKeys {
  private readonly memo = new Map<string, RoomKeyNames>();

  constructor(private readonly prefix: string) {}

  of(room: string): RoomKeyNames {
    let names = this.memo.get(room);
    if (!names) {
      if (this.memo.size >= MEMO_ROOMS) this.memo.clear();
      const base = `${this.prefix}room:{${room}}:`;
      names = { meta: `${base}meta`, log: `${base}log`, ids: `${base}ids`, state: `${base}state`, reads: `${base}reads`, advance: `${base}advance`, dedupe: `${base}dedupe` };
      this.memo.set(room, names);
    }
    return names;
  }
}
