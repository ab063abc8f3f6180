import Module from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWithStubs } from './support/require-with-stubs.js';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  sample?: string;
  severity: { name: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' };
}
interface ScanResult {
  errors: unknown[];
  issues: Finding[];
}
type Electronegativity = (options: Record<string, unknown>) => Promise<ScanResult>;

const require = Module.createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;

/**
 * Electronegativity fetches translations and Electron release data with `got` (S3, GitHub).
 * This machine and CI may have no network, and tests talk to no one: every request fails at
 * once, which the tool handles (English texts, no "newer Electron" advice).
 */
function offlineGot(): Promise<never> {
  return Promise.reject(new Error('offline: electronegativity runs without network in tests'));
}
offlineGot.head = offlineGot;

function loadElectronegativity(): Electronegativity {
  const entry = require.resolve('@doyensec/electronegativity');
  const packageDir = resolve(entry, '..', '..');
  for (const cached of Object.keys(require.cache)) {
    if (cached.startsWith(packageDir)) delete require.cache[cached];
  }
  return requireWithStubs(entry, { got: offlineGot }) as Electronegativity;
}

async function scan(input: string): Promise<ScanResult> {
  return loadElectronegativity()({
    input,
    electronVersionOverride: electronVersion,
    severitySet: 'informational',
    isRelative: true,
    parserPlugins: ['optionalChaining'],
  });
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.severity.name} ${f.id} ${f.file}:${f.location.line} ${f.description}`).join('\n');
}

describe('electronegativity scan of desktop/', () => {
  it('finds no high-severity problem', async () => {
    const result = await scan(resolve('desktop'));
    expect(result.errors, 'files electronegativity could not parse').toEqual([]);
    const high = result.issues.filter((finding) => finding.severity.name === 'HIGH');
    if (high.length > 0) console.error(`High-severity findings:\n${describeFindings(high)}`);
    expect(describeFindings(high)).toBe('');
  });

  it('does flag an insecure window, so a clean scan means something', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'electronegativity-'));
    try {
      await writeFile(
        join(dir, 'insecure.ts'),
        "import { BrowserWindow } from 'electron';\n" +
          'export const w: BrowserWindow = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n',
      );
      const result = await scan(dir);
      const high = result.issues.filter((finding) => finding.severity.name === 'HIGH').map((finding) => finding.id);
      expect(high).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
