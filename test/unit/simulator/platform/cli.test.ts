import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs, runSimulatorCommand } from '../../../../src/simulator/cli.js';
import type { SimulatorHandle, SimulatorOptions } from '../../../../src/simulator/contract.js';
import { deriveTenantIdentity, startPlatform } from '../../../../src/simulator/platform/index.js';
import { echoHandler, fakeTenant, simRequest } from './simHarness.js';

/** Starts the real platform with a fake tenant, recording the options the CLI passed. */
function recordingStart(seen: SimulatorOptions[]) {
  return async (opts: SimulatorOptions): Promise<SimulatorHandle> => {
    seen.push(opts);
    const identity = deriveTenantIdentity(opts.seed ?? 1);
    const tenant = fakeTenant();
    const p = await startPlatform({ identity, tenant, services: { mde: echoHandler }, port: opts.port ?? 0, ...(opts.httpPort !== undefined ? { httpPort: opts.httpPort } : {}) });
    return { ...p, identity, now: () => tenant.now() };
  };
}

describe('mde-console simulator flags', () => {
  it('rejects bad flags with one line and exit code 2', async () => {
    for (const argv of [['--port', 'abc'], ['--port', '70000'], ['--scale', 'huge'], ['--speed', '0'], ['--seed', '1.5'], ['--faults', 'mde:explode:1'], ['--verbose'], ['--seed']]) {
      const errors: string[] = [];
      const code = await runSimulatorCommand(argv, { err: (l) => errors.push(l), out: () => {}, start: () => Promise.reject(new Error('must not start')) });
      expect(code).toBe(2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).not.toContain('\n');
      expect(errors[0]).toMatch(/^mde-console simulator: /);
    }
  });

  it('parses every flag, in both --flag value and --flag=value forms', () => {
    expect(parseSimulatorArgs(['--port', '8443', '--seed=7', '--scale', 'large', '--speed', '60', '--faults', 'mde:429:5', '--http-port=8080', '--auto-approve-ms', '0'])).toEqual({
      kind: 'ok',
      options: { port: 8443, seed: 7, scale: 'large', speed: 60, faults: 'mde:429:5', httpPort: 8080 },
    });
    expect(parseSimulatorArgs([])).toEqual({ kind: 'ok', options: { port: 0, seed: 1, scale: 'demo', speed: 1, autoApproveDeviceCodeMs: 5000 } });
  });
});

describe('mde-console simulator run', () => {
  it('prints how to connect, writes the CA, serves until stopped, then closes', async () => {
    const lines: string[] = [];
    const seen: SimulatorOptions[] = [];
    const caPath = join(mkdtempSync(join(tmpdir(), 'simcli-')), 'ca.pem');
    const stop = new AbortController();
    const printed = new Promise<void>((resolve) => {
      const run = runSimulatorCommand(['--seed', '7', '--http-port', '0', '--faults', 'mde:500:1'], {
        out: (l) => {
          lines.push(l);
          if (l.startsWith('Press Ctrl-C')) resolve();
        },
        err: (l) => lines.push(`ERR ${l}`),
        caPath,
        signal: stop.signal,
        start: recordingStart(seen),
      });
      void run.then((code) => lines.push(`exit ${code}`));
    });
    await printed;
    const text = lines.join('\n');
    const id = deriveTenantIdentity(7);
    const base = /Base URL\s+(https:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    expect(base).toBeDefined();
    for (const expected of [`${base}/login`, `${base}/mde`, `${base}/graph`, `${base}/arm`, `${base}/loganalytics`, `${base}/_sim`, id.tenantId, id.clientId, id.clientSecret, id.publicClientId, id.workspaceId, id.eventHubNamespaceId, `NODE_EXTRA_CA_CERTS=${caPath}`]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Plain HTTP\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(seen[0]).toMatchObject({ seed: 7, httpPort: 0, faults: 'mde:500:1', autoApproveDeviceCodeMs: 5000 });

    // The written CA is the one the server presents: a request trusting only it succeeds.
    const ca = readFileSync(caPath, 'utf8');
    const state = await simRequest(base!, ca, 'GET', '/_sim/state');
    expect(state.json.identity.tenantId).toBe(id.tenantId);

    stop.abort();
    await expect.poll(() => lines.at(-1)).toBe('exit 0');
    expect(lines).toContain('simulator stopped');
    await expect(simRequest(base!, ca, 'GET', '/_sim/state')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('stops on SIGTERM', async () => {
    let ready!: () => void;
    const printed = new Promise<void>((r) => (ready = r));
    const run = runSimulatorCommand([], { out: (l) => l.startsWith('Press Ctrl-C') && ready(), err: () => {}, caPath: join(mkdtempSync(join(tmpdir(), 'simcli-')), 'ca.pem'), start: recordingStart([]) });
    await printed;
    process.emit('SIGTERM');
    expect(await run).toBe(0);
  });

  it('reports a start failure in one line with exit code 1', async () => {
    const errors: string[] = [];
    const code = await runSimulatorCommand(['--port', '8443'], { err: (l) => errors.push(l), out: () => {}, start: () => Promise.reject(new Error('port 8443 on 127.0.0.1 is already in use; pick another with --port or use 0 for a free one')) });
    expect(code).toBe(1);
    expect(errors).toEqual(['mde-console simulator: cannot start: port 8443 on 127.0.0.1 is already in use; pick another with --port or use 0 for a free one']);
  });
});
