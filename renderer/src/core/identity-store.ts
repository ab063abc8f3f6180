import type { HandshakeAuth, SessionEvent, User } from '../../../shared/protocol-types.js';
import { readJson, writeJson, type KeyValueStorage } from './key-value-storage.js';
import { STORAGE_KEYS } from './storage-keys.js';

interface StoredIdentity {
  token: string;
  user: User;
}

function isStoredIdentity(value: unknown): value is StoredIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const { token, user } = value as Partial<StoredIdentity>;
  return (
    typeof token === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    typeof user.name === 'string'
  );
}

/**
 * Who this client is across reloads: the relay's session token and the user it stands for.
 * The token is the identity; the stored name is only sent along so that an expired token
 * still comes back under the same name.
 */
export class IdentityStore {
  private stored: StoredIdentity | undefined;
  /** A name wanted for a brand-new identity (e.g. from the Random User API). */
  private wantedName: string | undefined;

  constructor(private readonly storage: KeyValueStorage) {
    this.stored = readJson(storage, STORAGE_KEYS.identity, isStoredIdentity);
  }

  get user(): User | undefined {
    return this.stored?.user;
  }

  get hasToken(): boolean {
    return this.stored !== undefined;
  }

  setWantedName(name: string | undefined): void {
    this.wantedName = name;
  }

  /** Read at every (re)connect, so a token received on the first connection is used by the next. */
  handshakeAuth(): HandshakeAuth {
    const auth: HandshakeAuth = {};
    if (this.stored) auth.token = this.stored.token;
    const name = this.stored?.user.name ?? this.wantedName;
    if (name !== undefined) auth.name = name;
    return auth;
  }

  remember(session: SessionEvent): void {
    this.stored = { token: session.token, user: session.user };
    writeJson(this.storage, STORAGE_KEYS.identity, this.stored);
  }

  rename(user: User): void {
    if (!this.stored || this.stored.user.id !== user.id) return;
    this.stored = { ...this.stored, user };
    writeJson(this.storage, STORAGE_KEYS.identity, this.stored);
  }
}
