/**
 * Bulk-action plans: exactly what a bulk edit or delete will send, computed before anything is
 * sent, so the operator confirms the real thing (issue 5: "the plan is exactly what is then sent").
 *
 * - Updates: one POST /api/indicators per item with the FULL body (the call is "Submit or Update",
 *   upserting by type + value), 100 calls/min and 1,500/h.
 * - Deletes: POST /api/indicators/BatchDelete with at most 500 ids per call, 30 calls/min, 1,500/h.
 * - Indicators owned by Defender for Cloud Apps are skipped unless overridden: MDCA overrides manual
 *   scoping and re-enables Generate alert (mde-govern.md; indicators-overview.md), and re-creates
 *   what is deleted while the app stays tagged.
 * - An action the type does not accept (e.g. BlockAndRemediate on a URL) is skipped with the reason.
 */
import type { CreatorRule } from '../../config/types.js';
import type { Indicator, IndicatorSeverity } from '../types.js';
import { isMdcaIndicator } from './creatorClass.js';
import { scopeKey } from './duplicates.js';
import { DAY_MS, formatScope } from './expiry.js';
import { actionProblem, isIndicatorType, writableActionOf, type WritableAction } from './indicatorValues.js';
import { BATCH_DELETE_MAX_IDS, BATCH_DELETE_RATE, rateLimitedSeconds, SUBMIT_RATE, type RateLimit } from './limits.js';
import { submitBodyFromIndicator, type SubmitBody } from './submitBody.js';

export type BulkAction =
  | { kind: 'setAction'; to: WritableAction }
  | { kind: 'setExpiry'; at: string | null }
  | { kind: 'extendExpiry'; days: number }
  | { kind: 'setScope'; groups: readonly string[] }
  | { kind: 'setSeverity'; to: IndicatorSeverity }
  | { kind: 'setTitle'; to: string }
  | { kind: 'delete' }
  | { kind: 'export' };

export interface PlanOptions {
  rules?: readonly CreatorRule[];
  /** The operator explicitly chose to edit/delete indicators Defender for Cloud Apps owns. */
  overrideMdcaOwnership?: boolean;
  now: Date;
  /** How many before → after examples the plan shows (default 5). */
  sampleSize?: number;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export type PlanItem =
  | { id: string; kind: 'update'; before: Indicator; after: SubmitBody; changes: FieldChange[] }
  | { id: string; kind: 'delete'; before: Indicator; after: null }
  | { id: string; kind: 'export'; before: Indicator; after: null }
  | { id: string; kind: 'skip'; before: Indicator; after: null; skipReason: string };

export type PlannedCall =
  | { kind: 'submit'; method: 'POST'; path: '/api/indicators'; body: SubmitBody; itemIds: string[] }
  | { kind: 'batchDelete'; method: 'POST'; path: '/api/indicators/BatchDelete'; body: { IndicatorIds: string[] }; itemIds: string[] };

export interface PlanSample {
  id: string;
  value: string;
  before: string;
  after: string;
}

export interface Plan {
  action: BulkAction;
  createdAt: string;
  overrideMdcaOwnership: boolean;
  items: PlanItem[];
  calls: PlannedCall[];
  counts: { update: number; delete: number; skip: number; export: number };
  /** The documented rate the calls are subject to; null when there are no calls. */
  rate: RateLimit | null;
  /** Least time the rate limit alone imposes (see rateLimitedSeconds); network time excluded. */
  estimatedSeconds: number;
  sample: PlanSample[];
}

export const MDCA_SKIP_REASON = "owned by Defender for Cloud Apps: change the app's tag or scoped profile there";

const str = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? formatScope(v as string[]) : String(v));

