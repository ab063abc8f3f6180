// The Node flags the relay runs with wherever it runs: `npm start`, the local cluster, the tests,
// the bench and the container image (Dockerfile CMD; test/deploy/dockerfile.test.ts keeps the two
// equal). One list, so what is measured is what ships.
//
// --max-semi-space-size=4 — V8's young generation grows to 16 MB semi-spaces under a burst of
// allocation (a wave of connections, a flood of messages) and keeps them. On a relay holding
// thousands of idle connections that is resident memory for nothing: capped at 4 MB, RSS per idle
// connection went from about 15 KB to about 11.5 KB here, with no measurable cost in throughput or
// latency (docs/performance.md, scenario (d); measured against 1 and 2 MB as well).
export const RELAY_NODE_FLAGS = ['--max-semi-space-size=4'];
