// How a relay's CPU divides between taking a message in and hearing a room's signals, read from a
// CPU profile of scenario (c) (`npm run bench -- --only=c --rounds=1 --profile`):
//   npx tsx bench/report/profile-split.ts bench-results/profiles/c-ours/<file>.cpuprofile
// docs/capacity.md splits the per-message cost by it (capacity-inputs.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CpuProfile } from './cpu-profile-summary.js';

export type Part = 'ingest' | 'signal' | 'delivery' | 'other';

/** A frame by function name and a piece of its file's URL. */
interface FrameRule {
  functionName: string;
  url: string;
  part: Exclude<Part, 'other'>;
}

/**
 * Which part a sample belongs to: the first rule (in this order) that a frame of its stack
 * matches. Deliveries first — a signal or a send that delivers at once has the fan-out under it,
 * and fan-out is costed per delivery. Then signals: what the subscribed connection hands over
 * (`onSignal`, and ioredis's subscriber replies). Then a send: the client event, the send's
 * continuations, its ack (written when the sender's hold ends), and the commands connection's
 * writes. Parsing Redis replies cannot be told apart by connection, so it stays in `other` with
 * GC, timers and presence.
 */
export const RULES: readonly FrameRule[] = [
  { functionName: 'deliver', url: 'relay/server.js', part: 'delivery' },
  { functionName: 'WebSocket._onSentLast', url: 'engine.io/build/transports/websocket.js', part: 'delivery' },
  { functionName: 'onSignal', url: 'relay/store/redis-message-store.js', part: 'signal' },
  { functionName: 'handleSubscriberReply', url: 'ioredis/built/DataHandler.js', part: 'signal' },
  { functionName: 'onAnyEvent', url: 'relay/handlers/client-events.js', part: 'ingest' },
  { functionName: 'sendMessage', url: 'relay/messaging/send-message.js', part: 'ingest' },
  { functionName: 'answer', url: 'relay/handlers/event-handler.js', part: 'ingest' },
  { functionName: 'release', url: 'relay/redis/turn-batching.js', part: 'ingest' },
  { functionName: 'releaseHold', url: 'relay/transport/frame-batching.js', part: 'ingest' },
  { functionName: 'ondata', url: 'socket.io/dist/client.js', part: 'ingest' },
];

const IDLE = new Set(['(idle)', '(program)']);

/**
 * Busy milliseconds per part over the `windowSeconds` before the last sample whose stack holds
 * `marker` (the load's end; the whole profile when no sample does), idle time left out.
 */
export function splitProfile(profile: CpuProfile, windowSeconds: number, marker = 'sendMessage'): Record<Part, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const stackOf = (id: number) => {
    const frames = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
    return frames;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of deltas) times.push((t += delta));
  let end = profile.endTime;
  for (let i = samples.length - 1; i >= 0; i--) {
    if (stackOf(samples[i]!).some((frame) => frame.functionName === marker)) {
      end = times[i]!;
      break;
    }
  }
  const from = end - windowSeconds * 1e6;
  const parts: Record<Part, number> = { ingest: 0, signal: 0, delivery: 0, other: 0 };
  for (let i = 1; i < samples.length; i++) {
    if (times[i]! <= from || times[i]! > end) continue;
    const stack = stackOf(samples[i]!);
    if (IDLE.has(stack[0]!.functionName)) continue;
    const rule = RULES.find((r) => stack.some((frame) => frame.functionName === r.functionName && frame.url.includes(r.url)));
    parts[rule?.part ?? 'other'] += (times[i]! - times[i - 1]!) / 1000;
  }
  return parts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/report/profile-split.ts <relay .cpuprofile> [window seconds, default 10]');
    process.exit(1);
  }
  const parts = splitProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 10));
  const busy = Object.values(parts).reduce((sum, ms) => sum + ms, 0);
  for (const [part, ms] of Object.entries(parts)) console.log(`${part.padEnd(9)} ${ms.toFixed(0).padStart(6)} ms  ${((ms / busy) * 100).toFixed(1)} %`);
  console.log(`ingest ÷ (ingest + signal): ${(parts.ingest / (parts.ingest + parts.signal)).toFixed(3)}`);
}
