import { describe, expect, it } from 'vitest';
import type { DefenderSyncEntry, SyncReport } from '../../../../src/domain/sync/index.js';
import { NOW, TENANT, ago, defenderIncident, incidentCreationRule, sentinelIncident, matchPrepared } from './fixtures.js';

const entryFor = (r: SyncReport, id: string): DefenderSyncEntry => {
  const e = r.entries.find((x) => x.defenderId === id);
  if (!e) throw new Error(`no entry for ${id}`);
  return e;
};

describe('matchIncidents: matching key', () => {
  it('matches copies from both XDR provider names, case-insensitively, by providerIncidentId', () => {
    const r = matchPrepared(
      [defenderIncident('1'), defenderIncident('2'), defenderIncident('3')],
      [
        sentinelIncident('1', { providerName: 'Microsoft XDR' }),
        sentinelIncident('2', { providerName: 'Microsoft 365 Defender' }),
        sentinelIncident('3', { providerName: 'MICROSOFT 365 DEFENDER' }),
      ],
      { now: NOW },
    );
    expect(r.entries.map((e) => e.state)).toEqual(['inSync', 'inSync', 'inSync']);
  });

  it('never matches by incidentNumber nor by a native incident whose providerIncidentId is its own number', () => {
    // Native "Azure Sentinel" incidents carry providerIncidentId = incidentNumber (ARM example): a trap.
    const native = sentinelIncident('29', { providerName: 'Azure Sentinel', incidentNumber: 29 });
    const xdrWithNumber29 = sentinelIncident('4711', { incidentNumber: 29 });
    const r = matchPrepared([defenderIncident('29', { createdDateTime: ago(120) })], [native, xdrWithNumber29], { now: NOW, windowStart: new Date(NOW.getTime() - 86_400_000) });
    expect(entryFor(r, '29').state).toBe('missing');
    expect(r.orphaned.map((o) => o.providerIncidentId)).toEqual(['4711']);
  });

  it('puts every Defender incident in exactly one state and deduplicates repeated ids (newest wins)', () => {
    const older = defenderIncident('7', { status: 'active', lastUpdateDateTime: ago(50) });
    const newer = defenderIncident('7', { status: 'resolved', lastUpdateDateTime: ago(40) });
    const r = matchPrepared([older, defenderIncident('8', { createdDateTime: ago(2) }), newer], [sentinelIncident('7', { status: 'Closed', classification: 'Undetermined' })], { now: NOW });
    expect(r.entries).toHaveLength(2);
    expect(entryFor(r, '7').state).toBe('inSync');
    const total = r.counts.inSync + r.counts.pending + r.counts.missing + r.counts.drifted + r.counts.duplicated;
    expect(total).toBe(r.entries.length);
  });
});

describe('matchIncidents: pending and missing', () => {
  it('is pending while younger than the sync window (inclusive) and missing after it', () => {
    const r = matchPrepared(
      [defenderIncident('a', { createdDateTime: ago(3) }), defenderIncident('b', { createdDateTime: ago(10) }), defenderIncident('c', { createdDateTime: ago(11) })],
      [],
      { now: NOW },
    );
    const a = entryFor(r, 'a');
    expect(a.state).toBe('pending');
    if (a.state === 'pending') expect(a.dueAt).toBe(ago(-7));
    expect(entryFor(r, 'b').state).toBe('pending');
    const c = entryFor(r, 'c');
    expect(c.state).toBe('missing');
    if (c.state === 'missing') expect(c.overdueMs).toBe(60_000);
  });

  it('honours a custom sync window', () => {
    const r = matchPrepared([defenderIncident('a', { createdDateTime: ago(11) })], [], { now: NOW, syncWindowMinutes: 15 });
    expect(entryFor(r, 'a').state).toBe('pending');
  });
});

