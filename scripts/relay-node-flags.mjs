// The Node flags the relay runs with wherever it runs: `npm start`, the local cluster, the tests,
// the bench and the container image (Dockerfile CMD; test/deploy/dockerfile.test.ts keeps the two
// equal). One list, so what is measured is what ships.
//
// --max-semi-space-size=4 — V8's young generation grows to 16 MB semi-spaces under a burst of
// allocation (a wave of connections, a flood of messages) and keeps them. On a relay holding
// thousands of idle connections that is resident memory for nothing: capped at 4 MB, RSS per idle
// connection went from about 15 KB to about 11.5 KB here, with no measurable cost in throughput or
// latency (docs/performance.md, scenario (d); measured against 1 and 2 MB as well).
//
// --heap-growing-percent=50 — after each full GC V8 lets the old generation grow to a multiple of
// what survived before the next one; left to itself that multiple goes up to 4 on a big machine.
// A wave of connections (a deploy, a replica restart filling the lobby) promotes the state of
// every connection still being set up, most of which dies soon after; with a loose limit that
// garbage sits in pages the process keeps, so what an idle connection costs depended on when the
// last full GC happened to run (ours ÷ stock in (d) from 0.67× to 0.80× round by round). At 1.5×
// the rounds measured 0.65–0.71× (issue 15). The price is more full GCs while the heap grows and
// under steady load: in (a) 4 instead of 1 per replica, about 0.2 s of (mostly background)
// marking in a run of 6.7 s relay CPU; the lobby fill (e) showed no difference in relay CPU.
export const RELAY_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
