import { describe, expect, it } from 'vitest';
import { checkNetworkProtection, networkProtectionByGroup, unavailable } from '../../../../src/domain/health/index.js';
import { indicator, inGroup, machine, minutesAgo, NOW, posture } from './fixtures.js';

describe('checkNetworkProtection', () => {
  const finance = [1, 2, 3, 4, 5].map((n) => inGroup(`fin-pc-0${n}.contoso.com`, 'Finance'));
  const servers = [1, 2].map((n) => inGroup(`srv-0${n}.contoso.com`, 'Servers'));
  const ungrouped = machine('kiosk-01.contoso.com');
  const machines = [...finance, ...servers, ungrouped];

  it('FAILs for a group in audit mode with Block URL indicators in scope: right group, count and example devices', () => {
    const postures = [
      posture(finance[0]!, 'block'),
      posture(finance[1]!, 'audit'),
      posture(finance[2]!, 'audit'),
      posture(finance[3]!, 'audit'),
      posture(finance[4]!, 'off'),
      posture(servers[0]!, 'audit'),
      posture(servers[1]!, 'audit'),
      posture(ungrouped, 'block'),
    ];
    const inds = [
      indicator({ indicatorType: 'Url', indicatorValue: 'https://bad.example/x', action: 'Block', rbacGroupNames: ['Finance'] }),
      indicator({ indicatorType: 'DomainName', action: 'Block', rbacGroupNames: ['finance'] }),
      // File indicators and expired ones do not depend on network protection.
      indicator({ indicatorType: 'FileSha256', indicatorValue: 'a'.repeat(64), action: 'Block', rbacGroupNames: ['Servers'] }),
      indicator({ indicatorType: 'Url', action: 'Block', rbacGroupNames: ['Servers'], expirationTime: minutesAgo(1) }),
    ];
    const r = checkNetworkProtection(inds, machines, postures, { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe(
      'Group "Finance": 4 of 5 devices not in block mode while 2 Block/Warn network indicators apply (audit mode only logs) — e.g. fin-pc-02.contoso.com, fin-pc-03.contoso.com, fin-pc-04.contoso.com +1 more',
    );
    expect(r.evidence.find((e) => e.label === 'Not blocking in Finance')?.value).toBe(
      '4 (audit 3, off 1): fin-pc-02.contoso.com, fin-pc-03.contoso.com, fin-pc-04.contoso.com, fin-pc-05.contoso.com',
    );
    // Servers are in audit mode too, but no active network indicator applies to them.
    expect(r.evidence.find((e) => e.label === 'Not blocking in Servers')).toBeUndefined();
    expect(r.evidence.find((e) => e.label === 'Device groups')?.value).toMatch(/no public API lists device groups/);
  });

  it('applies all-device indicators to every group, ungrouped devices included, and counts modes per group', () => {
    const postures = machines.map((m) => posture(m, m === ungrouped ? 'off' : 'block'));
    const groups = networkProtectionByGroup([indicator({ indicatorType: 'IpAddress', indicatorValue: '20.1.2.3', action: 'Warn' })], machines, postures, NOW);
    expect(groups.map((g) => [g.group, g.blockWarnIndicators, g.modes.block, g.modes.off])).toEqual([
      ['(no device group)', 1, 0, 1],
      ['Finance', 1, 5, 0],
      ['Servers', 1, 2, 0],
    ]);
    const r = checkNetworkProtection([indicator({ indicatorType: 'IpAddress', indicatorValue: '20.1.2.3', action: 'Warn' })], machines, postures, { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toMatch(/^Group "\(no device group\)": 1 of 1 devices/);
  });

  it('WARNs when devices under Block indicators have no known mode', () => {
    const postures = finance.slice(0, 4).map((m) => posture(m, 'block'));
    const r = checkNetworkProtection([indicator({ rbacGroupNames: ['Finance'] })], finance, postures, { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toBe('1 device under Block/Warn network indicators without a known network protection mode (Finance)');
  });

  it('is OK when every device under Block/Warn network indicators is in block mode', () => {
    const postures = machines.map((m) => posture(m, finance.includes(m) ? 'block' : 'audit'));
    const r = checkNetworkProtection([indicator({ rbacGroupNames: ['Finance'] })], machines, postures, { now: NOW });
    expect(r.status).toBe('OK');
    expect(r.finding).toBe('All 5 devices under Block/Warn network indicators are in block mode (1 group)');
  });

  it('is UNKNOWN naming the missing input when advanced hunting is unavailable', () => {
    const r = checkNetworkProtection([indicator()], machines, unavailable('Graph 403: ThreatHunting.Read.All not granted'), { now: NOW });
    expect(r.status).toBe('UNKNOWN');
    expect(r.status === 'UNKNOWN' && r.unknownReason).toBe('network protection modes (advanced hunting): Graph 403: ThreatHunting.Read.All not granted');
  });
});