describe('matchIncidents: equivalences and drift', () => {
  it('treats resolved↔Closed, inProgress/awaitingAction↔Active/New as equal', () => {
    const r = matchPrepared(
      [
        defenderIncident('1', { status: 'resolved', classification: 'truePositive' }),
        defenderIncident('2', { status: 'inProgress' }),
        defenderIncident('3', { status: 'awaitingAction' }),
      ],
      [sentinelIncident('1', { status: 'Closed', classification: 'TruePositive' }), sentinelIncident('2', { status: 'Active' }), sentinelIncident('3', { status: 'New' })],
      { now: NOW },
    );
    expect(r.counts.inSync).toBe(3);
  });

  it('treats a redirected (merged) incident closed in Sentinel as in sync, but open in Sentinel as drift', () => {
    const r = matchPrepared(
      [defenderIncident('1', { status: 'redirected', redirectIncidentId: '5' }), defenderIncident('2', { status: 'redirected', redirectIncidentId: '5' })],
      [sentinelIncident('1', { status: 'Closed', classification: 'Undetermined', labels: [{ labelName: 'Redirected' }] }), sentinelIncident('2', { status: 'Active' })],
      { now: NOW },
    );
    expect(entryFor(r, '1').state).toBe('inSync');
    const two = entryFor(r, '2');
    expect(two.state).toBe('drifted');
    if (two.state === 'drifted') expect(two.differences.map((d) => d.field)).toEqual(['status']);
  });

  it('maps classification only when both sides are closed', () => {
    const r = matchPrepared(
      [
        defenderIncident('1', { status: 'resolved', classification: 'informationalExpectedActivity' }),
        defenderIncident('2', { status: 'resolved', classification: 'unknown' }),
        defenderIncident('3', { status: 'resolved', classification: 'falsePositive' }),
        defenderIncident('4', { status: 'active', classification: 'truePositive' }),
        defenderIncident('5', { status: 'resolved', classification: null }),
      ],
      [
        sentinelIncident('1', { status: 'Closed', classification: 'BenignPositive' }),
        sentinelIncident('2', { status: 'Closed', classification: 'Undetermined' }),
        sentinelIncident('3', { status: 'Closed', classification: 'TruePositive' }),
        sentinelIncident('4', { status: 'Active', classification: null }),
        sentinelIncident('5', { status: 'Closed', classification: null }),
      ],
      { now: NOW },
    );
    expect(['1', '2', '4', '5'].map((id) => entryFor(r, id).state)).toEqual(['inSync', 'inSync', 'inSync', 'inSync']);
    const three = entryFor(r, '3');
    expect(three.state === 'drifted' && three.differences).toEqual([{ field: 'classification', defender: 'falsePositive', sentinel: 'TruePositive' }]);
  });

  it('compares owners case-insensitively against UPN, email or assignedTo, and severity across casing', () => {
    const r = matchPrepared(
      [
        defenderIncident('1', { assignedTo: 'Admin@Contoso.com' }),
        defenderIncident('2', { assignedTo: 'admin@contoso.com' }),
        defenderIncident('3', { assignedTo: 'alice@contoso.com' }),
        defenderIncident('4', { assignedTo: null }),
        defenderIncident('5', { severity: 'medium' }),
      ],
      [
        sentinelIncident('1', { owner: { userPrincipalName: 'admin@contoso.com' } }),
        sentinelIncident('2', { owner: { email: 'ADMIN@contoso.com', userPrincipalName: null } }),
        sentinelIncident('3', { owner: { userPrincipalName: 'bob@contoso.com' } }),
        sentinelIncident('4', { owner: { userPrincipalName: 'bob@contoso.com' } }),
        sentinelIncident('5', { severity: 'High' }),
      ],
      { now: NOW },
    );
    expect(entryFor(r, '1').state).toBe('inSync');
    expect(entryFor(r, '2').state).toBe('inSync');
    const three = entryFor(r, '3');
    expect(three.state === 'drifted' && three.differences).toEqual([{ field: 'owner', defender: 'alice@contoso.com', sentinel: 'bob@contoso.com' }]);
    expect(entryFor(r, '4').state).toBe('drifted');
    const five = entryFor(r, '5');
    expect(five.state === 'drifted' && five.differences).toEqual([{ field: 'severity', defender: 'medium', sentinel: 'High' }]);
  });

  it('dates drift from the later side of an incident updated on both sides, and applies the tolerance', () => {
    // Defender resolved 30 min ago; Sentinel copy touched (owner) 20 min ago but still Active.
    const both = matchPrepared(
      [defenderIncident('1', { status: 'resolved', lastUpdateDateTime: ago(30) })],
      [sentinelIncident('1', { status: 'Active', lastModifiedTimeUtc: ago(20) })],
      { now: NOW },
    );
    const e = entryFor(both, '1');
    expect(e.state).toBe('drifted');
    if (e.state !== 'drifted') return;
    expect(e.divergedSince).toBe(ago(20));
    expect(e.driftMs).toBe(20 * 60_000);
    expect(e.withinTolerance).toBe(false);
    expect(both.driftedPastTolerance).toBe(1);

    const recent = matchPrepared(
      [defenderIncident('1', { status: 'resolved', lastUpdateDateTime: ago(4) })],
      [sentinelIncident('1', { status: 'Active', lastModifiedTimeUtc: ago(50) })],
      { now: NOW },
    );
    const r = entryFor(recent, '1');
    expect(r.state === 'drifted' && r.withinTolerance).toBe(true);
    expect(recent.driftedPastTolerance).toBe(0);
  });
});

