import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Record what each @azure/identity credential is constructed with; no network in unit tests.
const made: Array<{ kind: string; args: unknown[] }> = [];
vi.mock('@azure/identity', () => {
  const cls = (kind: string) =>
    class {
      args: unknown[];
      constructor(...args: unknown[]) {
        this.args = args;
        made.push({ kind, args });
      }
      async getToken() {
        if (kind === 'ClientSecretCredential') throw new Error('AADSTS7000215: Invalid client secret provided.\nTrace ID: x\nMore help: https://aka.ms');
        return { token: 'tok', expiresOnTimestamp: Date.now() + 3_600_000 };
      }
    };
  return {
    DeviceCodeCredential: cls('DeviceCodeCredential'),
    AzureCliCredential: cls('AzureCliCredential'),
    EnvironmentCredential: cls('EnvironmentCredential'),
    ClientCertificateCredential: cls('ClientCertificateCredential'),
    ManagedIdentityCredential: cls('ManagedIdentityCredential'),
    ClientSecretCredential: cls('ClientSecretCredential'),
  };
});

const { createCredential, AuthError, AZURE_CLI_CLIENT_ID, TokenCache } = await import('../../../src/auth/index.js');
const { resolveStoredProfile } = await import('../../../src/config/index.js');
type Profile = import('../../../src/config/types.js').Profile;

const resolve = (p: Partial<Profile>) =>
  resolveStoredProfile('prod', { tenantId: 'tid', cloud: 'public', auth: { method: 'device-code' }, ...p } as Profile, '/cfg.json');
const last = () => made[made.length - 1]!;
beforeEach(() => (made.length = 0));

const dir = mkdtempSync(join(tmpdir(), 'mdec-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createCredential', () => {
  it('device code by default with the Azure CLI public client and the cloud authority', async () => {
    const shown: unknown[] = [];
    const cred = await createCredential(resolve({ cloud: 'usgov-gcchigh' }), { onDeviceCode: (i) => shown.push(i) });
    expect(cred).toBeInstanceOf(TokenCache);
    const opts = last().args[0] as Record<string, unknown>;
    expect(last().kind).toBe('DeviceCodeCredential');
    expect(opts).toMatchObject({ tenantId: 'tid', clientId: AZURE_CLI_CLIENT_ID, authorityHost: 'https://login.microsoftonline.us' });
    expect(opts.disableInstanceDiscovery).toBeUndefined();
    (opts.userPromptCallback as (i: object) => void)({ userCode: 'ABC', verificationUri: 'https://microsoft.com/devicelogin', message: 'go', expiresOn: new Date() });
    expect(shown).toEqual([{ userCode: 'ABC', verificationUri: 'https://microsoft.com/devicelogin', message: 'go' }]);
  });

  it('with a login override: that authority, no instance discovery, and the extra CA trusted', async () => {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    await createCredential(resolve({ endpoints: { login: 'https://127.0.0.1:9443/login' }, caCertFile: ca, auth: { method: 'device-code', clientId: 'pub' } }));
    const opts = last().args[0] as Record<string, unknown>;
    expect(opts).toMatchObject({ authorityHost: 'https://127.0.0.1:9443/login', disableInstanceDiscovery: true, clientId: 'pub' });
    expect(typeof (opts.httpClient as { sendRequest?: unknown })?.sendRequest).toBe('function');
  });

  it('client secret comes from the named env var, or in memory for --demo; never from elsewhere', async () => {
    const p = resolve({ auth: { method: 'client-secret', clientId: 'app', clientSecretEnv: 'MDE_SECRET' } });
    await expect(createCredential(p, { env: {} })).rejects.toThrow(
      new AuthError('profile "prod": client-secret sign-in reads the secret from $MDE_SECRET, which is not set; export it (a secret is never accepted on the command line or in config.json)'),
    );
    await createCredential(p, { env: { MDE_SECRET: 's3cret' } });
    expect(last().args.slice(0, 3)).toEqual(['tid', 'app', 's3cret']);
    await createCredential(p, { env: {}, clientSecret: 'from-sim' });
    expect(last().args[2]).toBe('from-sim');
  });

  it('sign-in failures become one line without the troubleshooting block', async () => {
    const cred = await createCredential(resolve({ auth: { method: 'client-secret', clientId: 'app', clientSecretEnv: 'S' } }), { env: { S: 'bad' } });
    const err = await cred.getToken('https://graph.microsoft.com/.default').catch((e: Error) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toBe('sign-in (client-secret) failed for https://graph.microsoft.com/.default: AADSTS7000215: Invalid client secret provided.');
  });

  it('environment sign-in names the missing variables', async () => {
    await expect(createCredential(resolve({ auth: { method: 'environment' } }), { env: { AZURE_CLIENT_ID: 'a' } })).rejects.toThrow(
      'profile "prod": environment sign-in needs AZURE_TENANT_ID, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH; export them or choose another auth method',
    );
    await createCredential(resolve({ auth: { method: 'environment' } }), { env: { AZURE_CLIENT_ID: 'a', AZURE_TENANT_ID: 'tid', AZURE_CLIENT_CERTIFICATE_PATH: '/k.pem' } });
    expect(last().kind).toBe('EnvironmentCredential');
  });

  it('client certificate checks the file; managed identity passes a user-assigned id', async () => {
    await expect(createCredential(resolve({ auth: { method: 'client-certificate', clientId: 'app', certificatePath: join(dir, 'nope.pem') } }))).rejects.toThrow(/certificate file .*nope\.pem not found/);
    const pem = join(dir, 'app.pem');
    writeFileSync(pem, 'x');
    await createCredential(resolve({ auth: { method: 'client-certificate', clientId: 'app', certificatePath: pem } }));
    expect(last().args.slice(0, 3)).toEqual(['tid', 'app', { certificatePath: pem }]);
    await createCredential(resolve({ auth: { method: 'managed-identity', managedIdentityClientId: 'mi' } }));
    expect(last()).toMatchObject({ kind: 'ManagedIdentityCredential', args: [{ clientId: 'mi' }] });
  });

  it('azure-cli refuses a custom authority it cannot honour', async () => {
    await expect(createCredential(resolve({ auth: { method: 'azure-cli' }, endpoints: { login: 'https://login.corp.example' } }))).rejects.toThrow(/azure-cli sign-in cannot use a custom login endpoint/);
    await createCredential(resolve({ auth: { method: 'azure-cli' } }));
    expect(last()).toMatchObject({ kind: 'AzureCliCredential', args: [{ tenantId: 'tid' }] });
  });
});
