/**
 * Streaming API → Event Hubs (streaming-api-event-hub; api-contracts §e). The Streaming API's
 * own configuration (which tables go to which hub) is only readable through portal-internal
 * APIs (domain-notes §0.10), so the check judges from what the namespace received: Azure Monitor
 * metrics per hub (IncomingMessages, ThrottledRequests, ServerErrors at PT1M).
 */
import type { Thresholds } from '../../config/types.js';
import { DOC_URLS } from './docs.js';
import { formatDuration, listSome, plural, timeWithAge } from './format.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

/**
 * Minimal streaming summary the check needs; src/domain/streaming computes it from the
 * metrics (one row per hub `insights-logs-advancedhunting-<table>`, named by its table).
 */
export interface StreamingHealthInput {
  perTable: {
    table: string;
    /** Start of the newest minute bucket with IncomingMessages > 0 (ISO); null = none seen. */
    lastMessageAt: string | null;
    /** IncomingMessages summed over the last `windowMinutes`. */
    messagesLastWindow: number;
  }[];
  /** ThrottledRequests summed over the window, all hubs. */
  throttled: number;
  /** ServerErrors summed over the window, all hubs. */
  serverErrors: number;
  windowMinutes: number;
  /** Namespace name for the evidence, optional. */
  namespace?: string;
}

const META: CheckMeta = {
  id: 'streaming',
  area: 'streaming',
  title: 'Streaming API → Event Hubs',
  remediation:
    'Defender portal → Settings → Microsoft Defender XDR → Streaming API: confirm the stopped tables are still selected for this Event Hub namespace; if throttled, raise the namespace\'s throughput units (Azure portal → Event Hubs namespace → Scale).',
  docUrl: DOC_URLS.streamingEventHub,
  source: { api: 'Azure Monitor GET {namespace}/providers/Microsoft.Insights/metrics (IncomingMessages, ThrottledRequests, ServerErrors)', permission: 'Monitoring Reader on the Event Hubs namespace' },
};

/**
 * FAIL: no hub received anything, or a table that was streaming has had no message for longer
 * than `streamGapMinutes` (each with its last message time). WARN: throttled requests or server
 * errors in the window, or a hub that never received a message. OK: every table flowing.
 */
export function checkStreaming(
  input: MaybeAvailable<StreamingHealthInput>,
  opts: { now: Date; thresholds: Pick<Thresholds, 'streamGapMinutes'> },
): CheckResult {
  const { now } = opts;
  if (isUnavailable(input)) return unknown(META, now, input.reason);
  const gapMs = opts.thresholds.streamGapMinutes * 60_000;

  const evidence: Evidence[] = [];
  if (input.namespace) evidence.push({ label: 'Namespace', value: input.namespace });
  evidence.push({ label: 'Window', value: `last ${input.windowMinutes} min; a table silent for more than ${opts.thresholds.streamGapMinutes} min has stopped` });
  const stopped: { table: string; at: string; ageMs: number }[] = [];
  const never: string[] = [];
  for (const t of [...input.perTable].sort((a, b) => a.table.localeCompare(b.table))) {
    if (t.lastMessageAt === null) {
      never.push(t.table);
      evidence.push({ label: t.table, value: 'no message received' });
      continue;
    }
    const ageMs = now.getTime() - Date.parse(t.lastMessageAt);
    const isStopped = ageMs > gapMs;
    if (isStopped) stopped.push({ table: t.table, at: t.lastMessageAt, ageMs });
    evidence.push({
      label: t.table,
      value: `${t.messagesLastWindow.toLocaleString('en-US')} messages in window, last ${timeWithAge(t.lastMessageAt, now)}${isStopped ? ' — STOPPED' : ''}`,
    });
  }
  evidence.push({ label: 'Throttled requests', value: String(input.throttled) });
  evidence.push({ label: 'Server errors', value: String(input.serverErrors) });
  evidence.push({ label: 'Streaming API configuration', value: 'not readable via the public API: judged from messages received' });

  const flowing = input.perTable.length - stopped.length - never.length;
  if (flowing === 0) {
    return judged(
      META,
      now,
      'FAIL',
      input.perTable.length === 0
        ? 'No Streaming API event hub has metrics: the namespace receives nothing from Defender'
        : `No hub received a message in the last ${opts.thresholds.streamGapMinutes} min (${plural(input.perTable.length, 'hub')})`,
      evidence,
    );
  }
  if (stopped.length > 0) {
    stopped.sort((a, b) => b.ageMs - a.ageMs);
    return judged(
      META,
      now,
      'FAIL',
      `${plural(stopped.length, 'table')} stopped: ${stopped
        .map((s) => `${s.table} (last message ${new Date(Date.parse(s.at)).toISOString()}, ${formatDuration(s.ageMs)} ago)`)
        .join(', ')}`,
      evidence,
    );
  }
  const soft: string[] = [];
  if (input.throttled > 0) soft.push(`${input.throttled} throttled requests`);
  if (input.serverErrors > 0) soft.push(`${input.serverErrors} server errors`);
  if (never.length > 0) soft.push(`${plural(never.length, 'hub')} never received a message (${listSome(never)})`);
  if (soft.length > 0) {
    return judged(META, now, 'WARN', `Streaming flows but: ${soft.join(', ')} in the last ${input.windowMinutes} min`, evidence);
  }
  return judged(META, now, 'OK', `${plural(flowing, 'table')} streaming, none silent for more than ${opts.thresholds.streamGapMinutes} min, no throttling or server errors`, evidence);
}