function planItem(ind: Indicator, action: BulkAction, opts: PlanOptions): PlanItem {
  const skip = (skipReason: string): PlanItem => ({ id: ind.id, kind: 'skip', before: ind, after: null, skipReason });
  if (action.kind === 'export') return { id: ind.id, kind: 'export', before: ind, after: null };
  if (!opts.overrideMdcaOwnership && isMdcaIndicator(ind, opts.rules)) return skip(MDCA_SKIP_REASON);
  if (action.kind === 'delete') return { id: ind.id, kind: 'delete', before: ind, after: null };

  if (!isIndicatorType(ind.indicatorType)) return skip(`indicator type ${ind.indicatorType} cannot be written through the API`);
  const currentAction = writableActionOf(ind.action);
  if (!currentAction) return skip(`current action ${ind.action} has no writable equivalent`);
  if (!ind.description || ind.description.trim() === '') return skip('has no description, which every submit requires; set one first');

  const changes: FieldChange[] = [];
  if (currentAction !== ind.action) changes.push({ field: 'action', before: ind.action, after: currentAction });
  let body = submitBodyFromIndicator(ind, currentAction);
  const change = (field: keyof SubmitBody, after: SubmitBody[keyof SubmitBody] | undefined) => {
    const before = body[field];
    body = { ...body };
    if (after === undefined) delete body[field];
    else (body as unknown as Record<string, unknown>)[field] = after;
    changes.push({ field, before: str(before), after: str(after) });
  };

  switch (action.kind) {
    case 'setAction': {
      const problem = actionProblem(ind.indicatorType, action.to);
      if (problem) return skip(problem);
      if (currentAction === action.to && changes.length === 0) return skip(`action is already ${action.to}`);
      if (currentAction !== action.to) {
        changes.length = 0;
        change('action', action.to);
        changes[0]!.before = ind.action;
      }
      // An Audit indicator exists to raise alerts; the API requires generateAlert true with Audit.
      if (action.to === 'Audit' && body.generateAlert !== true) change('generateAlert', true);
      break;
    }
    case 'setExpiry': {
      if (action.at !== null) {
        const at = Date.parse(action.at);
        if (Number.isNaN(at)) return skip(`expiry ${action.at} is not a valid time`);
        if (at <= opts.now.getTime()) return skip(`expiry ${action.at} is not in the future`);
        if (ind.expirationTime && Date.parse(ind.expirationTime) === at) return skip('expiry is already set to that time');
      } else if (ind.expirationTime === null) return skip('already never expires');
      change('expirationTime', action.at ?? undefined);
      break;
    }
    case 'extendExpiry': {
      if (!(action.days > 0)) return skip('extend by a positive number of days');
      if (ind.expirationTime === null) return skip('never expires; nothing to extend');
      // Extending an already expired indicator counts from now, not from its past expiry.
      const base = Math.max(Date.parse(ind.expirationTime), opts.now.getTime());
      change('expirationTime', new Date(base + action.days * DAY_MS).toISOString());
      break;
    }
    case 'setScope': {
      if (scopeKey(action.groups) === scopeKey(ind.rbacGroupNames)) return skip(`scope is already ${formatScope(ind.rbacGroupNames)}`);
      change('rbacGroupNames', [...action.groups]);
      break;
    }
    case 'setSeverity': {
      if (ind.severity === action.to) return skip(`severity is already ${action.to}`);
      change('severity', action.to);
      break;
    }
    case 'setTitle': {
      if (action.to.trim() === '') return skip('title cannot be empty');
      if (ind.title === action.to) return skip('title is already that');
      change('title', action.to);
      break;
    }
  }
  return { id: ind.id, kind: 'update', before: ind, after: body, changes };
}

function sampleOf(item: PlanItem): PlanSample | null {
  const ind = item.before;
  const head = { id: item.id, value: ind.indicatorValue };
  if (item.kind === 'update') {
    return { ...head, before: item.changes.map((c) => `${c.field}: ${c.before}`).join('; '), after: item.changes.map((c) => `${c.field}: ${c.after}`).join('; ') };
  }
  if (item.kind === 'delete') return { ...head, before: `${ind.indicatorType} ${ind.action} · ${formatScope(ind.rbacGroupNames)}`, after: 'deleted' };
  return null;
}

