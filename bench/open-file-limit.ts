import { readFileSync } from 'node:fs';

/**
 * Every connection is a file descriptor, on both ends: scenario (d) holds 5,000 per relay and
 * 10,000 in the load generator. A limit too low shows up as EMFILE deep inside a socket library,
 * so the bench checks first and says how to fix it.
 */
export function parseOpenFileLimit(limitsText: string): { soft: number; hard: number } | undefined {
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limitsText);
  if (!match) return undefined;
  const value = (raw: string) => (raw === 'unlimited' ? Number.POSITIVE_INFINITY : Number(raw));
  return { soft: value(match[1]!), hard: value(match[2]!) };
}

/** This process's open-file limit (the one `ulimit -n` shows; children inherit it). */
export function currentOpenFileLimit(): { soft: number; hard: number } | undefined {
  try {
    return parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return undefined;
  }
}

/** Descriptors a process needs besides its connections: libraries, Redis, pipes, logs. */
export const DESCRIPTOR_HEADROOM = 200;

/** A sentence to act on when `needed` descriptors do not fit under the soft limit, else undefined. */
export function openFileAdvice(who: string, needed: number, limit: { soft: number; hard: number } | undefined): string | undefined {
  if (!limit || needed + DESCRIPTOR_HEADROOM <= limit.soft) return undefined;
  const want = needed + DESCRIPTOR_HEADROOM;
  const raise =
    want <= limit.hard
      ? `run "ulimit -n ${Math.min(limit.hard, Math.max(want, 65536))}" in this shell first`
      : `the hard limit is ${limit.hard}: raise it (e.g. LimitNOFILE in systemd, "nofile" in /etc/security/limits.conf, or docker --ulimit nofile=65536:65536)`;
  return `${who} needs about ${want} open files but "ulimit -n" is ${limit.soft}: ${raise}, or use a smaller scenario (e.g. --d-per-replica=1000).`;
}
