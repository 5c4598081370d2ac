import { describe, expect, it } from 'vitest';
import {
  SYNC_EXIT,
  SYNC_ITEM_JSON_KEYS,
  SYNC_REPORT_JSON_KEYS,
  SYNC_SENTINEL_JSON_KEYS,
  formatSyncReport,
  syncExitCode,
  syncHealthSummary,
} from '../../../../src/domain/sync/index.js';
import type { IncidentSyncSummary } from '../../../../src/domain/health/incidentSync.js';
import { NOW, ago, defenderIncident, sentinelIncident, matchPrepared } from './fixtures.js';

const allStates = () =>
  matchPrepared(
    [
      defenderIncident('1'),
      defenderIncident('2', { createdDateTime: ago(2) }),
      defenderIncident('3', { createdDateTime: ago(30) }),
      defenderIncident('4', { status: 'resolved', lastUpdateDateTime: ago(40) }),
      defenderIncident('5'),
    ],
    [sentinelIncident('1'), sentinelIncident('4', { status: 'Active', lastModifiedTimeUtc: ago(40) }), sentinelIncident('5'), sentinelIncident('5'), sentinelIncident('77', { createdTimeUtc: ago(20) })],
    { now: NOW },
  );

describe('syncExitCode', () => {
  it('follows the check scale 0/1/2/3', () => {
    expect(syncExitCode(matchPrepared([defenderIncident('1')], [sentinelIncident('1')], { now: NOW }))).toBe(SYNC_EXIT.allInSync);
    expect(syncExitCode(matchPrepared([defenderIncident('1', { createdDateTime: ago(1) })], [], { now: NOW }))).toBe(1);
    const withinTolerance = matchPrepared([defenderIncident('1', { status: 'resolved', lastUpdateDateTime: ago(2) })], [sentinelIncident('1')], { now: NOW });
    expect(syncExitCode(withinTolerance)).toBe(1);
    const pastTolerance = matchPrepared([defenderIncident('1', { status: 'resolved', lastUpdateDateTime: ago(20) })], [sentinelIncident('1')], { now: NOW });
    expect(syncExitCode(pastTolerance)).toBe(2);
    expect(syncExitCode(matchPrepared([defenderIncident('1', { createdDateTime: ago(11) })], [], { now: NOW }))).toBe(2);
    expect(syncExitCode(matchPrepared([defenderIncident('1')], [sentinelIncident('1'), sentinelIncident('1')], { now: NOW }))).toBe(2);
    expect(syncExitCode(matchPrepared([], [sentinelIncident('9', { createdTimeUtc: ago(30) })], { now: NOW }))).toBe(1);
    expect(syncExitCode(null)).toBe(SYNC_EXIT.couldNotRun);
  });
});

describe('formatSyncReport JSON', () => {
  it('has the documented stable key set at every level', () => {
    const json = JSON.parse(formatSyncReport(allStates(), 'json', { states: ['inSync', 'pending', 'missing', 'drifted', 'duplicated', 'orphaned'] }));
    expect(Object.keys(json).sort()).toEqual([...SYNC_REPORT_JSON_KEYS].sort());
    expect(json.schema).toBe('mde-console/sync-report@1');
    expect(Object.keys(json.counts).sort()).toEqual(['drifted', 'duplicated', 'inSync', 'missing', 'orphaned', 'pending']);
    expect(Object.keys(json.lag.creation.window).sort()).toEqual(['count', 'maxMs', 'overTarget', 'p50Ms', 'p95Ms', 'p99Ms']);
    expect(json.items.map((i: { state: string }) => i.state).sort()).toEqual(['drifted', 'duplicated', 'inSync', 'missing', 'orphaned', 'pending']);
    for (const item of json.items) {
      expect(Object.keys(item).sort()).toEqual([...SYNC_ITEM_JSON_KEYS].sort());
      for (const s of item.sentinel) expect(Object.keys(s).sort()).toEqual([...SYNC_SENTINEL_JSON_KEYS].sort());
    }
  });

  it('lists everything but inSync by default, filters by state, and keeps full counts and exit code', () => {
    const report = allStates();
    const all = JSON.parse(formatSyncReport(report, 'json'));
    expect(all.items.map((i: { state: string }) => i.state).sort()).toEqual(['drifted', 'duplicated', 'missing', 'orphaned', 'pending']);
    const drifted = JSON.parse(formatSyncReport(report, 'json', { states: ['drifted'] }));
    expect(drifted.items).toHaveLength(1);
    expect(drifted.items[0].differences).toEqual([{ field: 'status', defender: 'resolved', sentinel: 'Active' }]);
    expect(drifted.counts).toEqual({ inSync: 1, pending: 1, missing: 1, drifted: 1, duplicated: 1, orphaned: 1 });
    expect(drifted.exitCode).toBe(2);
    expect(drifted.worstState).toBe('duplicated');
  });

  it('text output names each problem incident by its Defender id and ends with the exit code', () => {
    const text = formatSyncReport(allStates(), 'text');
    expect(text).toMatch(/^missing\s+Defender 3 /m);
    expect(text).toMatch(/^drifted\s+Defender 4 .*status resolved≠Active/m);
    expect(text.trim().split('\n').at(-1)).toBe('exit 2 (worst: duplicated)');
  });
});

describe('syncHealthSummary', () => {
  it('summarises counts, worst state and lag p95 against the target', () => {
    const report = matchPrepared(
      [defenderIncident('1', { createdDateTime: ago(60) }), defenderIncident('2', { createdDateTime: ago(60) }), defenderIncident('3', { createdDateTime: ago(5) })],
      [sentinelIncident('1', { createdTimeUtc: ago(58) }), sentinelIncident('2', { createdTimeUtc: ago(45) })],
      { now: NOW },
    );
    // Typed as the health check's input: the two modules stay structurally compatible.
    const h: IncidentSyncSummary & ReturnType<typeof syncHealthSummary> = syncHealthSummary(report);
    // Lags 2 and 15 min → p95 rank 2 → 15 min, above the 10-minute target.
    expect([h.status, h.exitCode, h.worstState, h.lagP95Ms, h.lagP95WithinTarget, h.overTarget]).toEqual(['warn', 1, 'pending', 15 * 60_000, false, 1]);
    expect(h.counts.pending).toBe(1);
    expect(h.summary).toBe('1 pending · lag p95 15m (target 10m)');
  });
});
