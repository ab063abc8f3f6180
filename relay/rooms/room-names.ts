/**
 * A small set of room names, for a connection's presence rooms: almost every connection is in
 * one room (the lobby), held as a string; a second room turns it into a Set. A Set per connection
 * would cost about 150 bytes (its hash table) at 5,000 idle connections per replica (issue 15).
 * Iteration is in insertion order, as a Set's.
 */
export class RoomNames implements Iterable<string> {
  private one: string | undefined;
  private many: Set<string> | undefined;

  get size(): number {
    return this.many ? this.many.size : this.one === undefined ? 0 : 1;
  }

  has(room: string): boolean {
    return this.many ? this.many.has(room) : this.one === room;
  }

  add(room: string): this {
    if (this.many) this.many.add(room);
    else if (this.one === undefined) this.one = room;
    else if (this.one !== room) {
      this.many = new Set([this.one, room]);
      this.one = undefined;
    }
    return this;
  }

  /** True when the room was there. */
  delete(room: string): boolean {
    if (this.many) return this.many.delete(room);
    if (this.one !== room) return false;
    this.one = undefined;
    return true;
  }

  clear(): void {
    this.one = undefined;
    this.many = undefined;
  }

  [Symbol.iterator](): Iterator<string> {
    if (this.many) return this.many.values();
    return (this.one === undefined ? [] : [this.one]).values();
  }
}
