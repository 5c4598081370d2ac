import { describe, expect, it } from 'vitest';
import {
  checkIncidentSync,
  checkRetention,
  checkStreaming,
  effectiveRetention,
  unavailable,
  type IncidentSyncSummary,
  type StreamingHealthInput,
} from '../../../../src/domain/health/index.js';
import type { SyncHealthSummary } from '../../../../src/domain/sync/index.js';
import type { Workspace } from '../../../../src/domain/types.js';
import { minutesAgo, NOW, table } from './fixtures.js';

const thresholds = { streamGapMinutes: 15 };
const streaming = (o: Partial<StreamingHealthInput> = {}): StreamingHealthInput => ({
  perTable: [
    { table: 'DeviceProcessEvents', lastMessageAt: minutesAgo(1), messagesLastWindow: 12_450 },
    { table: 'DeviceNetworkEvents', lastMessageAt: minutesAgo(2), messagesLastWindow: 30_100 },
  ],
  throttled: 0,
  serverErrors: 0,
  windowMinutes: 15,
  namespace: 'contoso-mde-stream',
  ...o,
});

describe('checkStreaming', () => {
  it('is OK when every hub received messages within the gap', () => {
    const r = checkStreaming(streaming(), { now: NOW, thresholds });
    expect(r.status).toBe('OK');
    expect(r.evidence.find((e) => e.label === 'DeviceNetworkEvents')?.value).toBe('30,100 messages in window, last 2025-06-02T11:58:00.000Z (2 min ago)');
  });

  it('FAILs on a stopped table, naming its last message time', () => {
    const input = streaming();
    input.perTable.push({ table: 'DeviceFileEvents', lastMessageAt: minutesAgo(42), messagesLastWindow: 0 });
    const r = checkStreaming(input, { now: NOW, thresholds });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe('1 table stopped: DeviceFileEvents (last message 2025-06-02T11:18:00.000Z, 42 min ago)');
  });

  it('FAILs when nothing arrives at all', () => {
    expect(checkStreaming(streaming({ perTable: [] }), { now: NOW, thresholds }).finding).toMatch(/receives nothing/);
    const allOld = streaming({ perTable: [{ table: 'DeviceEvents', lastMessageAt: minutesAgo(120), messagesLastWindow: 0 }] });
    expect(checkStreaming(allOld, { now: NOW, thresholds }).status).toBe('FAIL');
  });

  it('WARNs on throttled requests or server errors while data flows', () => {
    const r = checkStreaming(streaming({ throttled: 37, serverErrors: 2 }), { now: NOW, thresholds });
    expect(r.status).toBe('WARN');
    expect(r.finding).toBe('Streaming flows but: 37 throttled requests, 2 server errors in the last 15 min');
  });

  it('is UNKNOWN without metrics', () => {
    const r = checkStreaming(unavailable('Azure Monitor 403: Monitoring Reader missing on the namespace'), { now: NOW, thresholds });
    expect(r.status).toBe('UNKNOWN');
  });
});

