import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProfileCommand } from '../../../src/cli/profileCommand.js';

let dir: string;
let cfg: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mdec-prof-'));
  cfg = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], input?: string) {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  if (input !== undefined) stdin.end(input);
  const code = await runProfileCommand(args, {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin,
    isTTY: input !== undefined,
    env: { MDE_CONSOLE_CONFIG: cfg },
  });
  return { code, stdout, stderr };
}
const file = () => JSON.parse(readFileSync(cfg, 'utf8'));

describe('mde-console profile', () => {
  it('add / list / show / use / remove round trip', async () => {
    const secretProfile = ['add', 'prod', '--tenant', 'contoso.onmicrosoft.com', '--cloud', 'usgov-gcchigh', '--auth', 'client-secret', '--client-id', 'app-1', '--client-secret-env', 'PROD_SECRET',
      '--subscription', 'sub', '--resource-group', 'rg', '--workspace-name', 'ws', '--workspace-id', '11111111-1111-1111-1111-111111111111'];
    expect((await run(secretProfile)).code).toBe(0);
    expect(statSync(cfg).mode & 0o777).toBe(0o600);
    expect(file()).toEqual({
      current: 'prod',
      profiles: {
        prod: {
          tenantId: 'contoso.onmicrosoft.com', cloud: 'usgov-gcchigh',
          auth: { method: 'client-secret', clientId: 'app-1', clientSecretEnv: 'PROD_SECRET' },
          sentinel: { subscriptionId: 'sub', resourceGroup: 'rg', workspaceName: 'ws', workspaceId: '11111111-1111-1111-1111-111111111111' },
        },
      },
    });

    const sim = await run(['add', 'lab', '--tenant', 't2', '--endpoint', 'mde=https://127.0.0.1:8443/mde', '--endpoint=login=https://127.0.0.1:8443/login', '--ca-cert', join(dir, 'ca.pem')]);
    expect(sim.code).toBe(0);
    expect(file().profiles.lab).toEqual({
      tenantId: 't2', cloud: 'public', auth: { method: 'device-code' },
      endpoints: { mde: 'https://127.0.0.1:8443/mde', login: 'https://127.0.0.1:8443/login' }, caCertFile: join(dir, 'ca.pem'),
    });
    expect(file().current).toBe('prod');

    const list = await run(['list']);
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      '  lab              public        device-code        tenant t2',
      '* prod             usgov-gcchigh client-secret      tenant contoso.onmicrosoft.com',
    ]);

    const show = await run(['show', 'prod']);
    expect(show.stdout).toContain('secret from   $PROD_SECRET');
    expect(show.stdout).toContain('sentinel      sub/rg/ws');

    expect((await run(['use', 'lab'])).code).toBe(0);
    expect(file().current).toBe('lab');
    expect((await run(['remove', 'lab'])).code).toBe(0);
    expect(file().current).toBeUndefined();
    expect(Object.keys(file().profiles)).toEqual(['prod']);
  });

  it('refuses --client-secret in both spellings and writes nothing', async () => {
    for (const flag of [['--client-secret', 'hunter2'], ['--client-secret=hunter2']]) {
      const r = await run(['add', 'x', '--tenant', 't', '--auth', 'client-secret', '--client-id', 'a', ...flag]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('profile add: --client-secret is refused (command lines end up in shell history and process lists); put the secret in an environment variable and pass --client-secret-env VAR\n');
      expect(r.stderr + r.stdout).not.toContain('hunter2');
    }
    expect(() => statSync(cfg)).toThrow();
  });

  it('bad input exits 2 with one line', async () => {
    expect((await run(['add', 'x', '--tenant', 't', '--cloud', 'gov'])).stderr).toBe(
      'profile add: cloud: expected one of public, usgov-gcc, usgov-gcchigh, usgov-dod, china (got "gov")\n',
    );
    expect((await run(['add', 'x'])).stderr).toBe('profile add: --tenant is required (or run in a terminal to be asked)\n');
    expect((await run(['add', 'x', '--tenant', 't', '--workspace-id', 'w'])).stderr).toBe(
      'profile add: a Sentinel workspace needs --subscription, --resource-group, --workspace-name as well\n',
    );
    expect((await run(['add', 'x', '--tenant', 't', '--endpoint', 'foo=https://a'])).code).toBe(2);
    expect((await run(['use', 'ghost'])).stderr).toBe(`profile use: no profile named "ghost" in ${cfg}\n`);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('a broken config file is reported as one line, exit 2', async () => {
    writeFileSync(cfg, '{"profiles": {"p": {"tenantId": "t", "cloud": "public", "auth": {"method": "password"}}}}');
    const r = await run(['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${cfg}: profiles.p.auth.method: expected one of device-code, azure-cli, environment, client-certificate, managed-identity, client-secret (got "password")\n`);
  });

  it('add asks interactively for what the flags did not give', async () => {
    const answers = ['tenant-guid', 'usgov-dod', 'client-certificate', 'app-9', join(dir, 'key.pem'), 'n', ''].join('\n') + '\n';
    const r = await run(['add', 'dod'], answers);
    expect(r.code).toBe(0);
    expect(file().profiles.dod).toEqual({
      tenantId: 'tenant-guid', cloud: 'usgov-dod',
      auth: { method: 'client-certificate', clientId: 'app-9', certificatePath: join(dir, 'key.pem') },
    });
  });
});
