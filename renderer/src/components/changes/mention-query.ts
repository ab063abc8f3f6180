import type { User } from '../../../../shared/protocol-types.js';

/** An `@name` being typed: where it starts (the `@`) and what follows it so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * The mention being typed at the caret: an `@` at the start or after a space, followed by no
 * space yet. `mail@example.org` is not one (the `@` follows a letter).
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | undefined {
  const match = /(^|\s)@([^\s@]{0,32})$/u.exec(text.slice(0, caret));
  if (!match) return undefined;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Users whose name starts with (then contains) the query, case-insensitively, at most `limit`. */
export function mentionCandidates(users: readonly User[], query: string, limit = 8): User[] {
  const q = query.toLocaleLowerCase();
  const starts = users.filter((u) => u.name.toLocaleLowerCase().startsWith(q));
  const contains = users.filter((u) => !starts.includes(u) && u.name.toLocaleLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the typed `@query` replaced by `@Name `, and where the caret goes after it. */
export function completeMention(text: string, at: MentionQuery, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + inserted + text.slice(end), caret: at.start + inserted.length };
}

/**
 * The ids of the people the text mentions: `@Name` for a known user, whole names only (`@Ada`
 * does not mention "Adam"). Names may have spaces, so the longest names are tried first.
 */
export function mentionedIds(text: string, users: readonly User[]): string[] {
  const ids = new Set<string>();
  const byLength = [...users].sort((a, b) => b.name.length - a.name.length);
  for (const match of text.matchAll(/(?:^|\s)@/gu)) {
    const rest = text.slice(match.index + match[0].length);
    const user = byLength.find((u) => rest.startsWith(u.name) && !/^[\p{L}\p{N}_]/u.test(rest.slice(u.name.length)));
    if (user) ids.add(user.id);
  }
  return [...ids];
}
