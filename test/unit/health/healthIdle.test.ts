/**
 * What keeps an idle Health screen idle: checks are re-judged only when their own inputs' data
 * changes, a fetch starting or ending re-marks only the rows that read that input, input stores
 * ignore scheduling-only updates, and the AGE column's text changes at most once in 5 minutes.
 */
import { describe, expect, it } from 'vitest';
import type { DevicePosture, Workspace, WorkspaceTable } from '../../../src/domain/types.js';
import { createResourceStore } from '../../../src/stores/resource.js';
import {
  decorateChecks,
  derivedInput,
  formatAgeCoarse,
  judgeChecks,
  mergePostures,
  avSummaryOf,
  msUntilAgeTextChanges,
  type HealthInputKey,
  type InputSnapshot,
} from '../../../src/stores/health/index.js';

const now = new Date('2026-03-01T12:00:00Z');
const T = now.getTime();
const snap = (over: Partial<InputSnapshot> = {}): InputSnapshot => ({ data: undefined, error: undefined, errorAt: undefined, loading: false, lastSuccess: undefined, ...over });
const workspace: Workspace = { id: '/ws', name: 'ws', properties: { retentionInDays: 90 } };
const tables: WorkspaceTable[] = [{ name: 'DeviceEvents', properties: { retentionInDays: 90, totalRetentionInDays: 90 } }];

describe('decorateChecks', () => {
  const snaps = (loadingTables: boolean) =>
    new Map<HealthInputKey, InputSnapshot>([
      ['workspace', snap({ data: workspace, lastSuccess: T - 60_000 })],
      ['tables', snap({ data: tables, lastSuccess: T - 60_000, loading: loadingTables })],
      ['skus', snap({ data: [], lastSuccess: T - 60_000 })],
    ]);

  it('a fetch starting marks only the rows that read that input; the others stay the same objects', () => {
    const results = judgeChecks(snaps(false), { now, only: ['retention', 'licences'] });
    const idle = decorateChecks(results, snaps(false), T);
    const fetching = decorateChecks(results, snaps(true), T + 1000, idle);
    const retention = (v: typeof idle) => v.rows.find((r) => r.result.area === 'retention')!;
    const licences = (v: typeof idle) => v.rows.find((r) => r.result.area === 'licences')!;
    expect(retention(fetching).running).toBe(true);
    expect(fetching.running).toBe(1);
    expect(licences(fetching)).toBe(licences(idle));
    // Nothing changed: the very same view, so no subscriber re-renders.
    expect(decorateChecks(results, snaps(true), T + 5000, fetching)).toBe(fetching);
    // The fetch ended with the data unchanged: the marker goes, the verdict object is the same.
    const after = decorateChecks(results, snaps(false), T + 6000, fetching);
    expect(retention(after).running).toBe(false);
    expect(retention(after).result).toBe(retention(idle).result);
  });
});

describe('derivedInput', () => {
  it('derives only when a source brings new data, ignores rescheduling, and keeps the last good data when deriving fails', () => {
    const src = createResourceStore<{ ok: boolean; n: number }>();
    let derivations = 0;
    const input = derivedInput([src], ([d]) => {
      derivations++;
      const v = d as { ok: boolean; n: number };
      return v.ok ? { data: v.n } : { error: 'listing stopped after 3 items' };
    });
    const seen: InputSnapshot[] = [];
    input.subscribe((s) => seen.push(s));

    src.getState().actions.started();
    const first = { ok: true, n: 1 };
    src.getState().actions.succeeded(first, T, T + 60_000);
    expect(input.getState()).toMatchObject({ data: 1, loading: false, lastSuccess: T, error: undefined });
    expect(derivations).toBe(1);

    const updates = seen.length;
    src.getState().actions.scheduled(T + 120_000, false);
    expect(seen.length).toBe(updates);

    // An incremental poll that found nothing returns the same object: no new derivation, a newer age.
    src.getState().actions.started();
    src.getState().actions.succeeded(first, T + 60_000, undefined);
    expect(derivations).toBe(1);
    expect(input.getState()).toMatchObject({ data: 1, lastSuccess: T + 60_000 });

    src.getState().actions.succeeded({ ok: false, n: 2 }, T + 120_000, undefined);
    expect(input.getState()).toMatchObject({ data: 1, lastSuccess: T + 60_000, error: 'listing stopped after 3 items' });

    src.getState().actions.failed({ message: 'MDE 503', at: T + 180_000, cause: new Error('MDE 503 on GET /api/machines') }, false, undefined);
    expect(input.getState()).toMatchObject({ data: 1, error: 'MDE 503 on GET /api/machines' });
  });

  it('an input made of two sources is as old as the older one and waits for both', () => {
    const a = createResourceStore<number>();
    const b = createResourceStore<number>();
    const input = derivedInput([a, b], ([x, y]) => ({ data: (x as number) + (y as number) }));
    a.getState().actions.succeeded(1, T, undefined);
    expect(input.getState().data).toBeUndefined();
    b.getState().actions.started();
    expect(input.getState().loading).toBe(true);
    b.getState().actions.succeeded(2, T + 5000, undefined);
    expect(input.getState()).toMatchObject({ data: 3, lastSuccess: T, loading: false });
  });
});

