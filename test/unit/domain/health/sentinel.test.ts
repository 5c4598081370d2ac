import { describe, expect, it } from 'vitest';
import {
  checkIncidentCreationRules,
  checkSentinelConnector,
  checkTableFreshness,
  checkXdrConnector,
  unavailable,
  type TableFreshness,
} from '../../../../src/domain/health/index.js';
import { incidentRule, mdeConnector, minutesAgo, NOW, scheduledRule, xdrConnector } from './fixtures.js';

const thresholds = { tableFreshnessMinutes: 60 };
const fresh = (table: string, m: number | null): TableFreshness => ({ table, lastRowAt: m === null ? null : minutesAgo(m) });

describe('sentinel-connector', () => {
  it('is OK with incidents and alerts Enabled, listing the tables with rows and the standalone MDE connector', () => {
    const r = checkXdrConnector([xdrConnector(), mdeConnector()], [fresh('DeviceEvents', 2), fresh('DeviceInfo', 20), fresh('SecurityAlert', 5)], { now: NOW });
    expect(r.status).toBe('OK');
    expect(r.id).toBe('sentinel-connector');
    expect(r.evidence.find((e) => e.label === 'Raw tables streaming (from newest rows)')?.value).toBe('2: DeviceEvents, DeviceInfo');
    expect(r.evidence.find((e) => e.label === 'Standalone Defender for Endpoint connector')?.value).toMatch(/^alerts Enabled/);
    expect(r.evidence.find((e) => e.label === 'Per-table "Connect events" setting')?.value).toMatch(/not in the public API/);
  });

  it('FAILs without the XDR connector (only the standalone one) or with incidents Disabled; WARNs with alerts Disabled', () => {
    const none = checkXdrConnector([mdeConnector()], [], { now: NOW });
    expect(none.status).toBe('FAIL');
    expect(none.finding).toMatch(/only the standalone Defender for Endpoint connector/);
    expect(checkXdrConnector([xdrConnector('Disabled')], [], { now: NOW }).status).toBe('FAIL');
    const alerts = checkXdrConnector([xdrConnector('Enabled', 'Disabled')], [], { now: NOW });
    expect(alerts.status).toBe('WARN');
    expect(alerts.finding).toBe('Defender XDR connector syncs incidents but alerts are Disabled');
  });

  it('is UNKNOWN with the reason when connectors cannot be listed', () => {
    const r = checkXdrConnector(unavailable('ARM 403 AuthorizationFailed: Microsoft Sentinel Reader missing'), [], { now: NOW });
    expect(r.status).toBe('UNKNOWN');
    expect(r.finding).toContain('Microsoft Sentinel Reader missing');
  });
});

