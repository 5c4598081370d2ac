import { describe, expect, it } from 'vitest';
import {
  applyOutcomes,
  MDCA_SKIP_REASON,
  NOT_SENT_REASON,
  planBulkAction,
  retryFailed,
  type CallOutcome,
} from '../../../../src/domain/indicators/index.js';
import type { Indicator } from '../../../../src/domain/types.js';
import { app, daysFromNow, mdca, NOW, person } from './factory.js';

const url = person('alice@contoso.com', { indicatorType: 'Url', indicatorValue: 'http://evil.example.net/x', action: 'Block', expirationTime: daysFromNow(3) });
const file = app('Feed', { indicatorType: 'FileSha256', indicatorValue: 'a'.repeat(64), action: 'Audit', generateAlert: true, rbacGroupNames: ['Finance'] });
const synced = mdca('WhatsApp');

describe('planBulkAction: updates', () => {
  it('plans one full POST per item, skips MDCA-owned indicators and actions the type does not accept', () => {
    const plan = planBulkAction([url, file, synced], { kind: 'setAction', to: 'BlockAndRemediate' }, { now: NOW });
    expect(plan.items.map((i) => [i.id, i.kind])).toEqual([
      [url.id, 'skip'],
      [file.id, 'update'],
      [synced.id, 'skip'],
    ]);
    const [u, f, m] = plan.items;
    expect(u?.kind === 'skip' && u.skipReason).toMatch(/BlockAndRemediate is not allowed for Url/);
    expect(m?.kind === 'skip' && m.skipReason).toBe(MDCA_SKIP_REASON);
    expect(plan.calls).toEqual([
      {
        kind: 'submit',
        method: 'POST',
        path: '/api/indicators',
        itemIds: [file.id],
        body: {
          indicatorValue: file.indicatorValue,
          indicatorType: 'FileSha256',
          action: 'BlockAndRemediate',
          title: 'test',
          description: 'test',
          severity: 'Informational',
          rbacGroupNames: ['Finance'],
          generateAlert: true,
        },
      },
    ]);
    expect(f?.kind === 'update' && f.changes).toEqual([{ field: 'action', before: 'Audit', after: 'BlockAndRemediate' }]);
    expect(plan.counts).toEqual({ update: 1, delete: 0, skip: 2, export: 0 });
    expect(plan.sample).toEqual([{ id: file.id, value: file.indicatorValue, before: 'action: Audit', after: 'action: BlockAndRemediate' }]);
  });

  it('edits MDCA-owned indicators only with an explicit override', () => {
    const plan = planBulkAction([synced], { kind: 'setScope', groups: ['Kiosk'] }, { now: NOW, overrideMdcaOwnership: true });
    expect(plan.items[0]).toMatchObject({ kind: 'update', after: { rbacGroupNames: ['Kiosk'], generateAlert: true, application: 'WhatsApp' } });
    expect(plan.overrideMdcaOwnership).toBe(true);
  });

  it('turns generateAlert on when setting Audit, and maps legacy actions to writable ones', () => {
    const plan = planBulkAction([url], { kind: 'setAction', to: 'Audit' }, { now: NOW });
    expect(plan.items[0]).toMatchObject({ kind: 'update', after: { action: 'Audit', generateAlert: true } });
    const legacy = person('a@contoso.com', { action: 'AlertAndBlock' });
    const p2 = planBulkAction([legacy], { kind: 'setSeverity', to: 'High' }, { now: NOW });
    expect(p2.items[0]).toMatchObject({ kind: 'update', after: { action: 'BlockAndRemediate', severity: 'High' } });
    expect(p2.items[0]!.kind === 'update' && p2.items[0]!.changes.map((c) => c.field)).toEqual(['action', 'severity']);
  });

  it('sets, clears and extends expiry; refuses past times and no-ops', () => {
    const at = daysFromNow(10);
    expect(planBulkAction([url], { kind: 'setExpiry', at }, { now: NOW }).items[0]).toMatchObject({ kind: 'update', after: { expirationTime: at } });
    const cleared = planBulkAction([url], { kind: 'setExpiry', at: null }, { now: NOW }).items[0]!;
    expect(cleared.kind === 'update' && 'expirationTime' in cleared.after).toBe(false);
    expect(planBulkAction([url], { kind: 'setExpiry', at: daysFromNow(-1) }, { now: NOW }).items[0]).toMatchObject({ kind: 'skip', skipReason: expect.stringMatching(/not in the future/) });
    expect(planBulkAction([url], { kind: 'extendExpiry', days: 7 }, { now: NOW }).items[0]).toMatchObject({ after: { expirationTime: daysFromNow(10) } });
    const expired = person('b@contoso.com', { expirationTime: daysFromNow(-5) });
    expect(planBulkAction([expired], { kind: 'extendExpiry', days: 7 }, { now: NOW }).items[0]).toMatchObject({ after: { expirationTime: daysFromNow(7) } });
    expect(planBulkAction([file], { kind: 'extendExpiry', days: 7 }, { now: NOW }).items[0]).toMatchObject({ kind: 'skip', skipReason: expect.stringMatching(/never expires/) });
    expect(planBulkAction([file], { kind: 'setScope', groups: ['finance'] }, { now: NOW }).items[0]).toMatchObject({ kind: 'skip', skipReason: expect.stringMatching(/already Finance/) });
    expect(planBulkAction([file], { kind: 'setTitle', to: 'New title' }, { now: NOW }).items[0]).toMatchObject({ after: { title: 'New title' } });
  });

  it('estimates time from the documented submit rate of 100/min and 1,500/h', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => person('a@contoso.com', { indicatorValue: i.toString(16).padStart(40, '0') }));
    expect(planBulkAction(many(100), { kind: 'setSeverity', to: 'High' }, { now: NOW })).toMatchObject({ rate: { perMinute: 100, perHour: 1500 }, estimatedSeconds: 0 });
    expect(planBulkAction(many(101), { kind: 'setSeverity', to: 'High' }, { now: NOW }).estimatedSeconds).toBe(60);
    const big = planBulkAction(many(1501), { kind: 'setSeverity', to: 'High' }, { now: NOW });
    expect(big.calls).toHaveLength(1501);
    expect(big.estimatedSeconds).toBe(3600);
  });
});

