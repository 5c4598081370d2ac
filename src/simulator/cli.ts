/**
 * `mde-console simulator [--port N] [--seed N] [--scale demo|large] [--speed X] [--faults SPEC]
 *  [--http-port N] [--auto-approve-ms N]`: starts the tenant simulator, prints how to connect,
 * and runs until Ctrl-C / SIGTERM, then closes cleanly. Bad flags: one line, exit 2.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_PREFIXES, type SimulatorHandle, type SimulatorOptions } from './contract.js';
import { FaultSpecError, parseFaultSpec } from './platform/index.js';

export const SIMULATOR_USAGE =
  'usage: mde-console simulator [--port N] [--seed N] [--scale demo|large] [--speed X] [--faults SPEC] [--http-port N] [--auto-approve-ms N]';

/** Device-code logins approve themselves after this long unless --auto-approve-ms says otherwise (0 = only via /_sim). */
const DEFAULT_AUTO_APPROVE_MS = 5_000;

export interface SimulatorCommandDeps {
  start?: (opts: SimulatorOptions) => Promise<SimulatorHandle>;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Where the CA PEM is written; default <tmpdir>/mde-console-simulator-ca.pem. */
  caPath?: string;
  /** Stops the simulator when aborted (tests); SIGINT/SIGTERM always do. */
  signal?: AbortSignal;
}

export type ParsedSimulatorArgs = { kind: 'ok'; options: SimulatorOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseSimulatorArgs(argv: string[]): ParsedSimulatorArgs {
  const options: SimulatorOptions = { port: 0, seed: 1, scale: 'demo', speed: 1, autoApproveDeviceCodeMs: DEFAULT_AUTO_APPROVE_MS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    const port = (name: string): number | string => {
      const v = value();
      return v !== undefined && /^\d+$/.test(v) && Number(v) <= 65535 ? Number(v) : `${name} needs a port number 0-65535${v === undefined ? '' : `, got "${v}"`}`;
    };
    switch (flag) {
      case '--port':
      case '--http-port': {
        const p = port(flag);
        if (typeof p === 'string') return { kind: 'error', message: p };
        if (flag === '--port') options.port = p;
        else options.httpPort = p;
        break;
      }
      case '--seed': {
        const v = value();
        if (v === undefined || !/^-?\d+$/.test(v)) return { kind: 'error', message: `--seed needs a whole number${v === undefined ? '' : `, got "${v}"`}` };
        options.seed = Number(v);
        break;
      }
      case '--scale': {
        const v = value();
        if (v !== 'demo' && v !== 'large') return { kind: 'error', message: `--scale must be demo or large${v === undefined ? '' : `, got "${v}"`}` };
        options.scale = v;
        break;
      }
      case '--speed': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        if (!(n > 0) || !Number.isFinite(n)) return { kind: 'error', message: `--speed needs a positive number of simulated seconds per second${v === undefined ? '' : `, got "${v}"`}` };
        options.speed = n;
        break;
      }
      case '--faults': {
        const v = value();
        if (v === undefined) return { kind: 'error', message: '--faults needs a spec such as mde:429:5,graph:latency:300' };
        try {
          parseFaultSpec(v);
        } catch (e) {
          if (e instanceof FaultSpecError) return { kind: 'error', message: `--faults: ${e.message}` };
          throw e;
        }
        options.faults = v;
        break;
      }
      case '--auto-approve-ms': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v)) return { kind: 'error', message: `--auto-approve-ms needs a whole number of milliseconds (0 = approve only through /_sim)${v === undefined ? '' : `, got "${v}"`}` };
        if (Number(v) === 0) delete options.autoApproveDeviceCodeMs;
        else options.autoApproveDeviceCodeMs = Number(v);
        break;
      }
      default:
        return { kind: 'error', message: `unknown option "${arg}"` };
    }
  }
  return { kind: 'ok', options };
}

export function describeSimulator(sim: SimulatorHandle, opts: SimulatorOptions, caPath: string): string[] {
  const id = sim.identity;
  const url = (s: keyof typeof SERVICE_PREFIXES) => `${sim.baseUrl}${SERVICE_PREFIXES[s]}`;
  const approve = opts.autoApproveDeviceCodeMs !== undefined ? `approved automatically after ${opts.autoApproveDeviceCodeMs} ms, or` : 'approve with';
  return [
    `mde-console tenant simulator — seed ${opts.seed ?? 1}, scale ${opts.scale ?? 'demo'}, speed ${opts.speed ?? 1}x${opts.faults ? `, faults ${opts.faults}` : ''}`,
    `  Base URL          ${sim.baseUrl}`,
    ...(sim.httpBaseUrl ? [`  Plain HTTP        ${sim.httpBaseUrl}`] : []),
    `  Entra ID          ${url('login')}   (authorityHost; set disableInstanceDiscovery)`,
    `  MDE API           ${url('mde')}`,
    `  Microsoft Graph   ${url('graph')}`,
    `  Azure RM          ${url('arm')}`,
    `  Log Analytics     ${url('loganalytics')}`,
    `  Control API       ${sim.baseUrl}/_sim   (no token; loopback only)`,
    `  Tenant id         ${id.tenantId}`,
    `  Client id         ${id.clientId}`,
    `  Client secret     ${id.clientSecret}   (simulator-only secret)`,
    `  Public client id  ${id.publicClientId}   (device code: ${approve} POST /_sim/devicecode/approve)`,
    `  Subscription      ${id.subscriptionId}`,
    `  Resource group    ${id.resourceGroup}`,
    `  Workspace         ${id.workspaceName} (workspace id ${id.workspaceId})`,
    `  Event Hubs        ${id.eventHubNamespaceId}`,
    `  CA certificate    ${caPath}`,
    `  Trust it with     NODE_EXTRA_CA_CERTS=${caPath}   (curl: --cacert ${caPath})`,
    'Press Ctrl-C to stop.',
  ];
}

export async function runSimulatorCommand(argv: string[], deps: SimulatorCommandDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = deps.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const parsed = parseSimulatorArgs(argv);
  if (parsed.kind === 'help') {
    out(SIMULATOR_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    err(`mde-console simulator: ${parsed.message}. ${SIMULATOR_USAGE}`);
    return 2;
  }
  const start = deps.start ?? (async (o: SimulatorOptions) => (await import('./index.js')).startSimulator(o));
  let sim: SimulatorHandle;
  try {
    sim = await start(parsed.options);
  } catch (e) {
    err(`mde-console simulator: cannot start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const caPath = deps.caPath ?? join(tmpdir(), 'mde-console-simulator-ca.pem');
  try {
    await writeFile(caPath, sim.caCertPem, { mode: 0o644 });
  } catch (e) {
    await sim.close();
    err(`mde-console simulator: cannot write the CA certificate to ${caPath}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  for (const line of describeSimulator(sim, parsed.options, caPath)) out(line);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      deps.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (deps.signal?.aborted) stop();
    else deps.signal?.addEventListener('abort', stop);
  });
  await sim.close();
  out('simulator stopped');
  return 0;
}
