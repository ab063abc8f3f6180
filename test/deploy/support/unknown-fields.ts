// `kubectl apply` rejects unknown fields (--validate=strict is the default), but the
// kubernetes-models validators accept them, so a typo such as `readinessprobe` would slip
// through. This types each object as its kind's TypeScript interface and lets the compiler's
// excess-property check name every field the schema does not have.
import { resolve } from 'node:path';
import ts from 'typescript';
import { isCustomResource } from './crd-schemas.js';
import { schemaFor } from './k8s-models.js';
import { identity, type K8sObject } from './kustomize-lite.js';

const VIRTUAL_FILE = resolve(import.meta.dirname, '__manifests_typecheck__.ts');

/**
 * One message per field or type problem, prefixed with the object it belongs to. Custom
 * resources are left to schemaError, whose CRD schema is closed against unknown fields.
 */
export function unknownFieldErrors(all: K8sObject[]): string[] {
  const objects = all.filter((o) => !isCustomResource(o));
  const imports = new Map<string, string>();
  const owners: Array<{ line: number; id: string }> = [];
  const body: string[] = [];
  let line = 0;
  objects.forEach((o, index) => {
    const { module, typeName } = schemaFor(o);
    const alias = `T${imports.size}`;
    if (!imports.has(`${module}#${typeName}`)) imports.set(`${module}#${typeName}`, alias);
    const text = `export const o${index}: ${imports.get(`${module}#${typeName}`)} = ${JSON.stringify(o, null, 2)};`;
    owners.push({ line, id: identity(o) });
    body.push(text);
    line += text.split('\n').length;
  });
  const header = [...imports].map(([key, alias]) => {
    const [module, typeName] = key.split('#');
    return `import type { ${typeName} as ${alias} } from '${module}';`;
  });
  const source = [...header, ...body].join('\n');

  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === VIRTUAL_FILE ? ts.createSourceFile(name, source, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === VIRTUAL_FILE || fileExists.call(host, name);
  host.readFile = (name) => (name === VIRTUAL_FILE ? source : readFile.call(host, name));
  const program = ts.createProgram([VIRTUAL_FILE], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file?.fileName !== VIRTUAL_FILE || d.start === undefined) return message;
    const at = d.file.getLineAndCharacterOfPosition(d.start).line - header.length;
    const owner = [...owners].reverse().find((o) => o.line <= at);
    return `${owner?.id ?? '?'}: ${message}`;
  });
}
