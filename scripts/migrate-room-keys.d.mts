// Types for migrate-room-keys.mjs (plain JavaScript so operators run it without a build step).
import type { Redis } from 'ioredis';

export function taggedRoomKey(key: string, prefix?: string): string | undefined;
export function migrateRoomKeys(redis: Redis, prefix?: string): Promise<{ renamed: number; skipped: number }>;
export function isPresenceKey(key: string, prefix?: string): boolean;
export function dropPresence(redis: Redis, prefix?: string): Promise<number>;
