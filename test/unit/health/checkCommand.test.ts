import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCli } from '../../../src/cli/args.js';
import { run } from '../../../src/cli/commands/check.js';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = savedEnv;
});

async function runCheck(argv: string[]) {
  const inv = parseCli(['check', ...argv], process.env);
  if (inv.kind !== 'command') throw new Error(`not a command: ${JSON.stringify(inv)}`);
  let out = '';
  let err = '';
  const code = await run(inv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('mde-console check: could not run → exit 3, one line', () => {
  it('an empty --only', async () => {
    const r = await runCheck(['--demo', '--only', ' , ']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toBe('mde-console check: --only needs at least one area: licences, mdca, network-protection, devices, office-identity, sentinel, streaming, retention, incident-sync\n');
  });

  it('a profile whose sign-in cannot start (secret variable not set): no stack trace, nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mde-check-'));
    const config = join(dir, 'config.json');
    const profile = { tenantId: '11111111-2222-3333-4444-555555555555', cloud: 'public', auth: { method: 'client-secret', clientId: '66666666-7777-8888-9999-000000000000', clientSecretEnv: 'MDE_CHECK_TEST_SECRET_UNSET' } };
    writeFileSync(config, JSON.stringify({ current: 'p', profiles: { p: profile } }), { mode: 0o600 });
    process.env = { ...savedEnv, MDE_CONSOLE_CONFIG: config, XDG_STATE_HOME: join(dir, 'state') };
    delete process.env.MDE_CHECK_TEST_SECRET_UNSET;
    const r = await runCheck(['--profile', 'p', '--output', 'json']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('MDE_CHECK_TEST_SECRET_UNSET');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
