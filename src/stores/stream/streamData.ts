/**
 * The Streaming screen's data: five polled resources and one derived view store.
 *
 * Poll intervals (API cost ≈ 4 requests a minute while screen `4` is shown, nothing while hidden):
 * - metrics every 30 s (1 ARM request). Azure Monitor metrics are PT1M buckets and arrive with a delay,
 *   so a minute's figure changes at most once a minute; 30 s shows a new minute within half a minute of
 *   it existing without asking twice per bucket. Figures stay per minute, never interpolated.
 * - Sentinel per-minute counts every 60 s (1 Log Analytics query): same per-minute resolution.
 * - freshness (newest event, 24 h count) every 2 min (1 query over a day of data; the age shown is
 *   recomputed from it on every update).
 * - namespace sku and hubs every 15 min (2 ARM requests): they change when someone rescales.
 * - Usage every 15 min (1 query): Usage has one record per table per hour.
 * The whole hour of metrics is asked each time: it is one request either way, and an answer without a
 * timespan carries the service's clock, which an incremental "since" request would have to guess.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Session } from '../../session/index.js';
import { perSession, sessionResource } from '../../session/resources.js';
import type { ResourceState, ResourceStore } from '../resource.js';
import type { TableMinuteCount, UsageRow } from '../../domain/streaming/index.js';
import { composeStreamView, type StreamView } from './composeStreamView.js';
import { sameHubMetrics, sameJson } from './sameAnswer.js';
import { fetchFreshness, fetchHubMetrics, fetchNamespace, fetchSentinelRates, fetchUsage, hasNamespace, hasWorkspace, type FreshnessRow, type HubMetrics, type NamespaceInfo } from './sources.js';

export const STREAM_SCREEN = 'stream';

export const STREAM_INTERVALS_MS = {
  metrics: 30_000,
  sentinelRates: 60_000,
  freshness: 120_000,
  namespace: 15 * 60_000,
  usage: 15 * 60_000,
} as const;

export type StreamSourceName = keyof typeof STREAM_INTERVALS_MS;

export const SOURCE_LABELS: Record<StreamSourceName, string> = {
  metrics: 'Event Hubs metrics',
  sentinelRates: 'Sentinel per-minute counts',
  freshness: 'table freshness',
  namespace: 'Event Hubs namespace',
  usage: 'Usage (cost)',
};

export interface SourceProblem {
  source: StreamSourceName;
  message: string;
  /** When the source last succeeded (epoch ms), for "data from 3 min ago". */
  lastSuccess: number | undefined;
  cause: unknown;
}

/**
 * Changes only when a source brings new data or its error changes: one update per such poll, none for a
 * poll that found nothing new, and no `loading` flag that flips on and back off around every poll (the
 * header shows when data was last refreshed; `r` says "refreshing…" in the notice line).
 */
export interface StreamViewState {
  view: StreamView | null;
  problems: SourceProblem[];
  /** What the profile lets this screen read. */
  configured: { namespace: boolean; workspace: boolean };
}

interface Resources {
  metrics?: ResourceStore<HubMetrics>;
  namespace?: ResourceStore<NamespaceInfo>;
  sentinelRates?: ResourceStore<TableMinuteCount[]>;
  freshness?: ResourceStore<FreshnessRow[]>;
  usage?: ResourceStore<UsageRow[]>;
}

export interface StreamData {
  view: StoreApi<StreamViewState>;
  /** Fetch every source now (the `r` key). */
  refresh(): Promise<void>;
  keys: string[];
}

function createStreamData(session: Session): StreamData {
  const windowMinutes = 60;
  const skip = new Set<string>();
  const res: Resources = {};
  // --refresh applies to the live figures; the sku and Usage change hourly at most and keep 15 min.
  const interval = (name: StreamSourceName) => (name === 'namespace' || name === 'usage' ? STREAM_INTERVALS_MS[name] : session.intervalMs(STREAM_INTERVALS_MS[name]));
  // An answer equal to the previous one keeps the previous object (sameAnswer.ts): the store's data keeps
  // its reference, so the view is not recomposed and the screen not redrawn for a poll that found nothing new.
  const reg = <T>(name: StreamSourceName, fetch: (signal: AbortSignal) => Promise<T>, same: (a: T, b: T) => boolean = sameJson): ResourceStore<T> =>
    sessionResource<T>(session, {
      key: `stream.${name}`,
      screens: [STREAM_SCREEN],
      intervalMs: interval(name),
      fetch: async ({ signal, previous }) => {
        const next = await fetch(signal);
        return previous !== undefined && same(previous, next) ? previous : next;
      },
    });
  const configured = { namespace: hasNamespace(session), workspace: hasWorkspace(session) };
  if (configured.namespace) {
    res.metrics = reg('metrics', (signal) => fetchHubMetrics(session, { signal, windowMinutes }), sameHubMetrics);
    res.namespace = reg('namespace', (signal) => fetchNamespace(session, { signal }));
  }
  if (configured.workspace) {
    res.sentinelRates = reg('sentinelRates', (signal) => fetchSentinelRates(session, skip, { signal, windowMinutes }));
    res.freshness = reg('freshness', (signal) => fetchFreshness(session, skip, { signal }));
    res.usage = reg('usage', (signal) => fetchUsage(session, { signal }));
  }

  const view = createStore<StreamViewState>()(() => ({ view: null, problems: [], configured }));
  const entries = Object.entries(res) as [StreamSourceName, ResourceStore<unknown>][];

  const recompute = () => {
    const states = new Map<StreamSourceName, ResourceState<unknown>>(entries.map(([n, s]) => [n, s.getState()]));
    const data = <T>(n: StreamSourceName) => states.get(n)?.data as T | undefined;
    const metrics = data<HubMetrics>('metrics');
    // The service's clock of the metrics answer, not this machine's clock moved on since it arrived: the
    // rates are per minute of that answer, and a clock moved on by another source's update would start a
    // minute the answer has no data for yet (a figure that drops and comes back at the next metrics poll).
    // Without fresh metrics (none configured, or failing), this machine's clock corrected by the last offset.
    const now = metrics && !states.get('metrics')?.error ? new Date(metrics.serverNow) : new Date(Date.now() + (metrics?.clockOffsetMs ?? 0));
    const next = composeStreamView(
      { metrics, namespace: data('namespace'), sentinelRates: data('sentinelRates'), freshness: data('freshness'), usage: data('usage') },
      { now, windowMinutes, gapMinutes: session.profile.thresholds.streamGapMinutes, cost: session.profile.cost },
    );
    const problems: SourceProblem[] = [];
    for (const [source, s] of states) {
      if (s.error) problems.push({ source, message: s.error.message, lastSuccess: s.lastSuccess, cause: s.error.cause });
    }
    view.setState({ view: next ?? view.getState().view, problems });
  };
  // Rebuild on a change of data or error only (an unchanged answer keeps its reference, see `reg`);
  // `loading`, `nextPollAt` and `lastSuccess` change on every poll and are not shown here.
  for (const [, store] of entries) {
    store.subscribe((s, prev) => {
      if (s.data !== prev.data || s.error !== prev.error) recompute();
    });
  }

  const keys = entries.map(([n]) => `stream.${n}`);
  return {
    view,
    keys,
    refresh: async () => {
      await Promise.all(keys.map((k) => session.poller.refresh(k)));
    },
  };
}

/** The Streaming data of a session (created on first use, shared by everything that shows it). */
export const streamData = perSession(createStreamData);
