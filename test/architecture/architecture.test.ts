import { describe, expect, it } from 'vitest';
import { codeOf, importCycles, isTestFile, localImports, sourceFiles } from './source-graph.js';

/**
 * The structure docs/architecture.md promises, checked on every run: the sides depend on each
 * other only through shared/, nothing imports in a circle, and one folder alone knows the
 * internals of Engine.IO and ws.
 */
const SIDES = ['relay', 'renderer/src', 'desktop', 'shared'] as const;

function sideOf(path: string): string | undefined {
  return SIDES.find((side) => path === side || path.startsWith(`${side}/`));
}

describe('the code base’s structure', () => {
  it.each(SIDES)('%s has no import cycle, type-only imports included', (side) => {
    expect(importCycles(sourceFiles(side))).toEqual([]);
  });

  it('shared/ imports nothing of ours, and relay, renderer and desktop meet only in shared/', () => {
    const crossings: string[] = [];
    for (const side of SIDES) {
      // Tests may use the multi-process launchers in test/support; product code may not.
      for (const file of sourceFiles(side).filter((path) => !isTestFile(path))) {
        for (const target of localImports(file)) {
          const to = sideOf(target);
          if (to !== side && to !== 'shared') crossings.push(`${file} → ${target}`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it('only relay/transport/ reaches into Engine.IO’s and ws’s internals', () => {
    const internals = /_socket\b|transport\.writable|conn\.transport|\.transport\.socket|io\.engine\b|\.terminate\(\)|_query\b|writeBuffer|\bupgradeReq\b/;
    const offenders = sourceFiles('relay')
      .filter((file) => !file.startsWith('relay/transport/'))
      .filter((file) => internals.test(codeOf(file)));
    expect(offenders).toEqual([]);
  });

  it('keeps Lua out of TypeScript: no redis.call( in any .ts file', () => {
    const offenders = ['relay', 'shared', 'test', 'bench', 'scripts']
      .flatMap((dir) => sourceFiles(dir))
      .filter((file) => file !== 'test/architecture/architecture.test.ts' && codeOf(file).includes('redis.call('));
    expect(offenders).toEqual([]);
  });

  it('keeps product source files under 300 lines', () => {
    const long = SIDES.flatMap((side) => sourceFiles(side))
      .filter((file) => !isTestFile(file))
      .map((file) => ({ file, lines: codeOf(file).split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('finds what it looks for (the checks above are not vacuous)', () => {
    expect(sourceFiles('relay')).toContain('relay/server.ts');
    expect(localImports('relay/server.ts')).toContain('relay/transport/relay-transport.ts');
    expect(localImports('renderer/src/App.vue').length).toBeGreaterThan(0);
    expect(importCycles(['test/architecture/fixtures/cycle-a.ts', 'test/architecture/fixtures/cycle-b.ts'])).toEqual([['test/architecture/fixtures/cycle-a.ts', 'test/architecture/fixtures/cycle-b.ts']]);
  });
});
