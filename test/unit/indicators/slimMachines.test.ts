/** Devices kept for the session hold only the fields Indicators and Health read. */
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../../src/domain/types.js';
import { countDevicesByGroup } from '../../../src/domain/indicators/index.js';
import { knownDeviceGroups, slimMachines } from '../../../src/stores/indicators/index.js';

const wire = (id: string, group: string | null): Machine => ({
  id,
  computerDnsName: `${id}.contoso.local`,
  firstSeen: '2026-01-01T00:00:00Z',
  lastSeen: '2026-05-01T00:00:00Z',
  osPlatform: 'Windows10',
  osVersion: '10.0.19045',
  version: '22H2',
  osBuild: 19045,
  healthStatus: 'Active',
  onboardingStatus: 'Onboarded',
  rbacGroupId: 3,
  rbacGroupName: group === null ? null : `${group}`,
  agentVersion: '10.8000',
  defenderAvStatus: 'Active',
  machineTags: ['tag'],
  lastIpAddress: '10.0.0.1',
  riskScore: 'Low',
  exposureLevel: 'Medium',
});

describe('slimMachines', () => {
  it('keeps the read fields, and drops the rest', () => {
    const [a, b, c] = slimMachines([wire('a', 'Finance'), wire('b', ['Fin', 'ance'].join('')), wire('c', null)]);
    expect(Object.keys(a!).sort()).toEqual(['computerDnsName', 'defenderAvStatus', 'healthStatus', 'id', 'onboardingStatus', 'osBuild', 'osPlatform', 'osVersion', 'rbacGroupName', 'version']);
    expect(a).toMatchObject({ id: 'a', rbacGroupName: 'Finance', osPlatform: 'Windows10', osBuild: 19045, version: '22H2', defenderAvStatus: 'Active' });
    expect(c!.rbacGroupName).toBeNull();
    // still enough for the indicators' consumers
    expect(knownDeviceGroups([a!, b!, c!], [])).toEqual(['Finance']);
    expect(countDevicesByGroup([a!, b!, c!], []).get('finance')).toEqual({ block: 0, audit: 0, off: 0, unknown: 2 });
  });
});