describe('matchIncidents: lag, clock skew, identical timestamps', () => {
  it('clamps a Sentinel copy created before its Defender incident to lag 0 and flags skew', () => {
    const r = matchPrepared([defenderIncident('1', { createdDateTime: ago(30) })], [sentinelIncident('1', { createdTimeUtc: ago(32), lastModifiedTimeUtc: ago(32) })], { now: NOW });
    const e = entryFor(r, '1');
    expect(e.state === 'inSync' && [e.creationLagMs, e.clockSkew]).toEqual([0, true]);
    expect(r.clockSkewCount).toBe(1);
    expect(r.creationLags.map((s) => s.lagMs)).toEqual([0]);
  });

  it('accepts identical timestamps as lag 0 without skew', () => {
    const r = matchPrepared([defenderIncident('1', { createdDateTime: ago(30) })], [sentinelIncident('1', { createdTimeUtc: ago(30), lastModifiedTimeUtc: ago(30) })], { now: NOW });
    const e = entryFor(r, '1');
    expect(e.state === 'inSync' && [e.creationLagMs, e.clockSkew]).toEqual([0, false]);
    expect(r.clockSkewCount).toBe(0);
  });

  it('measures creation lag and status-change lag when both sides recorded the change', () => {
    const r = matchPrepared(
      [
        defenderIncident('1', { createdDateTime: ago(60), status: 'resolved', lastUpdateDateTime: ago(30) }),
        defenderIncident('2', { createdDateTime: ago(60) }),
      ],
      [
        sentinelIncident('1', { createdTimeUtc: ago(53), status: 'Closed', classification: 'Undetermined', lastModifiedTimeUtc: ago(28) }),
        sentinelIncident('2', { createdTimeUtc: ago(58), lastModifiedTimeUtc: ago(58) }),
      ],
      { now: NOW },
    );
    const one = entryFor(r, '1');
    expect(one.state === 'inSync' && [one.creationLagMs, one.statusLagMs]).toEqual([7 * 60_000, 2 * 60_000]);
    const two = entryFor(r, '2');
    expect(two.state === 'inSync' && [two.creationLagMs, two.statusLagMs]).toEqual([2 * 60_000, null]);
    expect(r.lag.creation.window.count).toBe(2);
    expect(r.lag.statusChange.window.count).toBe(1);
    expect(r.lag.creation.window.max).toBe(7 * 60_000);
  });
});

