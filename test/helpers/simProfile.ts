/**
 * A simulator started in the test process, and a config file with a profile that points the
 * console at it (endpoint overrides, its CA, client-secret sign-in from an env var). End-to-end
 * tests spawn the built console with `--profile sim` and `env`, then change the tenant through
 * the simulator's control API (`control`, `faults`) and read the result on screen or in JSON.
 *
 * This is exactly how an operator points the console at a private endpoint, so it also tests
 * profiles end to end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';

export interface SimProfile {
  sim: StartedSimulator;
  /** Environment for the spawned console: MDE_CONSOLE_CONFIG and the secret's variable. */
  env: Record<string, string>;
  /** Arguments selecting the profile. */
  args: string[];
  configPath: string;
  /** POST /_sim/actions/{name}; returns the parsed JSON answer. */
  control(action: string, params?: Record<string, unknown>): Promise<any>;
  /** GET any /_sim path (e.g. "/requests"). */
  get(path: string): Promise<any>;
  /** POST /_sim/faults {spec}. */
  faults(spec: string): Promise<void>;
  advanceClock(minutes: number): Promise<void>;
  close(): Promise<void>;
}

async function simFetch(sim: StartedSimulator, path: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
  const https = await import('node:https');
  const url = new URL(`${sim.baseUrl}/_sim${path}`);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: init.method ?? 'GET', ca: sim.caCertPem, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) return reject(new Error(`/_sim${path}: ${res.statusCode} ${text}`));
          try {
            resolve(text ? JSON.parse(text) : undefined);
          } catch {
            resolve(text);
          }
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

export async function startSimWithProfile(opts: { seed?: number; scale?: 'demo' | 'large'; startTime?: Date; rateLimits?: { enabled?: boolean } } = {}): Promise<SimProfile> {
  const sim = await startSimulator({
    port: 0,
    seed: opts.seed ?? 7,
    scale: opts.scale ?? 'demo',
    ...(opts.startTime ? { startTime: opts.startTime } : {}),
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'mde-console-test-'));
  const caPath = join(dir, 'sim-ca.pem');
  writeFileSync(caPath, sim.caCertPem);
  const id = sim.identity;
  const config = {
    current: 'sim',
    profiles: {
      sim: {
        tenantId: id.tenantId,
        cloud: 'public',
        auth: { method: 'client-secret', clientId: id.clientId, clientSecretEnv: 'MDE_CONSOLE_TEST_SECRET' },
        sentinel: { subscriptionId: id.subscriptionId, resourceGroup: id.resourceGroup, workspaceName: id.workspaceName, workspaceId: id.workspaceId },
        eventHubNamespaceId: id.eventHubNamespaceId,
        endpoints: sim.serviceUrls,
        caCertFile: caPath,
      },
    },
  };
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  return {
    sim,
    env: { MDE_CONSOLE_CONFIG: configPath, MDE_CONSOLE_TEST_SECRET: id.clientSecret, XDG_STATE_HOME: join(dir, 'state') },
    args: ['--profile', 'sim'],
    configPath,
    control: (action, params = {}) => simFetch(sim, `/actions/${action}`, { method: 'POST', body: params }),
    get: (path) => simFetch(sim, path),
    faults: async (spec) => {
      await simFetch(sim, '/faults', { method: 'POST', body: { spec } });
    },
    advanceClock: async (minutes) => {
      await simFetch(sim, '/clock/advance', { method: 'POST', body: { minutes } });
    },
    close: async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