describe('mergePostures', () => {
  it('adds antivirus mode and platform to network-protection postures, and devices only the AV info knows', () => {
    const np: DevicePosture[] = [
      { deviceId: 'd1', deviceName: 'one', networkProtection: 'block', antimalwarePlatformVersion: null },
      { deviceId: '', deviceName: 'no id', networkProtection: 'audit', antimalwarePlatformVersion: null },
    ];
    const merged = mergePostures(np, [
      avSummaryOf({ machineId: 'd1', avPlatformVersion: '4.18.24090.11', avMode: '1' }),
      avSummaryOf({ machineId: 'd2', computerDnsName: 'two', avPlatformVersion: '4.18.1', avMode: '0' }),
    ]);
    expect(merged).toEqual([
      { deviceId: 'd1', deviceName: 'one', networkProtection: 'block', antimalwarePlatformVersion: '4.18.24090.11', avMode: '1' },
      { deviceId: 'd2', deviceName: 'two', networkProtection: 'unknown', antimalwarePlatformVersion: '4.18.1', avMode: '0' },
    ]);
  });
});

describe('avSummaryOf', () => {
  it('keeps only the four fields the posture checks read of a deviceavinfo row', () => {
    const row = { machineId: 'm1', computerDnsName: 'ws1', avPlatformVersion: '4.18.1', avMode: '0', avEngineVersion: '1.1', avSignatureVersion: '1.4', osPlatform: 'Windows11', quickScanResult: 'Completed' };
    expect(avSummaryOf(row)).toStrictEqual({ machineId: 'm1', computerDnsName: 'ws1', avPlatformVersion: '4.18.1', avMode: '0' });
    expect(avSummaryOf({ machineId: 'm2' })).toStrictEqual({ machineId: 'm2', computerDnsName: null, avPlatformVersion: null, avMode: null });
  });
});

describe('coarse ages', () => {
  it('reads in 5-minute steps, hours, then days, never fresher than the truth', () => {
    expect(formatAgeCoarse(0)).toBe('<5m ago');
    expect(formatAgeCoarse(4 * 60_000 + 59_999)).toBe('<5m ago');
    expect(formatAgeCoarse(5 * 60_000)).toBe('5m ago');
    expect(formatAgeCoarse(9 * 60_000 + 59_999)).toBe('5m ago');
    expect(formatAgeCoarse(14 * 60_000 + 59_000)).toBe('10m ago');
    expect(formatAgeCoarse(59 * 60_000 + 59_000)).toBe('55m ago');
    expect(formatAgeCoarse(3 * 3_600_000 + 1)).toBe('3h ago');
    expect(formatAgeCoarse(50 * 3_600_000)).toBe('2d ago');
  });

  it('says exactly when the text will change next', () => {
    for (const ms of [0, 30_000, 61_000, 4 * 60_000 + 30_000, 7 * 60_000, 59 * 60_000 + 1, 2 * 3_600_000 + 5, 47 * 3_600_000 + 10, 3 * 86_400_000 + 7]) {
      const wait = msUntilAgeTextChanges(ms);
      expect(formatAgeCoarse(ms + wait - 1)).toBe(formatAgeCoarse(ms));
      expect(formatAgeCoarse(ms + wait)).not.toBe(formatAgeCoarse(ms));
    }
  });
});
