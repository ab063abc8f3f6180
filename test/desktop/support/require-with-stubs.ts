import Module from 'node:module';

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: ModuleLoad };

/**
 * Until the returned function is called, `require(name)` anywhere in this process answers
 * `stubs[name]`. Bundles may require lazily (electron-updater requires 'electron' only when it
 * checks for updates), so a test keeps the stubs in place while the bundle runs.
 */
export function stubModules(stubs: Readonly<Record<string, unknown>>): () => void {
  const original = moduleInternals._load;
  moduleInternals._load = function load(this: unknown, request, parent, isMain) {
    if (Object.hasOwn(stubs, request)) return stubs[request];
    return original.call(this, request, parent, isMain);
  };
  return () => {
    moduleInternals._load = original;
  };
}

/** Requires a CommonJS file anew (out of the require cache), so each load starts afresh. */
export function requireFresh(file: string): unknown {
  const require = Module.createRequire(file);
  delete require.cache[require.resolve(file)];
  return require(file);
}

/** Requires a file anew with the stubs in place while it loads (enough when it requires eagerly). */
export function requireWithStubs(file: string, stubs: Readonly<Record<string, unknown>>): unknown {
  const restore = stubModules(stubs);
  try {
    return requireFresh(file);
  } finally {
    restore();
  }
}