describe('planBulkAction: deletes', () => {
  const many = (n: number): Indicator[] => Array.from({ length: n }, (_, i) => person('a@contoso.com', { id: String(i + 1) }));

  it.each([
    [500, [500], 0],
    [501, [500, 1], 0],
    [1000, [500, 500], 0],
    [15_000, Array(30).fill(500), 0],
    [15_001, [...Array(30).fill(500), 1], 60],
  ])('%i ids go out as BatchDelete chunks %j', (n, sizes, seconds) => {
    const plan = planBulkAction(many(n), { kind: 'delete' }, { now: NOW });
    expect(plan.calls.map((c) => c.body)).toEqual(sizes.map((_, i) => ({ IndicatorIds: plan.items.slice(i * 500, i * 500 + sizes[i]!).map((it) => it.id) })));
    expect(plan.calls.every((c) => c.kind === 'batchDelete' && c.path === '/api/indicators/BatchDelete')).toBe(true);
    expect(plan.rate).toEqual({ perMinute: 30, perHour: 1500 });
    expect(plan.estimatedSeconds).toBe(seconds);
  });

  it('skips MDCA indicators in deletes unless overridden; export plans no calls and skips nothing', () => {
    const plan = planBulkAction([url, synced], { kind: 'delete' }, { now: NOW });
    expect(plan.calls).toEqual([expect.objectContaining({ body: { IndicatorIds: [url.id] } })]);
    expect(plan.sample).toEqual([{ id: url.id, value: url.indicatorValue, before: 'Url Block · All devices', after: 'deleted' }]);
    expect(planBulkAction([url, synced], { kind: 'delete' }, { now: NOW, overrideMdcaOwnership: true }).calls[0]!.itemIds).toEqual([url.id, synced.id]);
    const exp = planBulkAction([url, synced], { kind: 'export' }, { now: NOW });
    expect(exp).toMatchObject({ calls: [], counts: { export: 2, skip: 0 }, estimatedSeconds: 0 });
  });
});

describe('outcomes and retry', () => {
  const ids = Array.from({ length: 1200 }, (_, i) => String(500_000 + i));
  const inds = [...ids.map((id) => person('a@contoso.com', { id })), synced];
  const plan = planBulkAction(inds, { kind: 'delete' }, { now: NOW });

  it('accounts for every item: done, failed with the reason, skipped, and not sent', () => {
    // Chunk 0 succeeded, chunk 1 failed with a 5xx, chunk 2 was never sent (cancelled).
    const outcomes: CallOutcome[] = [
      { call: 0, ok: true },
      { call: 1, ok: false, reason: '500 InternalServerError' },
    ];
    const result = applyOutcomes(plan, outcomes);
    expect(result).toHaveLength(1201);
    const tally = (pred: (o: (typeof result)[number]) => boolean) => result.filter(pred).length;
    expect(tally((o) => o.outcome === 'done')).toBe(500);
    expect(tally((o) => o.outcome === 'failed' && o.reason === '500 InternalServerError')).toBe(500);
    expect(tally((o) => o.outcome === 'failed' && o.reason === NOT_SENT_REASON)).toBe(200);
    expect(result[1200]).toEqual({ id: synced.id, value: synced.indicatorValue, outcome: 'skipped', reason: MDCA_SKIP_REASON });
  });

  it('retries only the failures, never a done item', () => {
    const outcomes: CallOutcome[] = [
      { call: 0, ok: true },
      { call: 1, ok: false, reason: '429 TooManyRequests' },
    ];
    const again = retryFailed(plan, outcomes, NOW);
    const retried = again.calls.flatMap((c) => c.itemIds);
    expect(retried).toEqual(ids.slice(500));
    expect(again.calls.map((c) => c.itemIds.length)).toEqual([500, 200]);
    expect(again.counts).toEqual({ update: 0, delete: 700, skip: 0, export: 0 });
    // After the retry succeeds, nothing is left.
    expect(retryFailed(again, again.calls.map((_, call) => ({ call, ok: true as const })), NOW).items).toEqual([]);
  });

  it('narrows a failure to the failed ids of a call when the API reports per item', () => {
    const small = planBulkAction([url, file], { kind: 'setSeverity', to: 'High' }, { now: NOW });
    const outcomes: CallOutcome[] = [
      { call: 0, ok: true },
      { call: 1, ok: false, reason: '400 InvalidRequestBody', failedIds: [file.id] },
    ];
    expect(applyOutcomes(small, outcomes).map((o) => o.outcome)).toEqual(['done', 'failed']);
    const retry = retryFailed(small, outcomes, NOW);
    expect(retry.calls).toEqual([expect.objectContaining({ kind: 'submit', itemIds: [file.id], body: expect.objectContaining({ severity: 'High' }) })]);
  });
});
