import { describe, expect, it } from 'vitest';
import { checkDevicePrerequisites } from '../../../src/domain/health/index.js';
import type { DevicePosture, Machine } from '../../../src/domain/types.js';

const now = new Date('2026-01-10T12:00:00Z');

function machine(id: string, over: Partial<Machine> = {}): Machine {
  return {
    id,
    computerDnsName: `host-${id}`,
    firstSeen: null,
    lastSeen: null,
    osPlatform: 'Windows11',
    osVersion: '10.0.22631.4000',
    version: '23H2',
    osBuild: 22631,
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    rbacGroupId: 1,
    rbacGroupName: 'Servers',
    agentVersion: null,
    // The machines API reports update state here, not passive mode.
    defenderAvStatus: 'Updated',
    machineTags: [],
    ...over,
  };
}

const posture = (id: string, avMode: string | null): DevicePosture => ({ deviceId: id, deviceName: null, networkProtection: 'block', antimalwarePlatformVersion: '4.18.24090.11', avMode });

describe('device prerequisites: passive mode from deviceavinfo avMode', () => {
  it("WARNs for a device whose avMode is '1' even though defenderAvStatus does not say passive", () => {
    const r = checkDevicePrerequisites([machine('a'), machine('b')], [posture('a', '1'), posture('b', '0')], { now });
    expect(r.status).toBe('WARN');
    expect(r.finding).toContain('1 in passive mode');
    expect(r.finding).toContain('host-a');
    expect(r.finding).not.toContain('host-b');
  });

  it('is OK when every device is active', () => {
    const r = checkDevicePrerequisites([machine('a')], [posture('a', '0')], { now });
    expect(r.status).toBe('OK');
  });
});