function assemble(action: BulkAction, items: PlanItem[], now: Date, override: boolean, sampleSize: number): Plan {
  const counts = { update: 0, delete: 0, skip: 0, export: 0 };
  const calls: PlannedCall[] = [];
  const deleteIds: string[] = [];
  for (const item of items) {
    counts[item.kind]++;
    if (item.kind === 'update') calls.push({ kind: 'submit', method: 'POST', path: '/api/indicators', body: item.after, itemIds: [item.id] });
    else if (item.kind === 'delete') deleteIds.push(item.id);
  }
  for (let i = 0; i < deleteIds.length; i += BATCH_DELETE_MAX_IDS) {
    const ids = deleteIds.slice(i, i + BATCH_DELETE_MAX_IDS);
    calls.push({ kind: 'batchDelete', method: 'POST', path: '/api/indicators/BatchDelete', body: { IndicatorIds: ids }, itemIds: ids });
  }
  const rate = counts.update > 0 ? SUBMIT_RATE : counts.delete > 0 ? BATCH_DELETE_RATE : null;
  const sample: PlanSample[] = [];
  for (const item of items) {
    if (sample.length >= sampleSize) break;
    const s = sampleOf(item);
    if (s) sample.push(s);
  }
  return {
    action,
    createdAt: now.toISOString(),
    overrideMdcaOwnership: override,
    items,
    calls,
    counts,
    rate,
    estimatedSeconds: rate ? rateLimitedSeconds(calls.length, rate) : 0,
    sample,
  };
}

/** The plan for one bulk action on the selected indicators. */
export function planBulkAction(selected: readonly Indicator[], action: BulkAction, opts: PlanOptions): Plan {
  const items = selected.map((ind) => planItem(ind, action, opts));
  return assemble(action, items, opts.now, opts.overrideMdcaOwnership ?? false, opts.sampleSize ?? 5);
}

// ---------------------------------------------------------------------------
// Outcomes

/** What happened to one call of the plan (`call` = index into plan.calls). */
export type CallOutcome =
  | { call: number; ok: true }
  /** `failedIds` narrows a failure to some of the call's items (e.g. per-item import results); absent = all failed. */
  | { call: number; ok: false; reason: string; failedIds?: readonly string[] };

export type ItemOutcome =
  | { id: string; value: string; outcome: 'done' }
  | { id: string; value: string; outcome: 'failed'; reason: string }
  | { id: string; value: string; outcome: 'skipped'; reason: string };

export const NOT_SENT_REASON = 'not sent: the run stopped before this call';

/**
 * One outcome per plan item, in plan order. Items whose call has no outcome (cancelled or
 * interrupted run) are failed with NOT_SENT_REASON, so every item is accounted for and
 * retryFailed picks them up.
 */
export function applyOutcomes(plan: Plan, outcomes: readonly CallOutcome[]): ItemOutcome[] {
  const byItem = new Map<string, { ok: true } | { ok: false; reason: string }>();
  for (const o of outcomes) {
    const call = plan.calls[o.call];
    if (!call) continue;
    for (const id of call.itemIds) {
      if (o.ok) byItem.set(id, { ok: true });
      else if (!o.failedIds || o.failedIds.includes(id)) byItem.set(id, { ok: false, reason: o.reason });
      else byItem.set(id, { ok: true });
    }
  }
  return plan.items.map((item): ItemOutcome => {
    const value = item.before.indicatorValue;
    if (item.kind === 'skip') return { id: item.id, value, outcome: 'skipped', reason: item.skipReason };
    if (item.kind === 'export') return { id: item.id, value, outcome: 'done' };
    const r = byItem.get(item.id);
    if (!r) return { id: item.id, value, outcome: 'failed', reason: NOT_SENT_REASON };
    return r.ok ? { id: item.id, value, outcome: 'done' } : { id: item.id, value, outcome: 'failed', reason: r.reason };
  });
}

/** A new plan with only the items that failed (or were never sent); done items are never sent twice. */
export function retryFailed(plan: Plan, outcomes: readonly CallOutcome[], now: Date = new Date(plan.createdAt)): Plan {
  const failed = new Set(applyOutcomes(plan, outcomes).filter((o) => o.outcome === 'failed').map((o) => o.id));
  const items = plan.items.filter((i) => failed.has(i.id));
  return assemble(plan.action, items, now, plan.overrideMdcaOwnership, 5);
}
