import { describe, expect, it } from 'vitest';
import { splitProfile } from './profile-split.js';

/** A profile from stacks (root first) and how long each sample took, in ms. */
function profile(samples: Array<[stack: Array<[name: string, url: string]>, ms: number]>) {
  const nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children: number[] }> = [];
  const idOf = new Map<string, number>();
  const ids: number[] = [];
  for (const [stack] of samples) {
    let parent: (typeof nodes)[number] | undefined;
    let path = '';
    for (const [functionName, url] of stack) {
      path += `/${functionName}@${url}`;
      let id = idOf.get(path);
      if (id === undefined) {
        id = nodes.length + 1;
        idOf.set(path, id);
        nodes.push({ id, callFrame: { functionName, url, lineNumber: 0 }, children: [] });
        parent?.children.push(id);
      }
      parent = nodes[id - 1];
    }
    ids.push(parent!.id);
  }
  const timeDeltas = samples.map(([, ms]) => ms * 1000);
  return { nodes, samples: ids, timeDeltas, startTime: 0, endTime: timeDeltas.reduce((a, b) => a + b, 0) };
}

const root: [string, string] = ['(root)', ''];
const send: [string, string] = ['sendMessage', 'file:///app/dist/relay/messaging/send-message.js'];

describe('splitProfile', () => {
  it('charges deliveries first, then signals, then sends; idle time to nothing; the rest to other', () => {
    const parts = splitProfile(
      profile([
        [[root, ['(idle)', '']], 50],
        [[root, ['onAnyEvent', 'file:///app/dist/relay/handlers/client-events.js'], send, ['Command', 'ioredis/built/Command.js']], 4],
        // A send that delivers at once is a delivery, not a send.
        [[root, send, ['deliver', 'file:///app/dist/relay/server.js'], ['writev', '']], 6],
        [[root, ['handleSubscriberReply', 'ioredis/built/DataHandler.js'], ['onSignal', 'file:///app/dist/relay/store/redis-message-store.js']], 2],
        [[root, ['(garbage collector)', '']], 3],
        [[root, ['releaseHold', 'file:///app/dist/relay/transport/frame-batching.js']], 1],
        [[root, send], 1],
      ]),
      1,
    );
    expect(parts).toEqual({ ingest: 6, signal: 2, delivery: 6, other: 3 });
  });

  it('reads only the window before the last sample of the marker: the load, not the start-up or the drain', () => {
    const parts = splitProfile(
      // Each sample took the time since the one before it: the window (516, 556] ms holds the last two before the drain.
      profile([
        [[root, ['(idle)', '']], 1],
        [[root, ['compile', '']], 500],
        [[root, ['compile', '']], 50],
        [[root, send], 5],
        [[root, ['shutdown', '']], 300],
      ]),
      0.04,
    );
    expect(parts).toEqual({ ingest: 5, signal: 0, delivery: 0, other: 50 });
  });
});
