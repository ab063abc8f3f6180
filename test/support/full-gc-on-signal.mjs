// Preloaded (node --import) into relays whose retained heap a test measures; never part of the
// product. On SIGUSR2 it runs a full garbage collection (the relay runs with --expose-gc) and
// prints "full-gc <n>", n counting the collections, so the test knows when it is done.
let collections = 0;
process.on('SIGUSR2', () => {
  globalThis.gc();
  collections += 1;
  process.stderr.write(`full-gc ${collections}\n`);
});
