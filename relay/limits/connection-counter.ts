/** Open connections per client address on this replica, for MAX_CONNECTIONS_PER_IP. */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  isFull(ip: string): boolean {
    return (this.counts.get(ip) ?? 0) >= this.max;
  }

  add(ip: string): void {
    this.counts.set(ip, (this.counts.get(ip) ?? 0) + 1);
  }

  remove(ip: string): void {
    const count = (this.counts.get(ip) ?? 0) - 1;
    if (count > 0) this.counts.set(ip, count);
    else this.counts.delete(ip);
  }
}

/**
 * The client address: the socket's peer, or — behind a trusted proxy — the last X-Forwarded-For
 * entry, the one that proxy appended. Earlier entries come from the client and can be forged.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const forwarded = trustProxy && header ? header.split(',').at(-1)?.trim() : undefined;
  return forwarded || remote || 'unknown';
}

/** The client address of a handshake request, by the relay's proxy policy (TRUST_PROXY). */
export function requestAddress(trustProxy: boolean): (req: { socket: { remoteAddress?: string | undefined }; headers: Record<string, string | string[] | undefined> }) => string {
  return (req) => clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustProxy);
}
