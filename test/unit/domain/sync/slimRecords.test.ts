/**
 * The sync store keeps slim records (syncRecords.ts); matching them must give exactly the report the wire
 * objects give, and the duplicate search restricted to the rule-made incidents' titles and times must find
 * the same Defender incident as a full title index.
 */
import { describe, expect, it } from 'vitest';
import {
  createInterner,
  formatSyncReport,
  matchIncidents,
  slimDefenderIncident,
  slimSentinelIncident,
} from '../../../../src/domain/sync/index.js';
import { findDuplicatedDefenderIncident, indexByTitle, titleSearchOf } from '../../../../src/domain/sync/providers.js';
import type { DefenderIncident, SentinelIncident } from '../../../../src/domain/types.js';
import { NOW, TENANT, ago, defenderIncident, sentinelIncident } from './fixtures.js';

const MDE = 'Microsoft Defender Advanced Threat Protection';

function tenant(): { defender: DefenderIncident[]; sentinel: SentinelIncident[] } {
  const alert = (title: string, minutes: number) => ({
    id: `a-${title}-${minutes}`,
    incidentId: null,
    title,
    severity: 'high' as const,
    status: 'new',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'antivirus',
    productName: MDE,
    createdDateTime: ago(minutes),
  });
  const defender = [
    defenderIncident('1', { alerts: [alert('Suspicious PowerShell', 70)], customTags: ['x'], incidentWebUrl: 'https://security.microsoft.com/incident2/1/overview' }),
    defenderIncident('2', { status: 'resolved', classification: 'truePositive', createdDateTime: ago(300), lastUpdateDateTime: ago(30) }),
    defenderIncident('3', { createdDateTime: ago(5), lastUpdateDateTime: ago(5) }),
    defenderIncident('4', { createdDateTime: ago(500), lastUpdateDateTime: ago(500), alerts: [alert('Suspicious PowerShell', 2000)] }),
    defenderIncident('5', { assignedTo: 'ana@contoso.com' }),
  ];
  const sentinel = [
    sentinelIncident('1'),
    sentinelIncident('2', { status: 'Active', createdTimeUtc: ago(290), lastModifiedTimeUtc: ago(20) }),
    sentinelIncident('5', { owner: { userPrincipalName: 'bob@contoso.com' } }),
    sentinelIncident('5'),
    sentinelIncident('99', { createdTimeUtc: ago(40) }),
    // A rule-made native incident named after the alert of incident 1.
    sentinelIncident(null, {
      providerName: 'Azure Sentinel',
      providerIncidentId: '7001',
      title: 'Suspicious PowerShell',
      createdTimeUtc: ago(60),
      firstActivityTimeUtc: ago(69),
      lastActivityTimeUtc: ago(69),
      additionalData: { alertProductNames: [MDE], tactics: ['Execution'], alertsCount: 1 },
    }),
  ];
  return { defender, sentinel };
}

const opts = { now: NOW, windowStart: new Date(NOW.getTime() - 86_400_000), tenantId: TENANT };

describe('slim sync records', () => {
  it('match to the same report as the wire objects (every state, every field of the JSON)', () => {
    const { defender, sentinel } = tenant();
    const intern = createInterner();
    const wire = matchIncidents(defender, sentinel, opts);
    const slim = matchIncidents(
      defender.map((d) => slimDefenderIncident(d, intern)),
      sentinel.map((s) => slimSentinelIncident(s, intern)),
      opts,
    );
    const all = { states: ['inSync', 'pending', 'missing', 'drifted', 'duplicated', 'orphaned'] as const };
    expect(formatSyncReport(slim, 'json', all)).toBe(formatSyncReport(wire, 'json', all));
    expect(slim.counts).toEqual({ inSync: 0, pending: 1, missing: 1, drifted: 1, duplicated: 2, orphaned: 1 });
  });

  it('keep only what matching, the detail pane and the alignment PUT read', () => {
    const { defender, sentinel } = tenant();
    const d = slimDefenderIncident(defender[0]!);
    expect(Object.keys(d)).not.toContain('customTags');
    expect(d.alerts).toEqual([{ title: 'Suspicious PowerShell', createdDateTime: ago(70), productName: MDE }]);
    const s = slimSentinelIncident(sentinel[5]!);
    expect(s.properties.additionalData).toEqual({ alertProductNames: [MDE] });
    expect(s.etag).toBe(sentinel[5]!.etag);
    expect(s.properties.owner).toEqual(sentinel[5]!.properties.owner);
  });

  it('share one string per distinct repeated value', () => {
    const intern = createInterner();
    const a = slimDefenderIncident(defenderIncident('1', { status: ['act', 'ive'].join('') as 'active' }), intern);
    const b = slimDefenderIncident(defenderIncident('2', { status: ['acti', 've'].join('') as 'active' }), intern);
    expect(a.status).toBe('active');
    expect(Object.is(a.status, b.status)).toBe(true);
  });
});

describe('duplicate search restricted to what it can reach', () => {
  it('finds the same Defender incident as a full title index, and indexes nothing out of reach', () => {
    const { defender, sentinel } = tenant();
    const ruleMade = sentinel.slice(5);
    const full = indexByTitle(defender);
    const restricted = indexByTitle(defender, titleSearchOf(ruleMade, 10 * 60_000));
    expect(findDuplicatedDefenderIncident(ruleMade[0]!, restricted, 10 * 60_000)?.id).toBe('1');
    expect(findDuplicatedDefenderIncident(ruleMade[0]!, full, 10 * 60_000)?.id).toBe('1');
    // Incident 4 carries the title too, but its times are ~33 hours away: never a candidate.
    expect(full.get('suspicious powershell')?.incidents.map((d) => d.id)).toEqual(['1', '4']);
    expect(restricted.get('suspicious powershell')?.incidents.map((d) => d.id)).toEqual(['1']);
    expect([...restricted.keys()]).toEqual(['suspicious powershell']);
  });
});
