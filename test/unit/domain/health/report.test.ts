import { describe, expect, it } from 'vitest';
import {
  checkExitCode,
  checkIncidentSync,
  checkLicences,
  formatCheckJson,
  formatCheckText,
  runAllChecks,
  sortWorstFirst,
  summarize,
  unavailable,
  type CheckResult,
} from '../../../../src/domain/health/index.js';
import { e5Security, incidentRule, indicator, inGroup, mdcaIndicator, minutesAgo, NOW, posture, table, xdrConnector } from './fixtures.js';

const ok = checkLicences([e5Security()], { now: NOW });
const fail = checkLicences([], { now: NOW });
const warn = checkIncidentSync({ counts: { inSync: 1, pending: 0, missing: 0, drifted: 1, duplicated: 0, orphaned: 0 }, lagP95Ms: 1, targetMs: 600_000 }, { now: NOW });
const unk = checkIncidentSync(unavailable('incident sync summary not available yet'), { now: NOW });

describe('exit codes (monitoring-plugin convention)', () => {
  it('0 all OK, 1 some WARN, 2 some FAIL, 3 UNKNOWN; FAIL > UNKNOWN > WARN; nothing run = 3', () => {
    expect(checkExitCode([ok, ok])).toBe(0);
    expect(checkExitCode([ok, warn])).toBe(1);
    expect(checkExitCode([ok, warn, fail])).toBe(2);
    expect(checkExitCode([ok, unk])).toBe(3);
    expect(checkExitCode([warn, unk])).toBe(3);
    expect(checkExitCode([unk, fail])).toBe(2);
    expect(checkExitCode([])).toBe(3);
  });
});

describe('summarize and sortWorstFirst', () => {
  it('counts per status and orders FAIL, WARN, UNKNOWN, OK', () => {
    const rs = [ok, unk, warn, fail];
    expect(summarize(rs)).toEqual({ OK: 1, WARN: 1, FAIL: 1, UNKNOWN: 1, total: 4 });
    expect(sortWorstFirst(rs).map((r) => r.status)).toEqual(['FAIL', 'WARN', 'UNKNOWN', 'OK']);
    // Input is not mutated.
    expect(rs.map((r) => r.status)).toEqual(['OK', 'UNKNOWN', 'WARN', 'FAIL']);
  });
});

describe('formatCheckText', () => {
  it('prints one line per check with symbol, word, title and finding; details only for non-OK checks; no colour codes', () => {
    const text = formatCheckText([fail, ok]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Integration health: 1 FAIL, 0 WARN, 0 UNKNOWN, 1 OK');
    expect(lines[1]).toBe(`✗ FAIL    Licences and prerequisites — ${fail.finding}`);
    expect(lines).toContain(`    Fix: ${fail.remediation}`);
    expect(lines).toContain(`    Docs: ${fail.docUrl}`);
    expect(lines).toContain('    Source: Graph GET /v1.0/subscribedSkus (LicenseAssignment.Read.All (or Organization.Read.All))');
    expect(lines[lines.length - 1]).toBe(`✓ OK      Licences and prerequisites — ${ok.finding}`);
    expect(text).not.toMatch(/\x1b\[/);
  });
});

describe('formatCheckJson', () => {
  it('has the documented, stable key set', () => {
    const doc = JSON.parse(formatCheckJson([fail, unk, ok], { generatedAt: NOW, tenant: 'contoso' }));
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'generatedAt', 'tenant', 'exitCode', 'summary', 'checks']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.generatedAt).toBe('2025-06-02T12:00:00.000Z');
    expect(doc.exitCode).toBe(2);
    expect(Object.keys(doc.summary)).toEqual(['OK', 'WARN', 'FAIL', 'UNKNOWN', 'total']);
    for (const c of doc.checks) {
      expect(Object.keys(c)).toEqual(['id', 'area', 'title', 'status', 'finding', 'unknownReason', 'evidence', 'remediation', 'docUrl', 'source', 'checkedAt']);
      expect(Object.keys(c.source)).toEqual(['api', 'permission']);
    }
    expect(doc.checks[1].unknownReason).toBe('incident sync summary not available yet');
    expect(doc.checks[0].unknownReason).toBeNull();
    expect(JSON.parse(formatCheckJson([], { generatedAt: NOW })).tenant).toBeNull();
  });
});

describe('runAllChecks', () => {
  it('returns every check in area order; inputs left out are UNKNOWN, never OK', () => {
    const rs: CheckResult[] = runAllChecks({}, { now: NOW });
    expect(rs.map((r) => r.id)).toEqual([
      'licences', 'mdca', 'network-protection', 'devices', 'office-identity',
      'sentinel-connector', 'sentinel-rules', 'sentinel-freshness', 'streaming', 'retention', 'incident-sync',
    ]);
    expect(rs.every((r) => r.status === 'UNKNOWN')).toBe(true);
    expect(checkExitCode(rs)).toBe(3);
  });

  it('judges a realistic tenant and honours --only and profile thresholds', () => {
    const fin = [inGroup('fin-01', 'Finance'), inGroup('fin-02', 'Finance')];
    const rs = runAllChecks(
      {
        skus: [e5Security()],
        indicators: [mdcaIndicator('Dropbox', 'Block', { creationTimeDateTimeUtc: minutesAgo(60) }), indicator({ indicatorType: 'Url', rbacGroupNames: ['Finance'] })],
        machines: fin,
        postures: [posture(fin[0]!, 'block'), posture(fin[1]!, 'audit')],
        connectors: [xdrConnector()],
        alertRules: [incidentRule('MDE incidents', 'Microsoft Defender Advanced Threat Protection')],
        tableFreshness: [{ table: 'DeviceEvents', lastRowAt: minutesAgo(90) }],
        streaming: { perTable: [{ table: 'DeviceEvents', lastMessageAt: minutesAgo(1), messagesLastWindow: 10 }], throttled: 0, serverErrors: 0, windowMinutes: 15 },
        workspace: { id: 'ws', name: 'ws', properties: { retentionInDays: 180 } },
        tables: [table('DeviceEvents', 90, 180)],
      },
      { now: NOW, thresholds: { tableFreshnessMinutes: 120 } },
    );
    const status = Object.fromEntries(rs.map((r) => [r.id, r.status]));
    expect(status).toEqual({
      licences: 'OK',
      mdca: 'OK',
      'network-protection': 'FAIL',
      devices: 'OK',
      'office-identity': 'OK',
      'sentinel-connector': 'OK',
      'sentinel-rules': 'FAIL',
      // 90 min old is fresh under the profile's 120-minute threshold.
      'sentinel-freshness': 'OK',
      streaming: 'OK',
      retention: 'OK',
      'incident-sync': 'UNKNOWN',
    });
    expect(checkExitCode(rs)).toBe(2);

    const only = runAllChecks({}, { now: NOW, only: ['sentinel', 'retention'] });
    expect(only.map((r) => r.id)).toEqual(['sentinel-connector', 'sentinel-rules', 'sentinel-freshness', 'retention']);
  });
});
