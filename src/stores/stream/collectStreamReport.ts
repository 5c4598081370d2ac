/**
 * The Streaming figures once, for `mde-console stream` and the health check: the same source
 * functions and composition as the screen, without the poller.
 *
 *   const { view, problems } = await collectStreamReport(session);
 *   streamingCheckInput(view.report.rates);          // the health screen's streaming check input
 */
import type { Session } from '../../session/index.js';
import { composeStreamView, type StreamSources, type StreamView } from './composeStreamView.js';
import { fetchFreshness, fetchHubMetrics, fetchNamespace, fetchSentinelRates, fetchUsage, hasNamespace, hasWorkspace } from './sources.js';
import type { StreamSourceName } from './streamData.js';
import { DEFAULT_WINDOW_MINUTES } from './window.js';

export interface CollectedStream {
  /** null when no source answered (see `problems`) or the profile names neither namespace nor workspace. */
  view: StreamView | null;
  /** Sources that failed, one line each (API errors already name a missing permission). */
  problems: { source: StreamSourceName; message: string; cause: unknown }[];
  configured: { namespace: boolean; workspace: boolean };
}

export async function collectStreamReport(session: Session, opts: { windowMinutes?: number; signal?: AbortSignal } = {}): Promise<CollectedStream> {
  const windowMinutes = opts.windowMinutes ?? DEFAULT_WINDOW_MINUTES;
  const configured = { namespace: hasNamespace(session), workspace: hasWorkspace(session) };
  const skip = new Set<string>();
  const signal = opts.signal ? { signal: opts.signal } : {};
  const jobs: { [K in keyof Required<StreamSources>]?: Promise<Required<StreamSources>[K]> } = {};
  if (configured.namespace) {
    jobs.metrics = fetchHubMetrics(session, { ...signal, windowMinutes });
    jobs.namespace = fetchNamespace(session, signal);
  }
  if (configured.workspace) {
    jobs.sentinelRates = fetchSentinelRates(session, skip, { ...signal, windowMinutes });
    jobs.freshness = fetchFreshness(session, skip, signal);
    jobs.usage = fetchUsage(session, signal);
  }
  const names = Object.keys(jobs) as StreamSourceName[];
  const settled = await Promise.allSettled(names.map((n) => jobs[n]));
  const sources: Record<string, unknown> = {};
  const problems: CollectedStream['problems'] = [];
  settled.forEach((r, i) => {
    const source = names[i]!;
    if (r.status === 'fulfilled') sources[source] = r.value;
    else problems.push({ source, message: r.reason instanceof Error ? r.reason.message.split('\n')[0]! : String(r.reason), cause: r.reason });
  });
  const s = sources as StreamSources;
  const now = s.metrics ? new Date(s.metrics.serverNow) : new Date();
  const view = composeStreamView(s, { now, windowMinutes, gapMinutes: session.profile.thresholds.streamGapMinutes, cost: session.profile.cost });
  return { view, problems, configured };
}