describe('checkRetention', () => {
  const ws = (days: number): Workspace => ({ id: '/subscriptions/0/…/workspaces/ws', name: 'ws', properties: { retentionInDays: days } });

  it('resolves the workspace default for tables that inherit it (-1 or the "True" string flag)', () => {
    expect(effectiveRetention(table('DeviceEvents', -1, -1), 90)).toMatchObject({ interactiveDays: 90, totalDays: 90 });
    expect(effectiveRetention(table('DeviceEvents', 30, 365, 'True'), 90)).toMatchObject({ interactiveDays: 90, totalDays: 365 });
    expect(effectiveRetention(table('DeviceEvents', 30, 200, 'False'), 90)).toMatchObject({ interactiveDays: 30, totalDays: 200 });
  });

  it('FAILs for a Device table below the policy, naming it with its days', () => {
    const r = checkRetention(ws(180), [table('DeviceEvents', 90, 90), table('DeviceInfo', 90, 365), table('AzureNetworkFlow', 45, 70)], { now: NOW, policyDays: 180 });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe('1 table keeps less than the 180-day policy: DeviceEvents (90 d)');
    // A non-Defender table is not under the default policy.
    expect(r.evidence.some((e) => e.label === 'AzureNetworkFlow')).toBe(false);
    expect(r.evidence.find((e) => e.label === 'Reminder')?.value).toMatch(/180 days in the portal and 30 days in advanced hunting/);
  });

  it('is OK when total retention (interactive + long-term) meets the policy', () => {
    const r = checkRetention(ws(180), [table('DeviceEvents', 90, 180)], { now: NOW, policyDays: 180 });
    expect(r.status).toBe('OK');
  });

  it('WARNs when the workspace default is below policy, or a table inherits an unknown default', () => {
    expect(checkRetention(ws(30), [table('DeviceEvents', 90, 365)], { now: NOW, policyDays: 180 }).status).toBe('WARN');
    const r = checkRetention(unavailable('ARM 403'), [table('DeviceEvents', -1, -1)], { now: NOW, policyDays: 180 });
    expect(r.status).toBe('WARN');
    expect(r.finding).toMatch(/^Retention of DeviceEvents unknown/);
  });

  it('is UNKNOWN when the tables cannot be listed', () => {
    expect(checkRetention(ws(180), unavailable('ARM 404 workspace not found'), { now: NOW, policyDays: 180 }).status).toBe('UNKNOWN');
  });
});

describe('checkIncidentSync', () => {
  const summary = (o: Partial<IncidentSyncSummary['counts']> = {}, lagP95Ms: number | null = 240_000): IncidentSyncSummary => ({
    counts: { inSync: 120, pending: 3, missing: 0, drifted: 0, duplicated: 0, orphaned: 0, ...o },
    lagP95Ms,
    targetMs: 600_000,
  });

  it('is OK with pending incidents inside the window', () => {
    const r = checkIncidentSync(summary(), { now: NOW });
    expect(r.status).toBe('OK');
    expect(r.finding).toBe('120 incidents in sync, 3 pending within the window');
  });

  it('FAILs on missing or duplicated incidents', () => {
    expect(checkIncidentSync(summary({ missing: 2, duplicated: 1 }), { now: NOW }).finding).toBe('2 incidents missing in Sentinel, 1 incident duplicated');
  });

  it('WARNs on drift or p95 lag above the target', () => {
    expect(checkIncidentSync(summary({ drifted: 4 }), { now: NOW }).status).toBe('WARN');
    const slow = checkIncidentSync(summary({}, 900_000), { now: NOW });
    expect(slow.status).toBe('WARN');
    expect(slow.finding).toBe('p95 lag 15 min above the 10 min target');
  });

  it('FAILs on drift past tolerance and accepts the sync domain summary as is (lagTargetMs)', () => {
    const fromSync: SyncHealthSummary = {
      status: 'fail',
      exitCode: 2,
      counts: { inSync: 50, pending: 0, missing: 0, drifted: 3, duplicated: 0, orphaned: 0 },
      total: 53,
      worstState: 'drifted',
      driftedPastTolerance: 1,
      lagP95Ms: 720_000,
      lagTargetMs: 600_000,
      lagP95WithinTarget: false,
      overTarget: 4,
      clockSkewCount: 0,
      summary: '3 drifted · lag p95 12m (target 10m)',
    };
    const r = checkIncidentSync(fromSync, { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe('1 incident drifted past tolerance');
    expect(r.evidence.find((e) => e.label === 'Creation lag p95')?.value).toBe('12 min (target 10 min)');
  });

  it('is UNKNOWN until the sync logic feeds it', () => {
    const r = checkIncidentSync(unavailable('incident sync summary not available yet'), { now: NOW });
    expect(r.status).toBe('UNKNOWN');
  });
});
