/** Current display names, kept centrally so a session resumed on any replica has the latest. */
export interface UserStore {
  setName(userId: string, name: string): Promise<void>;
  getNames(userIds: string[]): Promise<Map<string, string>>;
}

/** Names outlive sessions for as long as a token stays valid. */
export const NAME_TTL_SEC = 31 * 24 * 3600;
