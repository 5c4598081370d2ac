/**
 * Sends a bulk plan (src/domain/indicators planBulkAction) exactly as planned, one call at a time,
 * within the documented budgets (the API pipeline waits for budget; we report the wait), and
 * accounts for every item.
 *
 * Deletes and "nothing twice": BatchDelete is all-or-nothing and answers 404 when ANY id is
 * unknown (the simulator models this; the docs say nothing about partial success), and a 5xx or a
 * dropped connection leaves it unknown whether the batch was applied. So after any such failure
 * we re-list the indicators once, count the ids that are gone as done (they were deleted, by this
 * batch or by someone else — either way not by a second call of ours), and send ONE more
 * BatchDelete with only the ids that remain. 429s never reach here: the pipeline waits for
 * Retry-After and resends. A write that is not retried by the pipeline (POST is not idempotent) is
 * therefore never sent twice for an id we know is gone.
 *
 * Read-only runs: the client refuses the first write (ReadOnlyError); the run stops there and
 * reports that one line — the client is the enforcement, not this module.
 */
import type { ApiClients } from '../../api/index.js';
import { ApiError, ReadOnlyError } from '../../api/errors.js';
import { operationById } from '../../api/operations.js';
import type { AuditLog, AuditWho } from '../../audit/index.js';
import type { CallOutcome, Plan, PlannedCall } from '../../domain/indicators/index.js';

export interface RunProgress {
  /** Calls finished (ok or failed). */
  done: number;
  total: number;
  failed: number;
  /** Set while the next call waits for the API budget (documented rate limits). */
  waitingMs?: number;
}

export type RunResult =
  | { status: 'finished'; outcomes: CallOutcome[] }
  | { status: 'cancelled'; outcomes: CallOutcome[] }
  /** The client refused the write (read-only run) before anything was sent. */
  | { status: 'refused'; outcomes: CallOutcome[]; message: string };

export interface ExecuteOptions {
  signal?: AbortSignal;
  onProgress?(p: RunProgress): void;
  audit?: { log: AuditLog; who: AuditWho; profile: string; tenant: string; action: string; backup?: string };
  /** Called after each call with its outcome (e.g. to merge results into the data store). */
  onCallDone?(call: PlannedCall, outcome: CallOutcome): void | Promise<void>;
}

function reasonOf(e: unknown): string {
  if (e instanceof ApiError) return e.toString();
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'failed';
}

/** 404 (some id already gone), 5xx and network errors leave the batch's effect unknown or partial. */
function needsRecheck(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.kind === 'network' || e.kind === 'malformed') return true;
  return e.kind === 'http' && (e.status === 404 || (e.status !== undefined && e.status >= 500));
}

async function remainingIds(api: ApiClients, ids: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
  const res = await api.mde.listIndicators(signal ? { signal } : {});
  if (!res.complete) throw res.error ?? new Error('could not re-read the indicators to see which were deleted');
  const present = new Set(res.items.map((i) => i.id));
  return new Set(ids.filter((id) => present.has(id)));
}

async function runBatchDelete(api: ApiClients, call: Extract<PlannedCall, { kind: 'batchDelete' }>, index: number, signal?: AbortSignal): Promise<CallOutcome> {
  try {
    await api.mde.batchDeleteIndicators(call.body.IndicatorIds, signal ? { signal } : {});
    return { call: index, ok: true };
  } catch (e) {
    if (e instanceof ReadOnlyError || !needsRecheck(e)) throw e;
    let remaining: Set<string>;
    try {
      remaining = await remainingIds(api, call.itemIds, signal);
    } catch (e2) {
      return { call: index, ok: false, reason: `${reasonOf(e)}; then could not check which were deleted: ${reasonOf(e2)}` };
    }
    if (remaining.size === 0) return { call: index, ok: true };
    const again = [...remaining];
    try {
      await api.mde.batchDeleteIndicators(again, signal ? { signal } : {});
      return { call: index, ok: true };
    } catch (e3) {
      if (e3 instanceof ReadOnlyError) throw e3;
      return { call: index, ok: false, reason: reasonOf(e3), failedIds: again };
    }
  }
}

export async function executePlan(api: ApiClients, plan: Plan, opts: ExecuteOptions = {}): Promise<RunResult> {
  const outcomes: CallOutcome[] = [];
  let failed = 0;
  const total = plan.calls.length;
  const progress = (extra: Partial<RunProgress> = {}) => opts.onProgress?.({ done: outcomes.length, total, failed, ...extra });
  progress();
  for (let i = 0; i < total; i++) {
    if (opts.signal?.aborted) return { status: 'cancelled', outcomes };
    const call = plan.calls[i]!;
    const op = operationById(call.kind === 'submit' ? 'mde.indicators.submit' : 'mde.indicators.batchDelete');
    const wait = op ? api.budget.delayFor(op.limits) : { waitMs: 0 };
    if (wait.waitMs > 0) progress({ waitingMs: wait.waitMs });
    let outcome: CallOutcome;
    try {
      if (call.kind === 'submit') {
        await api.mde.submitIndicator(call.body, opts.signal ? { signal: opts.signal } : {});
        outcome = { call: i, ok: true };
      } else {
        outcome = await runBatchDelete(api, call, i, opts.signal);
      }
    } catch (e) {
      if (e instanceof ReadOnlyError) return { status: 'refused', outcomes, message: e.detail };
      if (opts.signal?.aborted || (e instanceof ApiError && e.kind === 'aborted')) return { status: 'cancelled', outcomes };
      outcome = { call: i, ok: false, reason: reasonOf(e) };
    }
    outcomes.push(outcome);
    if (!outcome.ok) failed++;
    if (opts.audit) {
      const items = plan.items.filter((it) => call.itemIds.includes(it.id));
      const a = opts.audit;
      opts.audit.log.append({
        when: new Date().toISOString(),
        who: a.who,
        profile: a.profile,
        tenant: a.tenant,
        action: a.action,
        call: `${call.method} ${call.path}`,
        ids: call.itemIds,
        before: items.map((it) => it.before),
        after: items.map((it) => it.after),
        outcome: outcome.ok ? 'done' : 'failed',
        ...(outcome.ok ? {} : { reason: outcome.reason }),
        ...(a.backup && call.kind === 'batchDelete' ? { backup: a.backup } : {}),
      });
    }
    await opts.onCallDone?.(call, outcome);
    progress();
  }
  return { status: 'finished', outcomes };
}
