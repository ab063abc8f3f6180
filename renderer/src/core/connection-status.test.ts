import { describe, expect, it } from 'vitest';
import { ConnectionStatusTracker, type ConnectionStatus } from './connection-status.js';

function tracker() {
  const seen: ConnectionStatus[] = [];
  return { t: new ConnectionStatusTracker((s) => seen.push(s)), seen };
}

describe('ConnectionStatusTracker', () => {
  it('says "connecting" until the first session, "reconnecting" after one', () => {
    const { t, seen } = tracker();
    t.starting();
    t.connectFailed();
    expect(t.status).toBe('connecting');
    t.sessionStarted();
    t.disconnected();
    expect(seen).toEqual(['online', 'reconnecting']);
  });

  it('keeps "draining" through the drained replica closing, until a reconnect attempt fails', () => {
    const { t, seen } = tracker();
    t.sessionStarted();
    t.drainingStarted();
    t.disconnected();
    t.connectFailed();
    expect(seen).toEqual(['online', 'draining', 'reconnecting']);
  });

  it('lets "offline" win over everything while the network is down', () => {
    const { t, seen } = tracker();
    t.sessionStarted();
    t.networkChanged(false);
    t.disconnected();
    t.connectFailed();
    t.networkChanged(true);
    expect(seen).toEqual(['online', 'offline', 'reconnecting']);
  });
});
