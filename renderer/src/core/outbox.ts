import type { ClientError } from './client-result.js';
import { readJson, writeJson, type KeyValueStorage } from './key-value-storage.js';
import { STORAGE_KEYS } from './storage-keys.js';

/**
 * `sending`: will be (re)sent with the same clientId until the relay acks it.
 * `failed`: the relay refused it for good (e.g. too long); the user may edit, retry or discard.
 */
export type OutboxState = 'sending' | 'failed';

/** What an entry asks the relay for (v1.1); entries saved before kinds existed are messages. */
export type OutboxKind = 'text' | 'edit' | 'delete' | 'reaction' | 'topic';

export interface OutboxEntry {
  clientId: string;
  room: string;
  /** A message's text, an edit's new text, a topic; "" for deletes and reactions. */
  text: string;
  /** Absent: 'text'. */
  kind?: OutboxKind;
  /** edit, delete, reaction: the target message's id. */
  target?: string;
  /** reaction: which emoji, and whether to add (true) or take back the user's reaction. */
  emoji?: string;
  on?: boolean;
  /** text (v1.1): the id of the message answered, and the user ids mentioned. */
  replyTo?: string;
  mentions?: string[];
  /** Local clock, ISO-8601; only for display and ordering. */
  createdAt: string;
  state: OutboxState;
  attempts: number;
  /** The last reason a send did not go through (also set while still `sending`, for retries). */
  error?: ClientError;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<OutboxEntry>;
  return (
    typeof e.clientId === 'string' &&
    typeof e.room === 'string' &&
    typeof e.text === 'string' &&
    typeof e.createdAt === 'string' &&
    (e.state === 'sending' || e.state === 'failed') &&
    typeof e.attempts === 'number' &&
    (e.kind === undefined || ['text', 'edit', 'delete', 'reaction', 'topic'].includes(e.kind))
  );
}

function isEntryList(value: unknown): value is OutboxEntry[] {
  return Array.isArray(value) && value.every(isEntry);
}

/**
 * Messages the user wrote, and changes they made (edits, deletes, reactions, topics), that the
 * relay has not acknowledged yet. Persisted on every change, so
 * a reload or a crash loses nothing; an entry leaves only when its ack (or its own live echo)
 * arrives, or when the user discards it.
 */
export class Outbox {
  /** clientId → entry; a Map keeps insertion order, which is the order the user typed. */
  private readonly entries = new Map<string, OutboxEntry>();
  private snapshot: readonly OutboxEntry[] | undefined;
  private savePending = false;

  constructor(private readonly storage: KeyValueStorage) {
    for (const entry of readJson(storage, STORAGE_KEYS.outbox, isEntryList) ?? []) this.entries.set(entry.clientId, entry);
  }

  /** Oldest first. The returned array does not change when the outbox does. */
  list(): readonly OutboxEntry[] {
    return (this.snapshot ??= [...this.entries.values()]);
  }

  forRoom(room: string): OutboxEntry[] {
    return this.list().filter((e) => e.room === room);
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.entries.get(clientId);
  }

  add(entry: Omit<OutboxEntry, 'state' | 'attempts'>): OutboxEntry {
    const full: OutboxEntry = { ...entry, state: 'sending', attempts: 0 };
    this.entries.set(full.clientId, full);
    this.changed();
    return full;
  }

  update(clientId: string, patch: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'error'>>): void {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    const next = { ...entry, ...patch };
    if ('error' in patch && patch.error === undefined) delete next.error;
    this.entries.set(clientId, next);
    this.changed();
  }

  /** Returns whether the entry was there (so a late duplicate ack is told apart). */
  remove(clientId: string): boolean {
    if (!this.entries.delete(clientId)) return false;
    this.changed();
    return true;
  }

  removeRoom(room: string): void {
    for (const entry of this.list()) if (entry.room === room) this.entries.delete(entry.clientId);
    this.changed();
  }

  /**
   * Persists once per burst of changes, at the end of the current task: no page unload or crash
   * can come between a change and its save, yet a bot queuing thousands writes once, not each time.
   */
  private changed(): void {
    this.snapshot = undefined;
    if (this.savePending) return;
    this.savePending = true;
    queueMicrotask(() => {
      this.savePending = false;
      writeJson(this.storage, STORAGE_KEYS.outbox, this.list());
    });
  }
}
