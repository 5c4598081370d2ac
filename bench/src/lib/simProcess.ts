/**
 * A --scale large simulator in its OWN process (`mde-console simulator`), so that what the
 * console process uses (memory, CPU) is the console's alone, and a profile pointing at it —
 * the same arrangement as test/helpers/simProfile.ts, with the simulator out of process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SimProcess {
  child: ChildProcess;
  baseUrl: string;
  tenantId: string;
  /** Environment for the console: config file and the client secret's variable. */
  env: Record<string, string>;
  args: string[];
  /** GET /_sim<path>. */
  get(path: string): Promise<any>;
  close(): Promise<void>;
}

function field(lines: string[], label: string): string {
  const line = lines.find((l) => l.trimStart().startsWith(label));
  const m = line ? new RegExp(`^\\s*${label}\\s+(\\S+)`).exec(line) : null;
  if (!m) throw new Error(`simulator output has no "${label}" line`);
  return m[1]!;
}

export async function startSimProcess(bin: string, opts: { scale: 'demo' | 'large'; seed: number; speed: number }): Promise<SimProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mde-bench-sim-'));
  // TMPDIR: the simulator writes its CA to <tmpdir>/mde-console-simulator-ca.pem; keep ours private.
  const child = spawn(process.execPath, [bin, 'simulator', '--port', '0', '--seed', String(opts.seed), '--scale', opts.scale, '--speed', String(opts.speed)], {
    env: { ...process.env, TMPDIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start within 90 s:\n${lines.join('\n')}`)), 90_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (lines[lines.length - 1]!.startsWith('Press Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => lines.push(d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited ${code}:\n${lines.join('\n')}`));
    });
  });
  const baseUrl = field(lines, 'Base URL');
  const caPath = field(lines, 'CA certificate');
  const ca = readFileSync(caPath, 'utf8');
  const workspaceLine = lines.find((l) => l.trimStart().startsWith('Workspace'))!;
  const workspaceId = /workspace id ([0-9a-f-]+)/i.exec(workspaceLine)?.[1] ?? '';
  const tenantId = field(lines, 'Tenant id');
  const config = {
    current: 'sim',
    profiles: {
      sim: {
        tenantId,
        cloud: 'public',
        auth: { method: 'client-secret', clientId: field(lines, 'Client id'), clientSecretEnv: 'MDE_CONSOLE_BENCH_SECRET' },
        sentinel: { subscriptionId: field(lines, 'Subscription'), resourceGroup: field(lines, 'Resource group'), workspaceName: field(lines, 'Workspace'), workspaceId },
        eventHubNamespaceId: field(lines, 'Event Hubs'),
        endpoints: {
          login: field(lines, 'Entra ID'),
          mde: field(lines, 'MDE API'),
          graph: field(lines, 'Microsoft Graph'),
          arm: field(lines, 'Azure RM'),
          loganalytics: field(lines, 'Log Analytics'),
        },
        caCertFile: caPath,
      },
    },
  };
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  const agent = new https.Agent({ ca, keepAlive: false });
  const get = (path: string) =>
    new Promise<any>((resolve, reject) => {
      https
        .get(`${baseUrl}/_sim${path}`, { agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => ((res.statusCode ?? 500) >= 400 ? reject(new Error(`/_sim${path}: ${res.statusCode} ${text}`)) : resolve(JSON.parse(text))));
        })
        .on('error', reject);
    });
  return {
    child,
    baseUrl,
    tenantId,
    env: { MDE_CONSOLE_CONFIG: configPath, MDE_CONSOLE_BENCH_SECRET: field(lines, 'Client secret'), XDG_STATE_HOME: join(dir, 'state') },
    args: ['--profile', 'sim'],
    get,
    async close() {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
