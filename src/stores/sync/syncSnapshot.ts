/**
 * The incident-sync data: Defender incidents (Graph) and the workspace's Sentinel incidents (ARM) over the
 * lookback window, the workspace's alert rules, and the SyncReport matchIncidents makes of them.
 *
 * The first read (and a periodic reconciliation) is full; later reads ask both sides only for incidents
 * changed since the previous read — Graph `lastUpdateDateTime ge`, ARM `properties/lastModifiedTimeUtc ge`
 * (issue 7: "a large tenant stays cheap to watch") — and merge them into the previous maps by id.
 * No I/O beyond the clients passed in; no React.
 */
import type { ApiClients } from '../../api/index.js';
import type { AlertRule } from '../../domain/types.js';
import {
  createInterner,
  matchIncidents,
  prepareDefenderIncident,
  prepareSentinelIncident,
  type SyncDefenderIncident,
  type SyncReport,
  type SyncSentinelIncident,
} from '../../domain/sync/index.js';

export interface SyncSnapshot {
  /**
   * Defender incidents of the window by trimmed id, prepared (syncRecords.ts): slim (alerts keep only the
   * title, time and product the duplicate heuristic matches on) with timestamps and classes worked out.
   */
  defender: ReadonlyMap<string, SyncDefenderIncident>;
  /** Sentinel incidents of the window by resource name: XDR copies under both provider names and native ones. */
  sentinel: ReadonlyMap<string, SyncSentinelIncident>;
  /** null when the alert rules could not be read: matching then falls back to the product-name heuristic. */
  rules: readonly AlertRule[] | null;
  report: SyncReport;
  /** When each side was last read (the start of the request, epoch ms). */
  defenderReadAt: number;
  sentinelReadAt: number;
  /** When the last full (non-incremental) read started. */
  fullReadAt: number;
  /** How the last read was made and how many incidents each side returned. */
  lastRead: { kind: 'full' | 'incremental'; defender: number; sentinel: number };
  /** One line when the alert rules could not be read (e.g. missing permission). */
  rulesWarning: string | null;
}

export interface SyncReadOptions {
  now?: () => Date;
  /** Start of the compared window. */
  windowStart: Date;
  syncWindowMinutes: number;
  tenantId?: string;
  signal?: AbortSignal;
  /** Previous snapshot and the start time of the read that produced it: present = incremental. */
  previous?: SyncSnapshot;
  since?: Date;
  /** Do a full read anyway when the last one is older than this (default 15 minutes). */
  fullReadEveryMs?: number;
}

/**
 * Incremental filters are `ge` the previous read's start minus this margin: a change stamped by a server
 * clock slightly behind ours would otherwise fall between two reads. Re-reading a minute of changes is
 * harmless — merging by id is idempotent.
 */
export const INCREMENTAL_OVERLAP_MS = 60_000;

/**
 * A change feed cannot report deletions (a deleted Sentinel copy or Defender incident simply stops
 * appearing), so a full read reconciles the maps every so often.
 */
export const FULL_READ_EVERY_MS = 15 * 60_000;

/**
 * The previous read's records (none after a full read) with this read's merged over them by key, less
 * what the sliding window left behind (created before its start; an unparseable time stays, as before).
 * The previous map is not changed — its snapshot stays valid — and is walked once: copying it and then
 * pruning the copy read each of ~50,000 records twice per poll. When the read brought nothing and
 * nothing left the window (a quiet tenant, most polls), the previous map itself is the answer: no
 * copy of ~11,000 entries per side per minute to collect.
 */
export function mergeIntoWindow<T extends { readonly createdMs: number }>(
  previous: ReadonlyMap<string, T> | undefined,
  read: readonly T[],
  keyOf: (record: T) => string,
  windowStartMs: number,
): ReadonlyMap<string, T> {
  if (previous && read.length === 0) {
    let leaving = false;
    for (const record of previous.values()) if (record.createdMs < windowStartMs) { leaving = true; break; }
    if (!leaving) return previous;
  }
  const out = new Map<string, T>();
  if (previous) for (const [key, record] of previous) if (!(record.createdMs < windowStartMs)) out.set(key, record);
  for (const record of read) {
    if (record.createdMs < windowStartMs) out.delete(keyOf(record));
    else out.set(keyOf(record), record);
  }
  return out;
}

