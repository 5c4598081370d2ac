import { chmodSync, mkdtempSync, rmSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, configFilePath, loadConfig, saveConfig } from '../../../src/config/index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mdec-cfg-'));
  file = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(content: unknown, mode = 0o600) {
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content), { mode });
  chmodSync(file, mode);
}

function errorLine(): string {
  try {
    loadConfig({ path: file });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected a ConfigError');
}

const good = { tenantId: 'contoso.onmicrosoft.com', cloud: 'public', auth: { method: 'device-code' } };

describe('config file path', () => {
  it('prefers MDE_CONSOLE_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configFilePath({ MDE_CONSOLE_CONFIG: '/x/c.json', XDG_CONFIG_HOME: '/y' })).toBe('/x/c.json');
    expect(configFilePath({ XDG_CONFIG_HOME: '/y' })).toBe('/y/mde-console/config.json');
    expect(configFilePath({})).toMatch(/\/\.config\/mde-console\/config\.json$/);
  });
});

describe('loadConfig errors are one line naming file and key', () => {
  it('bad JSON names the file and the position', () => {
    write('{\n  "profiles": {\n    "prod": }\n}');
    const line = errorLine();
    expect(line.startsWith(`${file}: not valid JSON (`)).toBe(true);
    expect(line).toContain("(line 3 column 13: ");
  });

  it('unknown cloud lists the allowed values and what was given', () => {
    write({ profiles: { prod: { ...good, cloud: 'gov' } } });
    expect(errorLine()).toBe(`${file}: profiles.prod.cloud: expected one of public, usgov-gcc, usgov-gcchigh, usgov-dod, china (got "gov")`);
  });

  it('a misspelt key is reported at its own path', () => {
    write({ profiles: { prod: { ...good, tenantID: 'x' } } });
    expect(errorLine()).toBe(`${file}: profiles.prod.tenantID: unknown key`);
  });

  it('a wrong type names expected and received', () => {
    write({ profiles: { prod: { ...good, tenantId: 42 } } });
    expect(errorLine()).toBe(`${file}: profiles.prod.tenantId: expected string (got number 42)`);
  });

  it('a missing key says so', () => {
    write({ profiles: { prod: { cloud: 'public', auth: { method: 'device-code' } } } });
    expect(errorLine()).toBe(`${file}: profiles.prod.tenantId: missing (expected string)`);
  });

  it('client-secret auth without the env var name is rejected at auth.clientSecretEnv', () => {
    write({ profiles: { prod: { ...good, auth: { method: 'client-secret', clientId: 'app' } } } });
    expect(errorLine()).toBe(`${file}: profiles.prod.auth.clientSecretEnv: required for client-secret auth (the secret is read from that environment variable)`);
  });

  it('a non-https endpoint override is rejected', () => {
    write({ profiles: { prod: { ...good, endpoints: { mde: 'http://127.0.0.1:8080/mde' } } } });
    expect(errorLine()).toBe(`${file}: profiles.prod.endpoints.mde: expected an https:// URL (bearer tokens are only sent over TLS) (got "http://127.0.0.1:8080/mde")`);
  });

  it('current must name an existing profile', () => {
    write({ current: 'nope', profiles: { prod: good } });
    expect(errorLine()).toBe(`${file}: current: no profile named "nope" (have: prod)`);
  });

  it('an invalid profile name is rejected', () => {
    write({ profiles: { 'my prod!': good } });
    expect(errorLine()).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: profiles\\.my prod!: invalid profile name`));
  });

  it('a missing file is an empty config, not an error', () => {
    const r = loadConfig({ path: join(dir, 'none.json') });
    expect(r.exists).toBe(false);
    expect(r.file.profiles).toEqual({});
  });
});

describe('permission warning', () => {
  const withCert = { profiles: { prod: { ...good, auth: { method: 'client-certificate', clientId: 'app', certificatePath: '/keys/app.pem' } } } };

  it('warns when a file naming a certificate is group/other readable', () => {
    write(withCert, 0o644);
    const r = loadConfig({ path: file, platform: 'linux' });
    expect(r.warnings).toEqual([
      `warning: ${file} is readable by group/others (mode 0644) and names a certificate file (profiles.prod.auth.certificatePath); run: chmod 600 ${file}`,
    ]);
  });

  it('no warning at 0600, or when no certificate is named', () => {
    write(withCert, 0o600);
    expect(loadConfig({ path: file, platform: 'linux' }).warnings).toEqual([]);
    write({ profiles: { prod: good } }, 0o644);
    expect(loadConfig({ path: file, platform: 'linux' }).warnings).toEqual([]);
  });
});

describe('saveConfig', () => {
  it('writes 0600 atomically and round-trips', () => {
    const cfg = { current: 'prod', profiles: { prod: good as never } };
    saveConfig(join(dir, 'sub', 'config.json'), cfg);
    const written = join(dir, 'sub', 'config.json');
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['config.json']);
    expect(loadConfig({ path: written }).file).toEqual(cfg);
  });
});

describe('jsonErrorOffset', async () => {
  const { jsonErrorOffset } = await import('../../../src/config/jsonPosition.js');
  it('is -1 for valid JSON and points at the first bad character otherwise', () => {
    expect(jsonErrorOffset('{"a":[1,-2.5e3,"x\\n",true,null,{}]}')).toBe(-1);
    expect(jsonErrorOffset('{"a":}')).toBe(5);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('{"a":1')).toBe(6);
    expect(jsonErrorOffset('[1] x')).toBe(4);
  });
});