describe('sentinel-rules', () => {
  it('FAILs "duplicate incidents" for an enabled MDE incident-creation rule while XDR incidents sync, naming it', () => {
    const rules = [
      scheduledRule(),
      incidentRule('Create incidents based on Microsoft Defender for Endpoint alerts', 'Microsoft Defender Advanced Threat Protection'),
      incidentRule('MCAS incidents', 'Microsoft Cloud App Security', false),
      incidentRule('Defender for Cloud incidents', 'Azure Security Center'),
    ];
    const r = checkIncidentCreationRules([xdrConnector()], rules, { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe(
      'Duplicate incidents: 1 enabled Microsoft incident-creation rule for products the XDR connector covers — "Create incidents based on Microsoft Defender for Endpoint alerts" (Microsoft Defender Advanced Threat Protection)',
    );
  });

  it('names every covered rule (all five covered products)', () => {
    const products = [
      'Microsoft Defender Advanced Threat Protection',
      'Microsoft Cloud App Security',
      'Azure Advanced Threat Protection',
      'Office 365 Advanced Threat Protection',
      'Azure Active Directory Identity Protection',
    ];
    const r = checkIncidentCreationRules([xdrConnector()], products.map((p, i) => incidentRule(`rule ${i}`, p)), { now: NOW });
    expect(r.status).toBe('FAIL');
    for (const p of products) expect(r.finding).toContain(`(${p})`);
  });

  it('is OK when XDR incident sync is off (the rules are then the incident source) or no covered rule is enabled', () => {
    const rules = [incidentRule('MDE', 'Microsoft Defender Advanced Threat Protection')];
    expect(checkIncidentCreationRules([xdrConnector('Disabled')], rules, { now: NOW }).status).toBe('OK');
    expect(checkIncidentCreationRules([xdrConnector()], [incidentRule('MDE', 'Microsoft Defender Advanced Threat Protection', false)], { now: NOW }).status).toBe('OK');
  });

  it('WARNs on an enabled rule with an unrecognised product filter', () => {
    const r = checkIncidentCreationRules([xdrConnector()], [incidentRule('Future', 'Microsoft Defender for Something New')], { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toContain('"Future" (Microsoft Defender for Something New)');
  });

  it('is UNKNOWN when the alert rules or connectors are unavailable', () => {
    expect(checkIncidentCreationRules([xdrConnector()], unavailable('ARM 429'), { now: NOW }).status).toBe('UNKNOWN');
    const r = checkIncidentCreationRules(unavailable('ARM 403'), [], { now: NOW });
    expect(r.status === 'UNKNOWN' && r.unknownReason).toMatch(/^data connectors .*ARM 403$/);
  });
});

describe('sentinel-freshness', () => {
  it('FAILs on a stopped table with its newest row time in the evidence', () => {
    const r = checkTableFreshness([fresh('DeviceEvents', 3), fresh('DeviceNetworkEvents', 185), fresh('SecurityIncident', 600)], { now: NOW, thresholds });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe('1 table stopped flowing: DeviceNetworkEvents (newest 2025-06-02T08:55:00.000Z, 3 h 5 min ago)');
    expect(r.evidence.find((e) => e.label === 'DeviceNetworkEvents')?.value).toBe('newest 2025-06-02T08:55:00.000Z (3 h 5 min ago) — STALE');
    // SecurityIncident is quiet by nature: shown, not judged.
    expect(r.evidence.find((e) => e.label === 'SecurityIncident (not judged)')).toBeDefined();
  });

  it('is OK when every table is within the threshold (boundary: exactly the threshold is fresh)', () => {
    const r = checkTableFreshness([fresh('DeviceEvents', 60), fresh('DeviceProcessEvents', 1)], { now: NOW, thresholds });
    expect(r.status).toBe('OK');
    expect(r.finding).toBe('2 tables flowing, every newest row within 60 min');
  });

  it('WARNs on an expected table with no rows, and when no advanced-hunting table has rows at all', () => {
    const r = checkTableFreshness([fresh('DeviceEvents', 1)], { now: NOW, thresholds, expectedTables: ['DeviceEvents', 'DeviceFileEvents'] });
    expect(r.status).toBe('WARN');
    expect(r.finding).toMatch(/^1 expected table with no rows: DeviceFileEvents/);
    const nothing = checkTableFreshness([fresh('SecurityAlert', 5), fresh('DeviceEvents', null)], { now: NOW, thresholds });
    expect(nothing.status).toBe('WARN');
  });

  it('is UNKNOWN when Log Analytics cannot be queried', () => {
    const r = checkTableFreshness(unavailable('Log Analytics 403 InsufficientAccessError'), { now: NOW, thresholds });
    expect(r.status).toBe('UNKNOWN');
  });

  it('checkSentinelConnector returns the three results with stable ids', () => {
    const rs = checkSentinelConnector([xdrConnector()], [], [fresh('DeviceEvents', 1)], { now: NOW, thresholds });
    expect(rs.map((r) => [r.id, r.area, r.status])).toEqual([
      ['sentinel-connector', 'sentinel', 'OK'],
      ['sentinel-rules', 'sentinel', 'OK'],
      ['sentinel-freshness', 'sentinel', 'OK'],
    ]);
  });
});