describe('matchIncidents: duplicates', () => {
  it('flags more than one XDR copy of a Defender incident', () => {
    const r = matchPrepared([defenderIncident('1')], [sentinelIncident('1', { createdTimeUtc: ago(50) }), sentinelIncident('1', { createdTimeUtc: ago(55) })], { now: NOW });
    const e = entryFor(r, '1');
    expect(e.state).toBe('duplicated');
    if (e.state !== 'duplicated') return;
    expect(e.reason).toBe('multipleCopies');
    expect(e.copies.map((c) => c.incident.properties.createdTimeUtc)).toEqual([ago(55), ago(50)]);
  });

  it('flags a native incident made by an XDR-covered incident-creation rule for the same alert', () => {
    const rule = incidentCreationRule('mde-rule', 'Microsoft Defender Advanced Threat Protection');
    const d = defenderIncident('1', {
      createdDateTime: ago(60),
      alerts: [{ id: 'da1', incidentId: '1', title: 'Suspicious PowerShell', severity: 'high', status: 'new', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'edr', productName: 'Microsoft Defender Advanced Threat Protection', createdDateTime: ago(61) }],
    });
    const ruleMade = sentinelIncident('3177', { providerName: 'Azure Sentinel', title: 'suspicious powershell', createdTimeUtc: ago(59), relatedAnalyticRuleIds: [rule.id.toUpperCase()] });
    const r = matchPrepared([d], [sentinelIncident('1'), ruleMade], { now: NOW, incidentCreationRules: [rule] });
    const e = entryFor(r, '1');
    expect(e.state === 'duplicated' && [e.reason, e.ruleIncidents.map((s) => s.name)]).toEqual(['incidentCreationRule', [ruleMade.name]]);
  });

  it('does not flag native incidents from other rules, other products, or far-away times', () => {
    const scheduled = { ...incidentCreationRule('sched', 'Microsoft Defender Advanced Threat Protection'), kind: 'Scheduled' };
    const mdcaRule = incidentCreationRule('azure-sec', 'Azure Security Center');
    const d = defenderIncident('1', { displayName: 'Suspicious PowerShell', createdDateTime: ago(60) });
    const fromScheduled = sentinelIncident('1', { providerName: 'Azure Sentinel', title: 'Suspicious PowerShell', createdTimeUtc: ago(59), relatedAnalyticRuleIds: [scheduled.id] });
    const fromNonXdrProduct = sentinelIncident('2', { providerName: 'Azure Sentinel', title: 'Suspicious PowerShell', createdTimeUtc: ago(59), relatedAnalyticRuleIds: [mdcaRule.id] });
    const tooLate = incidentCreationRule('late', 'Microsoft Defender Advanced Threat Protection');
    const late = sentinelIncident('3', { providerName: 'Azure Sentinel', title: 'Suspicious PowerShell', createdTimeUtc: ago(5), relatedAnalyticRuleIds: [tooLate.id] });
    const r = matchPrepared([d], [sentinelIncident('1'), fromScheduled, fromNonXdrProduct, late], { now: NOW, incidentCreationRules: [scheduled, mdcaRule, tooLate] });
    expect(entryFor(r, '1').state).toBe('inSync');
  });

  it('matches a late rule-made incident by its alert activity time, to the right one of two same-title incidents', () => {
    const rule = incidentCreationRule('mde-rule', 'Microsoft Defender Advanced Threat Protection');
    const older = defenderIncident('1', { displayName: 'Suspicious PowerShell', createdDateTime: ago(300) });
    const newer = defenderIncident('2', { displayName: 'Suspicious PowerShell', createdDateTime: ago(120) });
    // Created now (e.g. a rule switched back on), but its alert's activity ended when incident 1 was created.
    const late = sentinelIncident('3177', {
      providerName: 'Azure Sentinel',
      title: 'Suspicious PowerShell',
      createdTimeUtc: ago(1),
      firstActivityTimeUtc: ago(310),
      lastActivityTimeUtc: ago(300),
      relatedAnalyticRuleIds: [rule.id],
    });
    const r = matchPrepared([older, newer], [sentinelIncident('1'), sentinelIncident('2'), late], { now: NOW, incidentCreationRules: [rule] });
    expect([entryFor(r, '1').state, entryFor(r, '2').state]).toEqual(['duplicated', 'inSync']);
  });

  it('falls back to alert product names when the alert rules are not known', () => {
    const d = defenderIncident('1', { displayName: 'Impossible travel', createdDateTime: ago(60) });
    const ruleMade = sentinelIncident('9', { providerName: 'Azure Sentinel', title: 'Impossible travel', createdTimeUtc: ago(58), additionalData: { alertProductNames: ['Microsoft Cloud App Security'] } });
    const analytics = sentinelIncident('10', { providerName: 'Azure Sentinel', title: 'Impossible travel', createdTimeUtc: ago(58), additionalData: { alertProductNames: ['Azure Sentinel'] } });
    expect(entryFor(matchPrepared([d], [sentinelIncident('1'), ruleMade], { now: NOW }), '1').state).toBe('duplicated');
    expect(entryFor(matchPrepared([d], [sentinelIncident('1'), analytics], { now: NOW }), '1').state).toBe('inSync');
  });

  it('reports both causes together', () => {
    const d = defenderIncident('1', { displayName: 'X', createdDateTime: ago(60) });
    const ruleMade = sentinelIncident('9', { providerName: 'Azure Sentinel', title: 'X', createdTimeUtc: ago(58), additionalData: { alertProductNames: ['Office 365 Advanced Threat Protection'] } });
    const e = entryFor(matchPrepared([d], [sentinelIncident('1'), sentinelIncident('1'), ruleMade], { now: NOW }), '1');
    expect(e.state === 'duplicated' && [e.reason, e.copies.length, e.ruleIncidents.length]).toEqual(['both', 2, 1]);
  });
});

