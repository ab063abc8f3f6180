import { readJson, writeJson, type KeyValueStorage } from './key-value-storage.js';
import { STORAGE_KEYS } from './storage-keys.js';

interface SavedView {
  lastRoom?: string;
  /** room → unfinished text; empty drafts are not kept. */
  drafts: Record<string, string>;
}

function isSavedView(value: unknown): value is SavedView {
  if (typeof value !== 'object' || value === null) return false;
  const { lastRoom, drafts } = value as Partial<SavedView>;
  return (
    (lastRoom === undefined || typeof lastRoom === 'string') &&
    typeof drafts === 'object' &&
    drafts !== null &&
    Object.values(drafts).every((d) => typeof d === 'string')
  );
}

/** Enough for any message the relay accepts (4000 code points) plus some slack; keeps a pasted novel out of storage. */
const DRAFT_MAX_CHARS = 20_000;

/**
 * Where the user was and what they were writing, so a reload returns to the same room with the
 * same half-written text. Kept per user id: a browser that changes identity does not show one
 * person's drafts to the next.
 */
export class RoomViewMemory {
  constructor(
    private readonly storage: KeyValueStorage,
    /** Read at every access: a brand-new user gets their id only with the first session. */
    private readonly userId: () => string | undefined,
  ) {}

  get lastRoom(): string | undefined {
    return this.read().lastRoom;
  }

  set lastRoom(room: string) {
    this.write({ ...this.read(), lastRoom: room });
  }

  draft(room: string): string {
    return this.read().drafts[room] ?? '';
  }

  setDraft(room: string, text: string): void {
    const view = this.read();
    if ((view.drafts[room] ?? '') === text) return;
    const drafts = { ...view.drafts };
    if (text.trim() === '') delete drafts[room];
    else drafts[room] = text.slice(0, DRAFT_MAX_CHARS);
    this.write({ ...view, drafts });
  }

  /** The room is gone (left): its draft has nowhere to go. */
  forget(room: string): void {
    this.setDraft(room, '');
  }

  private key(): string {
    return `${STORAGE_KEYS.view}.${this.userId() ?? 'new'}`;
  }

  private read(): SavedView {
    return readJson(this.storage, this.key(), isSavedView) ?? { drafts: {} };
  }

  private write(view: SavedView): void {
    writeJson(this.storage, this.key(), view);
  }
}
