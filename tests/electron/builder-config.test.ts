// electron-builder.yml is checked against electron-builder's own JSON schema (app-builder-lib's
// scheme.json, with the ajv that electron-builder itself uses), then for what Firebreak requires.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/project-copy';

const schema = JSON.parse(readFileSync(join(REPO, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
// Same options as electron-builder's validator, except coerceTypes: "yes" must not pass for a boolean.
// strict: false because the schema uses a non-standard `typeof` keyword for hook functions.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const loadConfig = () => parse(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8'));
const errorsOf = (config: unknown) => (validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s JSON schema', () => {
    expect(errorsOf(loadConfig())).toEqual([]);
  });

  it.each([
    ['a misspelt top-level key', (c: any) => ({ ...c, electronFuse: c.electronFuses })],
    ['an unknown fuse', (c: any) => ({ ...c, electronFuses: { ...c.electronFuses, runAsNodeToo: false } })],
    ['a fuse given as a string', (c: any) => ({ ...c, electronFuses: { ...c.electronFuses, runAsNode: 'no' } })],
    ['asar given as a string', (c: any) => ({ ...c, asar: 'yes' })],
    ['a linux target of the wrong type', (c: any) => ({ ...c, linux: { ...c.linux, target: 42 } })],
    ['an unknown mac option', (c: any) => ({ ...c, mac: { ...c.mac, hardenedRuntim: true } })],
  ])('rejects a broken copy: %s', (_what, breakIt) => {
    expect(errorsOf(breakIt(structuredClone(loadConfig()))).length).toBeGreaterThan(0);
  });

  it('names the app and writes to dist/', () => {
    const config = loadConfig();
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Firebreak');
    expect(config.directories.output).toBe('dist');
  });

  it('packs only the build output and package.json into an asar, with the playbooks beside it', () => {
    const config = loadConfig();
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'playbooks', to: 'playbooks' })]);
    expect(config.npmRebuild).toBe(false);
    expect(config.allowMissingDependencies).toBe(false);
    // The Electron distribution is chosen on the command line (-c.electronDist=...), never pinned here.
    expect(config.electronDist).toBeUndefined();
  });

  it('sets every fuse Firebreak relies on', () => {
    expect(loadConfig().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('targets an NSIS installer, a hardened-runtime DMG, an AppImage and a deb', () => {
    const config = loadConfig();
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(existsSync(join(REPO, config.mac.entitlements))).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('has what the deb target insists on: a maintainer, a homepage and an author e-mail', () => {
    const config = loadConfig();
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author.email).toMatch(/@/);
    expect(pkg.main).toBe('out/main/index.js');
  });
});