describe('matchIncidents: orphaned', () => {
  it('reports XDR copies without their Defender incident inside the window, and counts older ones apart', () => {
    const windowStart = new Date(NOW.getTime() - 24 * 3_600_000);
    const inside = sentinelIncident('404', { createdTimeUtc: ago(120) });
    const edge = sentinelIncident('405', { createdTimeUtc: new Date(windowStart.getTime() + 5 * 60_000).toISOString() });
    const noProviderId = sentinelIncident(null, { createdTimeUtc: ago(30) });
    const r = matchPrepared([defenderIncident('1')], [sentinelIncident('1'), inside, edge, noProviderId], { now: NOW, windowStart });
    expect(r.orphaned.map((o) => o.providerIncidentId)).toEqual(['404', null]);
    expect(r.counts.orphaned).toBe(2);
    expect(r.unmatchedOutsideWindow).toBe(1);
  });
});

describe('matchIncidents: portal links', () => {
  it('prefers incidentWebUrl, else builds the documented incident2 link, and links Sentinel by ARM id', () => {
    const withUrl = defenderIncident('29', { incidentWebUrl: `https://security.microsoft.com/incident2/29/overview?tid=${TENANT}` });
    const without = defenderIncident('30');
    const copy = sentinelIncident('30', { incidentNumber: 3177 });
    const r = matchPrepared([withUrl, without], [copy], { now: NOW });
    expect(entryFor(r, '29').defenderLink).toBe(`https://security.microsoft.com/incident2/29/overview?tid=${TENANT}`);
    const e = entryFor(r, '30');
    expect(e.defenderLink).toBe(`https://security.microsoft.com/incident2/30/overview?tid=${TENANT}`);
    expect(e.state === 'inSync' && e.sentinel.link).toBe(`https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${copy.id}`);
    expect(e.state === 'inSync' && e.sentinel.link.includes('3177')).toBe(false);
  });
});
