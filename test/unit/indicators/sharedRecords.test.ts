/**
 * Records read through a sharer (issue 9 memory) read exactly like the wire records; repeated lists
 * are one instance; device rows from the other reads take the machines' ids and names.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_LIST } from '../../../src/domain/sharedValues.js';
import type { DevicePosture } from '../../../src/domain/types.js';
import { avSummarySharer, mergePostures } from '../../../src/stores/health/collectors.js';
import { deviceStringSharer, indicatorSharer } from '../../../src/stores/indicators/loadIndicators.js';
import { indicator } from '../domain/indicators/factory.js';

describe('indicatorSharer', () => {
  it('keeps every field and value, and gives equal scope and technique lists one instance', () => {
    const wire = [
      indicator({ id: '1', rbacGroupNames: ['Finance', 'Kiosk'], rbacGroupIds: ['3', '7'], mitreTechniques: ['T1566'], sourceType: 'User', source: 'a@contoso.com' }),
      indicator({ id: '2', rbacGroupNames: ['Finance', 'Kiosk'], rbacGroupIds: ['3', '7'], mitreTechniques: ['T1566'] }),
      indicator({ id: '3', description: null, severity: null, expirationTime: '2026-04-01T00:00:00Z' }),
      indicator({ id: '4', mitreTechniques: null }),
    ];
    const expected = structuredClone(wire);
    const share = indicatorSharer();
    const kept = wire.map((i) => share({ ...i }));
    expect(kept).toEqual(expected);
    expect(kept[1]!.rbacGroupNames).toBe(kept[0]!.rbacGroupNames);
    expect(kept[1]!.rbacGroupIds).toBe(kept[0]!.rbacGroupIds);
    expect(kept[1]!.mitreTechniques).toBe(kept[0]!.mitreTechniques);
    expect(kept[2]!.rbacGroupNames).toBe(EMPTY_LIST);
    expect(kept[3]!.mitreTechniques).toBeNull();
  });
});

describe('device rows from the antivirus and hunting reads', () => {
  it('read like avSummaryOf rows whether or not the machines know the device', () => {
    const share = deviceStringSharer([
      { id: 'a1b2', computerDnsName: 'ws1.contoso.local' },
      { id: 'c3d4', computerDnsName: null },
    ]);
    const toSummary = avSummarySharer(share);
    expect(toSummary({ machineId: 'a1b2', computerDnsName: 'ws1.contoso.local', avPlatformVersion: '4.18.1', avMode: '1' })).toStrictEqual({
      machineId: 'a1b2',
      computerDnsName: 'ws1.contoso.local',
      avPlatformVersion: '4.18.1',
      avMode: '1',
    });
    expect(toSummary({ machineId: 'zz99' })).toStrictEqual({ machineId: 'zz99', computerDnsName: null, avPlatformVersion: null, avMode: null });
  });

  it('mergePostures leaves its inputs as they were (it builds one new row per device)', () => {
    const np: DevicePosture[] = [{ deviceId: 'd1', deviceName: 'one', networkProtection: 'block', antimalwarePlatformVersion: null }];
    const before = structuredClone(np);
    const merged = mergePostures(np, [avSummarySharer(deviceStringSharer([]))({ machineId: 'd1', avPlatformVersion: '4.18.2', avMode: '0' })]);
    expect(np).toEqual(before);
    expect(merged).toEqual([{ deviceId: 'd1', deviceName: 'one', networkProtection: 'block', antimalwarePlatformVersion: '4.18.2', avMode: '0' }]);
    expect(merged[0]).not.toBe(np[0]);
  });
});
