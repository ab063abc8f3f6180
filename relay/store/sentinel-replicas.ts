import { Redis, type RedisOptions } from 'ioredis';

/**
 * The replicas ('ip:port') that a `SENTINEL REPLICAS <name>` answer lists, except those Sentinel
 * would never promote: subjectively or objectively down, or not connected to Sentinel. The rest
 * may be promoted if the primary dies, in sync or not (Sentinel still picks a replica whose link
 * broke less than ten times down-after-milliseconds ago).
 */
export function promotableReplicas(reply: unknown): string[] {
  if (!Array.isArray(reply)) return [];
  const replicas: string[] = [];
  for (const entry of reply) {
    if (!Array.isArray(entry)) continue;
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < entry.length; i += 2) fields.set(String(entry[i]), String(entry[i + 1]));
    const flags = (fields.get('flags') ?? '').split(',');
    if (flags.some((flag) => flag === 's_down' || flag === 'o_down' || flag === 'disconnected')) continue;
    const [ip, port] = [fields.get('ip'), fields.get('port')];
    if (ip && port) replicas.push(`${ip}:${port}`);
  }
  return replicas;
}

/**
 * Asks the Sentinels which replicas the primary has, over one connection kept to one Sentinel
 * (the relay polls every second). A Sentinel that does not answer is left for the next one in
 * the list at the next call. Only Sentinel knows a replica that has not been in sync since the
 * relay started: its primary's INFO lists only the replicas connected to it.
 */
export class SentinelReplicas {
  private connection: Redis | undefined;
  private next = 0;

  constructor(
    private readonly options: RedisOptions,
    private readonly timeoutMs: number,
  ) {}

  /** The promotable replicas as the current Sentinel knows them; undefined when it did not answer. */
  async list(): Promise<string[] | undefined> {
    const sentinels = this.options.sentinels ?? [];
    if (sentinels.length === 0 || !this.options.name) return undefined;
    try {
      this.connection ??= this.connect(sentinels[this.next % sentinels.length]!);
      return promotableReplicas(await this.connection.call('SENTINEL', 'REPLICAS', this.options.name));
    } catch {
      this.close();
      this.next++;
      return undefined;
    }
  }

  close(): void {
    this.connection?.disconnect();
    this.connection = undefined;
  }

  private connect(sentinel: Partial<{ host: string; port: number }>): Redis {
    const connection = new Redis({
      host: sentinel.host ?? '127.0.0.1',
      port: sentinel.port ?? 26379,
      ...(this.options.sentinelUsername ? { username: this.options.sentinelUsername } : {}),
      ...(this.options.sentinelPassword ? { password: this.options.sentinelPassword } : {}),
      ...(this.options.sentinelTLS ? { tls: this.options.sentinelTLS } : {}),
      connectionName: 'relay-replica-acks-sentinel',
      enableOfflineQueue: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: this.timeoutMs,
      commandTimeout: this.timeoutMs,
    });
    connection.on('error', () => undefined);
    return connection;
  }
}
