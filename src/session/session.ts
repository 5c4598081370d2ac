/**
 * A session is one run's connection to a tenant: the resolved profile, one credential, the API
 * clients and the poll scheduler. The interactive console and every non-interactive command open
 * one the same way, so they see the same data through the same guards.
 *
 * `--demo` starts the simulator in this process and signs in with its client secret, held in
 * memory only. Heavy modules (@azure/identity, the Graph SDK, the simulator) are imported here,
 * lazily, so the first frame never waits for them.
 */
import type { TokenCredential } from '@azure/identity';
import type { ApiClients, RequestEvent } from '../api/index.js';
import type { ResolvedProfile } from '../config/types.js';
import type { StartedSimulator } from '../simulator/index.js';
import { createPoller, type Poller } from '../stores/poller.js';

export interface SessionOptions {
  demo: boolean;
  profile?: string;
  write: boolean;
  /** Shown the device-code message (interactive: in the footer; commands: on stderr). */
  onDeviceCode?: (info: { userCode: string; verificationUri: string; message: string }) => void;
  onWarning?: (line: string) => void;
  onRequest?: (e: RequestEvent) => void;
  /** --refresh: poll every this many seconds instead of each resource's default. */
  refreshSeconds?: number;
  /** Simulator options for --demo (tests and benchmarks pick scale and seed). */
  simulator?: { seed?: number; scale?: 'demo' | 'large'; speed?: number; faults?: string };
}

export interface Session {
  profile: ResolvedProfile;
  /** The current clients; replaced (not mutated) when writes are enabled during the run. */
  readonly api: ApiClients;
  readonly writeEnabled: boolean;
  poller: Poller;
  /** The in-process simulator of a --demo run. */
  simulator?: StartedSimulator;
  /** After `:write` and its confirmation: new clients that allow writes (still planned and confirmed one by one). */
  enableWrites(): void;
  /** A resource's poll interval: its default, or the run's --refresh when given. */
  intervalMs(defaultMs: number): number;
  /** Called by resources after each successful fetch (the header's "refreshed" time). */
  notifyRefreshed(at: Date): void;
  onRefreshed(listener: (at: Date) => void): () => void;
  close(): Promise<void>;
}

export async function openSession(opts: SessionOptions): Promise<Session> {
  const [{ resolveProfile }, { createCredential }, { createApiClients }] = await Promise.all([
    import('../config/index.js'),
    import('../auth/index.js'),
    import('../api/index.js'),
  ]);

  let simulator: StartedSimulator | undefined;
  let profile: ResolvedProfile;
  let credential: TokenCredential;
  if (opts.demo) {
    const { startSimulator } = await import('../simulator/index.js');
    simulator = await startSimulator({
      port: 0,
      seed: opts.simulator?.seed ?? 1,
      scale: opts.simulator?.scale ?? 'demo',
      speed: opts.simulator?.speed ?? 1,
      ...(opts.simulator?.faults ? { faults: opts.simulator.faults } : {}),
    });
    profile = resolveProfile(undefined, { demo: simulator });
    credential = await createCredential(profile, { clientSecret: simulator.identity.clientSecret });
  } else {
    profile = resolveProfile(opts.profile, { ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) });
    credential = await createCredential(profile, { ...(opts.onDeviceCode ? { onDeviceCode: opts.onDeviceCode } : {}) });
  }

  const controller = new AbortController();
  const build = (writeEnabled: boolean) =>
    createApiClients({
      profile,
      credential,
      writeEnabled,
      signal: controller.signal,
      ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    });

  let writeEnabled = opts.write;
  let api = build(writeEnabled);
  const poller = createPoller();
  const refreshListeners = new Set<(at: Date) => void>();

  return {
    profile,
    get api() {
      return api;
    },
    get writeEnabled() {
      return writeEnabled;
    },
    poller,
    ...(simulator ? { simulator } : {}),
    enableWrites() {
      if (writeEnabled) return;
      writeEnabled = true;
      api = build(true);
    },
    intervalMs(defaultMs) {
      return opts.refreshSeconds !== undefined ? opts.refreshSeconds * 1000 : defaultMs;
    },
    notifyRefreshed(at) {
      for (const l of refreshListeners) l(at);
    },
    onRefreshed(listener) {
      refreshListeners.add(listener);
      return () => refreshListeners.delete(listener);
    },
    async close() {
      poller.dispose();
      controller.abort();
      await simulator?.close();
    },
  };
}
