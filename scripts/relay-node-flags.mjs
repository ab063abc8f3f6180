// The Node flags the relay runs with wherever it runs: `npm start`, the local cluster, the tests,
// the bench and the container image (Dockerfile CMD; test/deploy/dockerfile.test.ts keeps the two
// equal). One list, so what is measured is what ships.
//
// --max-semi-space-size=16 (since 2026-12-01): V8 sizes the young generation from the memory it
// sees, so without a flag no two places ran the same relay. Node 24 picks 64 MB semi-spaces on
// the 24 GB bench box, 16 MB in the prod overlay's 1 GiB pod and 1 MB in the base's 512 MiB pod
// (heap_size_limit 4288, 560 and 259 MB: `node -e` in a memory cgroup of each size); Node 20
// picks 16 MB on the box. Pinned, the bench measures what the prod pod runs, and the base pod
// does not scavenge every few hundred kilobytes. Why 16 and not the box's 64 (Node 24):
// - (d) at 64, both relays kept 128 MB of young generation (8 MB of it live) through 100 s idle:
//   V8 13.6's memory reducer judged the ping rounds a high allocation rate and never ran, and
//   unlike Node 20's V8 its scavenges do not shrink the new space. Ours 35.1 against stock's
//   34.0 KB per idle connection (1.03×, 02:51) and 36.2 against 33.0 (1.10×, 01:44). With 16:
//   19.5 against 33.7 KB (0.58×, 03:11); with 32: 25.3 and 23.6 against 31.3 and 33.8 KB
//   (0.75–0.81×, two rounds, 03:17). All `RELAY_NODE=<node 24> npm run bench -- --only=d`.
// - (c) did not tell them apart: relay CPU per delivery, p50, p99 against stock (at 64), 3 rounds
//   each, `RELAY_NODE=<node 24> npm run bench -- --only=c --rounds=3`: 16 MB 1.06×, 1.32×, 2.19×
//   (03:05); 32 MB 1.15×, 1.48×, 1.80× (03:32); no flag 1.05×, 1.41×, 2.41× (03:35). The box
//   was noisier than at 01:42, when no flag read 0.96×, 1.21×, 0.95×.
//
// Not 4 MB: an earlier build capped V8's young generation at 4 MB semi-spaces
// because (d) then read less RSS per idle connection. That reading was taken 3 s after the
// connection wave, before V8's memory reducer gave back the young generation and heap the wave
// had grown; measured at steady state (the mean over the last 50 of 100 s idle, 2026-11-30) the
// default 16 MB semi-spaces hold no more per idle connection (ours 12.1 KB against 12.9 with
// the cap, single rounds). Under chat traffic the cap cost real CPU: with 4 MB a replica in (c)
// ran a scavenge every 55 ms and promoted 250 KB each time (the messages in flight), hence a
// full GC every few seconds; GC took 0.49 s of every 10 s on the main thread, against 0.06 s for
// stock. Without it relay CPU per delivery in (c) went from 1.23–1.30× stock to 1.04–1.18×.
//
// No --heap-growing-percent=50 (shipped until 2026-12-01). It capped how far the old generation
// grows between full GCs (V8 otherwise lets it reach up to 4× what survived the last one), for
// idle memory after a connection wave (issue 15): (d) then read 0.65–0.71× stock with it, but
// those were single readings 3 s after the wave. At rest it makes no difference: (d) on Node 20
// read 0.92× stock with it (12.9 against 14.2 KB, 3 rounds, 2026-12-01 00:03) and 0.88× without
// (12.8 against 14.6 KB, 1 round, 01:19). What it cost showed on Node 24, the image's Node: in (c)
// our replicas ran a full GC every ~10 s and p99 went to 2.5–3.7× stock in every round (relay CPU
// per delivery 1.07× and 1.11× in two 3-round runs, 01:06 and 01:09), against p99 1.27× (1.27×,
// 1.07×, 1.59×) and relay CPU 1.01× (1.01×, 0.96×, 1.01×) without it (01:14; all
// `RELAY_NODE=<node 24> npm run bench -- --only=c --rounds=3`). On Node 20 (c) did not move
// (1.04× relay CPU, p99 1.50× without it, 01:16).
//
// Not --max-semi-space-size=32 either (tried 2026-11-30): a send allocates about 13 KB on our
// relay, so under chat traffic a replica in (c) scavenged 3.8 times a second (10.4 ms/s)
// against stock's 2.5 (3.5 ms/s); 32 MB semi-spaces halved that (1.8/s, 5.2 ms/s) and one (c)
// run gave 1.04×, 1.04×, 1.05× stock in relay CPU per delivery. But the full run after it gave
// (c) 1.10× (1.10×, 1.04×, 1.21×) and (d) 1.37× at rest (19.5 KB per idle connection against
// 14.4; rounds 1.37×, 0.99×, 1.37×): in two of three rounds V8 kept the grown young generation
// through 100 s idle, and peak RSS under (c) rose 1.44× stock. Fewer allocations per send is
// the way to fewer scavenges.
/** The young generation pinned at Node 20's size on a large machine (above: why, and what else was tried). */
export const RELAY_NODE_FLAGS = ['--max-semi-space-size=16'];
