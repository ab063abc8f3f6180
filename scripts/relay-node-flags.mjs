// The Node flags the relay runs with wherever it runs: `npm start`, the local cluster, the tests,
// the bench and the container image (Dockerfile CMD; test/deploy/dockerfile.test.ts keeps the two
// equal). One list, so what is measured is what ships.
//
// No --max-semi-space-size: an earlier build capped V8's young generation at 4 MB semi-spaces
// because (d) then read less RSS per idle connection. That reading was taken 3 s after the
// connection wave, before V8's memory reducer gave back the young generation and heap the wave
// had grown; measured at steady state (the mean over the last 50 of 100 s idle, 2026-11-30) the
// default 16 MB semi-spaces hold no more per idle connection (ours 12.1 KB against 12.9 with
// the cap, single rounds). Under chat traffic the cap cost real CPU: with 4 MB a replica in (c)
// ran a scavenge every 55 ms and promoted 250 KB each time (the messages in flight), hence a
// full GC every few seconds; GC took 0.49 s of every 10 s on the main thread, against 0.06 s for
// stock. Without it relay CPU per delivery in (c) went from 1.23–1.30× stock to 1.04–1.18×.
//
// --heap-growing-percent=50 — after each full GC V8 lets the old generation grow to a multiple of
// what survived before the next one; left to itself that multiple goes up to 4 on a big machine.
// A wave of connections (a deploy, a replica restart filling the lobby) promotes the state of
// every connection still being set up, most of which dies soon after; with a loose limit that
// garbage sits in pages the process keeps, so what an idle connection costs depended on when the
// last full GC happened to run (ours ÷ stock in (d) from 0.67× to 0.80× round by round). At 1.5×
// the rounds measured 0.65–0.71× (issue 15). Those (d) figures were single readings 3 s after the
// wave, with the semi-space cap; the flag has not been measured apart at steady state since. The price is more full GCs while the heap grows and
// under steady load: in (a) 4 instead of 1 per replica, about 0.2 s of (mostly background)
// marking in a run of 6.7 s relay CPU; the lobby fill (e) showed no difference in relay CPU.
//
// Not --max-semi-space-size=32 either (tried 2026-11-30): a send allocates about 13 KB on our
// relay, so under chat traffic a replica in (c) scavenged 3.8 times a second (10.4 ms/s)
// against stock's 2.5 (3.5 ms/s); 32 MB semi-spaces halved that (1.8/s, 5.2 ms/s) and one (c)
// run gave 1.04×, 1.04×, 1.05× stock in relay CPU per delivery. But the full run after it gave
// (c) 1.10× (1.10×, 1.04×, 1.21×) and (d) 1.37× at rest (19.5 KB per idle connection against
// 14.4; rounds 1.37×, 0.99×, 1.37×): in two of three rounds V8 kept the grown young generation
// through 100 s idle, and peak RSS under (c) rose 1.44× stock. Fewer allocations per send is
// the way to fewer scavenges.
export const RELAY_NODE_FLAGS = ['--heap-growing-percent=50'];
