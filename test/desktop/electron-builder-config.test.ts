import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's JSON schema", () => {
    const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('sets the security fuses explicitly', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb, an NSIS installer and a dmg, with an update feed', () => {
    expect(config).toMatchObject({
      appId: expect.stringMatching(/^[a-z0-9]+(\.[a-z0-9-]+)+$/),
      productName: 'Relay Chat',
      linux: { target: ['AppImage', 'deb'] },
      win: { target: 'nsis' },
      mac: { target: 'dmg' },
      publish: { provider: 'generic', url: expect.stringMatching(/^https:\/\//) },
    });
  });

  it('packages the built app and the package.json whose main is the built main process', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/desktop/**/*', 'dist/renderer/**/*', 'package.json']));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main?: string };
    expect(pkg.main).toBe('dist/desktop/main.cjs');
  });
});