export async function readSyncSnapshot(api: Pick<ApiClients, 'graph' | 'arm'>, opts: SyncReadOptions): Promise<SyncSnapshot> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().getTime();
  const prev = opts.previous;
  const full = !prev || !opts.since || startedAt - prev.fullReadAt >= (opts.fullReadEveryMs ?? FULL_READ_EVERY_MS);
  const changedSince = full ? undefined : new Date(opts.since!.getTime() - INCREMENTAL_OVERLAP_MS);
  const signal = opts.signal;
  const windowStart = opts.windowStart;

  // Each page is prepared as it arrives (slim + matching's derived fields, syncRecords.ts): the wire objects
  // of one page become garbage before the next is read, so a 50,000-incident read never holds them all
  // (issue 9 memory budget), and matching never re-derives what a record's read already worked out.
  const intern = createInterner();
  const [defenderPage, sentinelPage, rulesRead] = await Promise.all([
    api.graph.listIncidents({
      createdAfter: windowStart,
      ...(changedSince ? { updatedAfter: changedSince } : {}),
      expandAlerts: true,
      mapItem: (d) => prepareDefenderIncident(d, intern),
      ...(signal ? { signal } : {}),
    }),
    api.arm.listSentinelIncidents({
      // Copies of incidents created in the window are created after its start; older Sentinel incidents
      // could only ever count as "outside the window".
      filter: `properties/createdTimeUtc ge ${windowStart.toISOString()}`,
      ...(changedSince ? { modifiedAfter: changedSince } : {}),
      mapItem: (s) => prepareSentinelIncident(s, intern),
      ...(signal ? { signal } : {}),
    }),
    full || prev?.rules === null
      ? api.arm.listAlertRules(signal ? { signal } : {}).then(
          (r) => (r.complete ? { rules: r.items as readonly AlertRule[], warning: null } : { rules: null, warning: `alert rules not read: ${r.error?.message ?? 'incomplete'}` }),
          (e: unknown) => ({ rules: null, warning: `alert rules not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` }),
        )
      : Promise.resolve({ rules: prev!.rules, warning: prev!.rulesWarning }),
  ]);
  // A partial page set would make incidents look missing or orphaned: keep the last good data instead.
  if (!defenderPage.complete) throw defenderPage.error ?? new Error('Defender incidents: the list stopped before its last page');
  if (!sentinelPage.complete) throw sentinelPage.error ?? new Error('Sentinel incidents: the list stopped before its last page');

  // The window slides: what fell out of it since the last read is dropped.
  const windowStartMs = windowStart.getTime();
  const defender = mergeIntoWindow(full ? undefined : prev!.defender, defenderPage.items, (d) => d.defenderId, windowStartMs);
  const sentinel = mergeIntoWindow(full ? undefined : prev!.sentinel, sentinelPage.items, (s) => s.name, windowStartMs);

  const report = matchIncidents([...defender.values()], [...sentinel.values()], {
    now: now(),
    syncWindowMinutes: opts.syncWindowMinutes,
    windowStart,
    ...(rulesRead.rules ? { incidentCreationRules: rulesRead.rules } : {}),
    ...(opts.tenantId ? { tenantId: opts.tenantId } : {}),
  });
  return {
    defender,
    sentinel,
    rules: rulesRead.rules,
    report,
    defenderReadAt: startedAt,
    sentinelReadAt: startedAt,
    fullReadAt: full ? startedAt : prev!.fullReadAt,
    lastRead: { kind: full ? 'full' : 'incremental', defender: defenderPage.items.length, sentinel: sentinelPage.items.length },
    rulesWarning: rulesRead.warning,
  };
}
