import { describe, expect, it } from 'vitest';
import type { SubscribedSku, Workspace, WorkspaceTable } from '../../../src/domain/types.js';
import { buildHealthView, formatAge, parseAreas, type HealthInputKey, type InputSnapshot } from '../../../src/stores/health/index.js';

const now = new Date('2026-03-01T12:00:00Z');
const T = now.getTime();

const snap = (over: Partial<InputSnapshot> = {}): InputSnapshot => ({ data: undefined, error: undefined, errorAt: undefined, loading: false, lastSuccess: undefined, ...over });

const workspace: Workspace = { id: '/ws', name: 'ws', properties: { retentionInDays: 90 } };
const workspace365: Workspace = { id: '/ws', name: 'ws', properties: { retentionInDays: 365 } };
const tables = (days: number): WorkspaceTable[] => [{ name: 'DeviceEvents', properties: { retentionInDays: days, totalRetentionInDays: days } }];
const skus: SubscribedSku[] = [];

describe('buildHealthView', () => {
  it('keeps the last good data when a refresh fails, and says what failed and how old the data is', () => {
    const snaps = new Map<HealthInputKey, InputSnapshot>([
      ['workspace', snap({ data: workspace, lastSuccess: T - 5 * 60_000, error: 'Azure Resource Manager 503 on GET /x: busy', errorAt: T - 1000 })],
      ['tables', snap({ data: tables(90), lastSuccess: T - 5 * 60_000 })],
    ]);
    const v = buildHealthView(snaps, { now, only: ['retention'] });
    expect(v.rows).toHaveLength(1);
    const row = v.rows[0]!;
    // Judged from the old data (below the 180-day default policy), not UNKNOWN.
    expect(row.result.status).toBe('FAIL');
    expect(row.pending).toBe(false);
    expect(row.dataAt).toBe(T - 5 * 60_000);
    expect(row.refreshErrors).toEqual(['workspace: Azure Resource Manager 503 on GET /x: busy']);
    expect(v.errorLine).toBe('Refresh failed — workspace: Azure Resource Manager 503 on GET /x: busy; showing data from 5m ago');
  });

  it('an input that failed before any data arrived makes its checks UNKNOWN with that reason', () => {
    const snaps = new Map<HealthInputKey, InputSnapshot>([
      ['workspace', snap({ data: workspace365, lastSuccess: T })],
      ['tables', snap({ error: 'missing permission Log Analytics Reader (Azure Resource Manager 403 on GET /w)' })],
    ]);
    const v = buildHealthView(snaps, { now, only: ['retention'] });
    const r = v.rows[0]!.result;
    expect(r.status).toBe('UNKNOWN');
    expect(r.status === 'UNKNOWN' && r.unknownReason).toContain('missing permission Log Analytics Reader');
    expect(v.summary.UNKNOWN).toBe(1);
    expect(v.errorLine).toBeUndefined();
  });

  it('a check whose input has not arrived yet is pending and running, and not counted as UNKNOWN', () => {
    const snaps = new Map<HealthInputKey, InputSnapshot>([
      ['skus', snap({ loading: true })],
      ['workspace', snap({ data: workspace365, lastSuccess: T })],
      ['tables', snap({ data: tables(365), lastSuccess: T })],
    ]);
    const v = buildHealthView(snaps, { now, only: ['licences', 'retention'] });
    const lic = v.rows.find((r) => r.result.id === 'licences')!;
    expect(lic.pending).toBe(true);
    expect(lic.running).toBe(true);
    expect(v.pending).toBe(1);
    expect(v.summary.UNKNOWN).toBe(0);
    expect(v.summary.OK).toBe(1);
    // Pending rows go after judged ones.
    expect(v.rows.map((r) => r.result.id)).toEqual(['retention', 'licences']);
  });

  it('groups checks by area and puts the area with the worst check first', () => {
    const snaps = new Map<HealthInputKey, InputSnapshot>([
      ['skus', snap({ data: skus, lastSuccess: T })],
      ['workspace', snap({ data: workspace, lastSuccess: T })],
      ['tables', snap({ data: tables(30), lastSuccess: T })],
      ['connectors', snap({ data: [], lastSuccess: T })],
      ['alertRules', snap({ data: [], lastSuccess: T })],
      ['tableFreshness', snap({ data: [], lastSuccess: T })],
    ]);
    const v = buildHealthView(snaps, { now, only: ['licences', 'sentinel', 'retention'] });
    const areas = v.rows.map((r) => r.result.area);
    // Sentinel's three checks stay together, whatever their individual statuses.
    const first = areas.indexOf('sentinel');
    expect(areas.slice(first, first + 3)).toEqual(['sentinel', 'sentinel', 'sentinel']);
    const rank = { FAIL: 0, WARN: 1, UNKNOWN: 2, OK: 3 } as const;
    const worst = (area: string) => Math.min(...v.rows.filter((r) => r.result.area === area).map((r) => rank[r.result.status]));
    const order = [...new Set(areas)];
    for (let i = 1; i < order.length; i++) expect(worst(order[i - 1]!)).toBeLessThanOrEqual(worst(order[i]!));
  });
});

describe('parseAreas and formatAge', () => {
  it('accepts known areas in any case, once each, and returns unknown names', () => {
    expect(parseAreas('Sentinel, streaming,sentinel')).toEqual({ areas: ['sentinel', 'streaming'], unknown: [] });
    expect(parseAreas('sentinel,sentinal,,x')).toEqual({ areas: ['sentinel'], unknown: ['sentinal', 'x'] });
  });

  it('formats ages in the largest whole unit', () => {
    expect(formatAge(59_000)).toBe('59s ago');
    expect(formatAge(2 * 60_000 + 5000)).toBe('2m ago');
    expect(formatAge(3 * 3_600_000)).toBe('3h ago');
    expect(formatAge(3 * 86_400_000)).toBe('3d ago');
  });
});
