import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root: the architecture rules are about the tree as committed. */
export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

const SOURCE = /\.(ts|mts|vue)$/;

/** Every .ts/.vue file below `dir` (relative to the root), skipping build output and dependencies. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(join(ROOT, path))) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const child = join(path, name);
      if (statSync(join(ROOT, child)).isDirectory()) walk(child);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

export function isTestFile(path: string): boolean {
  return /\.(test|suite)\.ts$/.test(path) || /(^|\/)testing\//.test(path);
}

/** The code of a file: for a .vue file, its <script> blocks only. */
export function codeOf(path: string): string {
  const text = readFileSync(join(ROOT, path), 'utf8');
  if (!path.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

// `import … from 'x'`, `import type …`, `export … from 'x'`, side-effect `import 'x'` and `import('x')`.
const SPECIFIERS = [/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

/** The relative imports of a file (type-only ones included), resolved to repository paths. */
export function localImports(path: string): string[] {
  const code = codeOf(path);
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.')) continue;
      const target = resolveSpecifier(path, specifier);
      if (target) found.add(target);
    }
  }
  return [...found];
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  const base = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  const candidates = [base, base.replace(/\.m?js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, `${base}.vue`, join(base, 'index.ts')];
  return candidates.find((candidate) => {
    try {
      return statSync(join(ROOT, candidate)).isFile();
    } catch {
      return false;
    }
  });
}

/** Every import cycle among `files`, each as the list of files around it (Tarjan's strongly connected components). */
export function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((file) => [file, localImports(file)]));
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}
