import { describe, expect, it } from 'vitest';
import {
  blockingCapability,
  buildIndicatorIndex,
  formatRelativeExpiry,
  formatScope,
  countDevicesByGroup,
  mdcaOwnership,
  quota,
  quotaAfterImport,
} from '../../../../src/domain/indicators/index.js';
import type { DevicePosture, Indicator, Machine, NetworkProtectionMode } from '../../../../src/domain/types.js';
import { app, indicator, mdca, NOW, person } from './factory.js';

function tenant(n: number, mdcaEvery = 0): Indicator[] {
  const out: Indicator[] = [];
  for (let i = 0; i < n; i++) out.push(mdcaEvery > 0 && i % mdcaEvery === 0 ? mdca('App', { indicatorValue: `d${i}.example.com` }) : person('a@contoso.com'));
  return out;
}

describe('quota', () => {
  it.each([
    [13_485, 'ok'], // 89.9 %
    [13_500, 'warn'], // 90 %
    [14_999, 'warn'],
    [15_000, 'full'], // 100 %
  ] as const)('%i of 15,000 is %s', (used, level) => {
    const q = quota(buildIndicatorIndex(tenant(used), { now: NOW, expiringSoonDays: 7 }));
    expect(q).toMatchObject({ used, limit: 15_000, remaining: 15_000 - used, level });
  });

  it('gives the share per creator class', () => {
    const inds = [...tenant(6, 2), app('Feed'), app('Feed')];
    const q = quota(buildIndicatorIndex(inds, { now: NOW, expiringSoonDays: 7 }));
    expect(q.byClass.mdca).toEqual({ count: 3, share: 3 / 8 });
    expect(q.byClass.person).toEqual({ count: 3, share: 3 / 8 });
    expect(q.byClass.app).toEqual({ count: 2, share: 2 / 8 });
    expect(q.byClass.other).toEqual({ count: 0, share: 0 });
  });

  it('refuses an import that would pass 15,000 and accepts one that reaches it', () => {
    expect(quotaAfterImport(14_500, 500)).toEqual({ allowed: true, used: 14_500, after: 15_000, limit: 15_000, level: 'full' });
    const refused = quotaAfterImport(14_500, 501);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.reason).toMatch(/15,001.*limit of 15,000.*delete or let expire 1 first/);
    expect(quotaAfterImport(1_000, 200)).toMatchObject({ allowed: true, after: 1_200, level: 'ok' });
  });
});

function machine(id: string, group: string | null, name = id): Machine {
  return {
    id,
    computerDnsName: name,
    firstSeen: null,
    lastSeen: null,
    osPlatform: 'Windows11',
    osVersion: null,
    version: null,
    osBuild: null,
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    rbacGroupId: group ? 1 : 0,
    rbacGroupName: group,
    agentVersion: null,
    defenderAvStatus: 'Active',
    machineTags: [],
  };
}
const posture = (deviceId: string, np: NetworkProtectionMode): DevicePosture => ({ deviceId, deviceName: null, networkProtection: np, antimalwarePlatformVersion: '4.18.24090.11' });

describe('blockingCapability', () => {
  const machines = [
    machine('f1', 'Finance'),
    machine('f2', 'Finance'),
    machine('f3', 'Finance'),
    machine('k1', 'Kiosk'),
    machine('k2', 'Kiosk'),
    machine('u1', null),
  ];
  const postures = [posture('f1', 'block'), posture('f2', 'block'), posture('F3', 'off'), posture('k1', 'audit'), posture('k2', 'audit')];
  const devices = countDevicesByGroup(machines, postures);

  it('counts devices per network-protection mode in the named groups (case-insensitive); no posture = unknown', () => {
    const cap = blockingCapability(mdca('Dropbox', { rbacGroupNames: ['finance', 'Kiosk'] }), devices);
    expect(cap).toMatchObject({ applies: true, inScope: 5, block: 2, audit: 2, off: 1, unknown: 0, emptyGroups: [] });
    expect(cap.note).toBe('blocks on 2 of 5 devices (network protection in block mode); 2 in audit mode only log; 1 have it off');
  });

  it('counts every device, ungrouped included, for an all-devices indicator', () => {
    const cap = blockingCapability(person('a@contoso.com', { indicatorType: 'IpAddress', indicatorValue: '203.0.113.9', action: 'Warn' }), devices);
    expect(cap).toMatchObject({ applies: true, inScope: 6, block: 2, audit: 2, off: 1, unknown: 1 });
    expect(cap.note).toMatch(/^warns on 2 of 6 devices/);
  });

  it('names scoped groups without known devices, and does not apply to file indicators', () => {
    const cap = blockingCapability(indicator({ indicatorType: 'Url', indicatorValue: 'http://x.example/a', rbacGroupNames: ['Developers'] }), devices);
    expect(cap).toMatchObject({ applies: true, inScope: 0, emptyGroups: ['Developers'] });
    expect(cap.note).toBe('no known devices in scope; no known devices in Developers');
    expect(blockingCapability(indicator(), devices)).toMatchObject({ applies: false, inScope: 0 });
  });
});

describe('mdcaOwnership', () => {
  it('names the app and reminds that Defender for Cloud Apps owns the indicator', () => {
    const own = mdcaOwnership(mdca('WhatsApp'));
    expect(own).toEqual({ owned: true, app: 'WhatsApp', reminder: expect.stringMatching(/Defender for Cloud Apps.*WhatsApp.*tag or scoped profile/) });
    expect(mdcaOwnership(person('a@contoso.com'))).toEqual({ owned: false });
  });
});

describe('row formatting', () => {
  it('formats relative expiry with expired and expiring-soon markers', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(formatRelativeExpiry(at(3 * 86_400_000 + 3_600_000), NOW, 7)).toEqual({ text: 'in 3d', marker: 'soon' });
    expect(formatRelativeExpiry(at(30 * 86_400_000), NOW, 7)).toEqual({ text: 'in 30d', marker: 'none' });
    expect(formatRelativeExpiry(at(-2 * 3_600_000 - 60_000), NOW, 7)).toEqual({ text: 'expired 2h ago', marker: 'expired' });
    expect(formatRelativeExpiry(at(45 * 60_000), NOW, 7)).toEqual({ text: 'in 45m', marker: 'soon' });
    expect(formatRelativeExpiry(null, NOW, 7)).toEqual({ text: 'never', marker: 'none' });
  });

  it('formats scope as All devices or the group list', () => {
    expect(formatScope([])).toBe('All devices');
    expect(formatScope(['Finance', 'Kiosk'])).toBe('Finance, Kiosk');
  });
});
