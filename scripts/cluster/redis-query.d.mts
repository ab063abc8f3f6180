// Types for redis-query.mjs (plain JavaScript so `npm run cluster` needs no build step).
import type { Redis } from 'ioredis';

/** Connects to 127.0.0.1:`port` (one attempt, no retries), runs `use` with the connection and closes it. */
export function withRedisClient<T>(port: number, use: (client: Redis) => Promise<T>): Promise<T>;

/** Whether the primary on 127.0.0.1:`port` has a replica in sync (INFO replication: its first replica's state is online). */
export function hasReplicaInSync(port: number): Promise<boolean>;
