// The merge the manifest tests rely on: strategic-merge semantics for what k8s/ uses, and a
// loud failure for anything it does not implement.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, strategicMerge, type JsonObject } from './support/kustomize-lite.js';

describe('strategicMerge', () => {
  it('merges maps, deletes keys set to null and replaces plain lists', () => {
    expect(strategicMerge({ a: { b: 1, c: 2 }, list: [1, 2], gone: 1 }, { a: { c: 3 }, list: [3], gone: null })).toEqual({
      a: { b: 1, c: 3 },
      list: [3],
    });
  });

  it('merges containers and env by name', () => {
    const base: JsonObject = { containers: [{ name: 'relay', image: 'a', env: [{ name: 'A', value: '1' }] }, { name: 'side', image: 's' }] };
    const patch = { containers: [{ name: 'relay', env: [{ name: 'B', value: '2' }, { name: 'A', value: '9' }] }] };
    expect(strategicMerge(base, patch)).toEqual({
      containers: [{ name: 'relay', image: 'a', env: [{ name: 'A', value: '9' }, { name: 'B', value: '2' }] }, { name: 'side', image: 's' }],
    });
  });

  it('refuses lists whose Kubernetes merge key it does not implement, and directives', () => {
    expect(() => strategicMerge({ ports: [{ port: 1 }] }, { ports: [{ port: 2 }] })).toThrow(/not supported/);
    expect(() => strategicMerge({ a: {} }, { a: { $retainKeys: ['x'] } })).toThrow(/directive/);
  });
});

describe('build', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  A: "1"\n`;

  it('applies patches, $patch: delete, components and the namespace', () => {
    dir = mkdtempSync(join(tmpdir(), 'kustomize-lite-'));
    // Without `kind` a file is a Kustomization, as in kustomize.
    write('base/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    write('base/cm.yaml', `${cm('one')}---\n${cm('two')}`);
    write('comp/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - extra.yaml\n');
    write('comp/extra.yaml', cm('three'));
    write(
      'overlay/kustomization.yaml',
      'kind: Kustomization\nnamespace: ns\nresources:\n  - ../base\ncomponents:\n  - ../comp\npatches:\n  - path: p.yaml\n  - path: d.yaml\n',
    );
    write('overlay/p.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  B: "2"\n');
    write('overlay/d.yaml', '$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n');
    const objects = build(join(dir, 'overlay'));
    expect(objects.map((o) => [o.metadata.name, o.metadata.namespace, o.data])).toEqual([
      ['one', 'ns', { A: '1', B: '2' }],
      ['three', 'ns', { A: '1' }],
    ]);
  });

  it('fails on kustomization features it does not implement and on patches that match nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'kustomize-lite-'));
    write('a/kustomization.yaml', 'kind: Kustomization\nresources:\n  - cm.yaml\ncommonLabels:\n  x: y\n');
    write('a/cm.yaml', cm('one'));
    expect(() => build(join(dir, 'a'))).toThrow(/"commonLabels" is not supported/);
    write('b/kustomization.yaml', 'kind: Kustomization\nresources:\n  - ../a/cm.yaml\npatches:\n  - path: p.yaml\n');
    write('b/p.yaml', cm('missing'));
    expect(() => build(join(dir, 'b'))).toThrow(/no ConfigMap\/missing/);
  });
});
