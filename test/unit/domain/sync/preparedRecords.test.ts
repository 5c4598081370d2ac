/**
 * The sync store keeps prepared records (syncRecords.ts): slim, with what matching derives from a record
 * (timestamps as epoch ms, join keys, status/classification/severity classes, provider kind) worked out
 * once. Each derived field must equal what the string functions it replaces return for the same input, and
 * the fast parts of matching (the join, the duplicate search's time filter) must answer exactly as the
 * plain way does.
 */
import { describe, expect, it } from 'vitest';
import {
  compactArmId,
  compactIncidentLink,
  createInterner,
  defenderClassificationClass,
  defenderIdOfJoinKey,
  defenderStatusClass,
  differingFields,
  formatSyncReport,
  hasPortalUrl,
  incidentJoinKey,
  isNativeSentinelIncident,
  isXdrIncident,
  matchIncidents,
  prepareDefenderIncident,
  prepareSentinelIncident,
  sentinelClassificationClass,
  sentinelOwnerLabel,
  sentinelSeverityFor,
  sentinelStatusClass,
  type DefenderIncidentId,
  type FieldDifference,
  type SyncDefenderIncident,
  type SyncSentinelIncident,
} from '../../../../src/domain/sync/index.js';
import {
  areProductsCovered,
  classificationOf,
  hasNobodyAssigned,
  hasUsablePortalUrl,
  isStatusNew,
  providerKindOf,
  severityOf,
  statusOf,
} from '../../../../src/domain/sync/matchFacts.js';
import { areAlertProductsCovered, findDuplicatedDefenderIncident, indexByTitle, titleSearchOf } from '../../../../src/domain/sync/providers.js';
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
const ALL_STATES = { states: ['inSync', 'pending', 'missing', 'drifted', 'duplicated', 'orphaned'] as const };

const prepareAll = (defender: readonly DefenderIncident[], sentinel: readonly SentinelIncident[]) => {
  const intern = createInterner();
  return { defender: defender.map((d) => prepareDefenderIncident(d, intern)), sentinel: sentinel.map((s) => prepareSentinelIncident(s, intern)) };
};

/** Timestamps the wire may carry, canonical or not: every prepared time must be what Date.parse says. */
const ODD_TIMES = [
  '2026-01-22T12:09:23.1433333Z', // Graph: 7 fractional digits
  '2026-02-25T16:29:33.1Z',
  '2019-01-01T13:15:30Z', // ARM: no fraction
  '2024-02-29T23:59:59.999Z', // leap day
  '2026-03-02T12:00:00+01:00', // offset
  '2026-03-02T11:00:00.5-02:30',
  '2026-03-02T12:00:00', // no zone (local time, as Date.parse reads it)
  '2026-03-02', // date only
  'not a date',
  '',
  '2026-13-01T00:00:00Z', // month 13
  '2026-02-30T00:00:00Z', // no such day
];

describe('prepared sync records', () => {
  it('keep only what matching, the detail pane and the alignment PUT read', () => {
    const { defender, sentinel } = tenant();
    const d = prepareDefenderIncident(defender[0]!);
    expect(Object.keys(d)).not.toContain('customTags');
    expect(d.alerts).toEqual([{ title: 'Suspicious PowerShell', productName: MDE, createdMs: Date.parse(ago(70)) }]);
    expect(prepareDefenderIncident(defender[1]!).alerts).toBeUndefined();
    const s = prepareSentinelIncident(sentinel[5]!);
    expect(s.properties.additionalData).toEqual({ alertProductNames: [MDE] });
    expect(s.etag).toBe(sentinel[5]!.etag);
    expect(s.properties.owner).toEqual(sentinel[5]!.properties.owner);
    // The ISO strings the screen, the JSON and the PUT show stay as read.
    expect([d.createdDateTime, d.lastUpdateDateTime, s.properties.createdTimeUtc, s.properties.lastModifiedTimeUtc]).toEqual([
      defender[0]!.createdDateTime,
      defender[0]!.lastUpdateDateTime,
      sentinel[5]!.properties.createdTimeUtc,
      sentinel[5]!.properties.lastModifiedTimeUtc,
    ]);
  });

  it('share one string per distinct repeated value, one owner object per distinct owner, one empty label list', () => {
    const intern = createInterner();
    const a = prepareDefenderIncident(defenderIncident('1', { status: ['act', 'ive'].join('') as 'active' }), intern);
    const b = prepareDefenderIncident(defenderIncident('2', { status: ['acti', 've'].join('') as 'active' }), intern);
    expect(a.status).toBe('active');
    expect(Object.is(a.status, b.status)).toBe(true);

    const owner = () => ({ objectId: 'o1', email: ['ana', '@contoso.com'].join(''), assignedTo: 'Ana', userPrincipalName: 'ana@contoso.com' });
    const x = prepareSentinelIncident(sentinelIncident('1', { owner: owner() }), intern);
    const y = prepareSentinelIncident(sentinelIncident('2', { owner: owner() }), intern);
    expect(x.properties.owner).toEqual(owner());
    expect(Object.is(x.properties.owner, y.properties.owner)).toBe(true);
    // An assignee naming the same person is the very same string (the owner match compares without reading it).
    const d = prepareDefenderIncident(defenderIncident('1', { assignedTo: ['ana@', 'contoso.com'].join('') }), intern);
    expect(Object.is(d.assignedTo, x.properties.owner?.userPrincipalName)).toBe(true);
    // null and absent fields are kept apart: a shared owner reads exactly like each one it stands for.
    const absent = prepareSentinelIncident(sentinelIncident('3', { owner: { userPrincipalName: 'ana@contoso.com' } }), intern);
    const withNull = prepareSentinelIncident(sentinelIncident('4', { owner: { userPrincipalName: 'ana@contoso.com', email: null } }), intern);
    expect(Object.keys(absent.properties.owner!)).toEqual(['userPrincipalName']);
    expect(Object.keys(withNull.properties.owner!)).toEqual(['userPrincipalName', 'email']);
    // The connector's boilerplate description and an empty label list: one of each for every record.
    const described = (n: string) => prepareSentinelIncident(sentinelIncident(n, { description: ['Automatically correlated', ' by Microsoft Defender XDR.'].join(''), labels: [] }), intern);
    const [p, q] = [described('5'), described('6')];
    expect(Object.is(p.properties.description, q.properties.description)).toBe(true);
    expect(Object.is(p.properties.labels, q.properties.labels)).toBe(true);
    expect(p.properties.labels).toEqual([]);
    expect(Object.isFrozen(p.properties.labels)).toBe(true);
    const labelled = prepareSentinelIncident(sentinelIncident('7', { labels: [{ labelName: 'Redirected' }] }), intern);
    expect(labelled.properties.labels).toEqual([{ labelName: 'Redirected' }]);
  });

  it('match to the same report whether or not records share strings and owners (every state, every field of the JSON)', () => {
    const { defender, sentinel } = tenant();
    const shared = prepareAll(defender, sentinel);
    const alone = { defender: defender.map((d) => prepareDefenderIncident(d)), sentinel: sentinel.map((s) => prepareSentinelIncident(s)) };
    const a = matchIncidents(shared.defender, shared.sentinel, opts);
    const b = matchIncidents(alone.defender, alone.sentinel, opts);
    expect(formatSyncReport(a, 'json', ALL_STATES)).toBe(formatSyncReport(b, 'json', ALL_STATES));
    expect(a.counts).toEqual({ inSync: 0, pending: 1, missing: 1, drifted: 1, duplicated: 2, orphaned: 1 });
  });

  it('carry every timestamp as the epoch ms Date.parse gives (NaN where it gives NaN)', () => {
    for (const t of ODD_TIMES) {
      const d = prepareDefenderIncident(defenderIncident('1', { createdDateTime: t, lastUpdateDateTime: t, alerts: [alertAt(t), alertAt(null)] }));
      const s = prepareSentinelIncident(sentinelIncident('1', { createdTimeUtc: t, lastModifiedTimeUtc: t }));
      for (const ms of [d.createdMs, d.lastUpdateMs, d.alerts![0]!.createdMs, s.createdMs, s.lastModifiedMs]) expect(Object.is(ms, Date.parse(t)), t).toBe(true);
      expect(d.alerts![1]!.createdMs).toBeNaN();
    }
  });

  it('match and report unparseable timestamps as before: no lag from them, never a false skew', () => {
    const { defender, sentinel } = prepareAll(
      [defenderIncident('1', { createdDateTime: 'garbage', lastUpdateDateTime: 'garbage' }), defenderIncident('2', { createdDateTime: 'garbage' })],
      [sentinelIncident('1'), sentinelIncident('2', { createdTimeUtc: 'garbage', lastModifiedTimeUtc: 'garbage' })],
    );
    const r = matchIncidents(defender, sentinel, { now: NOW });
    expect(r.entries.map((e) => e.state)).toEqual(['inSync', 'inSync']);
    expect(r.clockSkewCount).toBe(0);
    expect(r.creationLags.map((l) => l.lagMs)).toEqual([NaN, NaN]);
    // A sample observed at an unknown time is not excluded from the window; NaN lags sort last, so the
    // median of [NaN, NaN] is NaN and the over-target count stops at them.
    expect([r.lag.creation.window.count, r.lag.creation.window.p50, r.lag.creation.window.overTarget]).toEqual([2, NaN, 0]);
  });

  it('carry the trimmed id and a join key that is equal exactly when the trimmed ids are', () => {
    const id = ['49', '930'].join('');
    const d = prepareDefenderIncident(defenderIncident(id));
    expect(d.defenderId).toBe('49930');
    expect(Object.is(d.defenderId, d.id)).toBe(true); // nothing trimmed: no second copy of the id
    expect(prepareDefenderIncident(defenderIncident(' 17 ')).defenderId).toBe('17');
    const keys = ['0', '7', '07', '123456789', '1234567890', '-1', '1e3', 'abc', '7 7', ''].map((x) => incidentJoinKey(x as DefenderIncidentId));
    expect(keys).toEqual([0, 7, '07', 123456789, '1234567890', '-1', '1e3', 'abc', '7 7', '']);
    for (const k of keys) expect(incidentJoinKey(defenderIdOfJoinKey(k))).toBe(k);
    // Sentinel: the key of the Defender incident an XDR copy is of; none for native or other incidents.
    expect(prepareSentinelIncident(sentinelIncident(' 42 ')).copyOf).toBe(42);
    expect(prepareSentinelIncident(sentinelIncident('INC-9')).copyOf).toBe('INC-9');
    expect(prepareSentinelIncident(sentinelIncident('  ')).copyOf).toBeNull();
    expect(prepareSentinelIncident(sentinelIncident(null)).copyOf).toBeNull();
    expect(prepareSentinelIncident(sentinelIncident('42', { providerName: 'Azure Sentinel' })).copyOf).toBeNull();
  });

  it('join numeric, non-numeric and far-apart ids exactly as equal trimmed strings', () => {
    const { defender, sentinel } = prepareAll(
      [
        defenderIncident('7'),
        defenderIncident('07', { createdDateTime: ago(2) }),
        defenderIncident('INC-1'),
        defenderIncident('999999999'),
        defenderIncident('5'),
        defenderIncident('1234567890123'),
      ],
      [sentinelIncident(' 7'), sentinelIncident('INC-1 '), sentinelIncident('999999999'), sentinelIncident('5'), sentinelIncident('1234567890123'), sentinelIncident('8', { createdTimeUtc: ago(30) })],
    );
    const r = matchIncidents(defender, sentinel, { now: NOW });
    expect(r.entries.map((e) => `${e.defenderId}:${e.state}`)).toEqual(['7:inSync', '07:pending', 'INC-1:inSync', '999999999:inSync', '5:inSync', '1234567890123:inSync']);
    expect(r.orphaned.map((o) => o.providerIncidentId)).toEqual(['8']);
  });
});

function alertAt(createdDateTime: string | null): NonNullable<DefenderIncident['alerts']>[number] {
  return { id: 'a', incidentId: null, title: 'T', severity: 'high', status: 'new', serviceSource: null, detectionSource: null, productName: MDE, createdDateTime };
}

const STATUS_CLASSES = [null, 'open', 'closed'] as const;
const CLASSIFICATION_CLASSES = [null, 'truePositive', 'falsePositive', 'benignPositive', 'undetermined'] as const;
const SEVERITIES = [null, 'Informational', 'Low', 'Medium', 'High'] as const;

describe('prepared facts', () => {
  const defenderStatuses = ['active', 'inProgress', 'awaitingAction', 'resolved', 'redirected', 'unknownFutureValue', 'Resolved', ' ACTIVE ', 'InProgress', ''];
  const sentinelStatuses = ['New', 'Active', 'Closed', 'new', ' closed', 'ACTIVE', 'Archived', ''];
  const defenderClassifications = [null, 'unknown', 'truePositive', 'falsePositive', 'informationalExpectedActivity', 'unknownFutureValue', 'TruePositive', ' falsepositive '];
  const sentinelClassifications = [undefined, null, 'Undetermined', 'TruePositive', 'FalsePositive', 'BenignPositive', 'truepositive', 'Other', ''];
  const severities = [null, 'informational', 'low', 'medium', 'high', 'unknown', 'High', ' MEDIUM ', 'Informational', 'critical'];

  it('judge statuses, classifications and severities as the string functions do', () => {
    for (const status of defenderStatuses) {
      for (const classification of defenderClassifications) {
        for (const severity of severities) {
          const f = prepareDefenderIncident(defenderIncident('1', { status, classification, severity } as Partial<DefenderIncident>)).facts;
          expect(STATUS_CLASSES[statusOf(f)], status).toBe(defenderStatusClass(status));
          expect(CLASSIFICATION_CLASSES[classificationOf(f)]).toBe(defenderClassificationClass(classification));
          expect(SEVERITIES[severityOf(f)]).toBe(sentinelSeverityFor(severity));
        }
      }
    }
    for (const status of sentinelStatuses) {
      for (const classification of sentinelClassifications) {
        for (const severity of severities) {
          const over: Partial<SentinelIncident['properties']> = { status, severity: severity as string };
          if (classification !== undefined) over.classification = classification;
          const f = prepareSentinelIncident(sentinelIncident('1', over)).facts;
          expect(STATUS_CLASSES[statusOf(f)], status).toBe(sentinelStatusClass(status));
          expect(CLASSIFICATION_CLASSES[classificationOf(f)]).toBe(sentinelClassificationClass(classification));
          expect(SEVERITIES[severityOf(f)]).toBe(sentinelSeverityFor(severity));
          expect(isStatusNew(f)).toBe(status.toLowerCase() === 'new');
        }
      }
    }
  });

  it('judge provider kind, product heuristic, owners and portal links as the string functions do', () => {
    const providers = [undefined, null, 'Microsoft XDR', 'Microsoft 365 Defender', ' microsoft xdr ', 'Azure Sentinel', 'azure sentinel', 'Other'];
    const products = [undefined, [], [MDE], [MDE, 'Azure Sentinel'], ['Microsoft Cloud App Security', 'office 365 advanced threat protection']];
    for (const providerName of providers) {
      for (const alertProductNames of products) {
        const over: Partial<SentinelIncident['properties']> = alertProductNames ? { additionalData: { alertProductNames } } : {};
        if (providerName !== undefined) over.providerName = providerName;
        const wire = sentinelIncident('1', over);
        const f = prepareSentinelIncident(wire).facts;
        expect(providerKindOf(f)).toBe(isXdrIncident(wire) ? 'xdr' : isNativeSentinelIncident(wire) ? 'native' : 'other');
        expect(areProductsCovered(f)).toBe(areAlertProductsCovered(wire));
      }
    }
    const owners = [undefined, null, {}, { userPrincipalName: ' ' }, { email: 'a@b.c' }, { assignedTo: 'Ana' }, { userPrincipalName: null, email: '', assignedTo: null }];
    for (const owner of owners) {
      const over: Partial<SentinelIncident['properties']> = owner === undefined ? {} : { owner };
      const wire = sentinelIncident('1', over);
      const o = wire.properties.owner;
      const nobody = [o?.userPrincipalName, o?.email, o?.assignedTo].every((n) => (n ?? '').trim() === '');
      expect(hasNobodyAssigned(prepareSentinelIncident(wire).facts)).toBe(nobody);
    }
    for (const assignedTo of [null, '', '  ', 'ana@contoso.com']) {
      expect(hasNobodyAssigned(prepareDefenderIncident(defenderIncident('1', { assignedTo })).facts)).toBe((assignedTo ?? '').trim() === '');
    }
    for (const incidentWebUrl of [null, '', 'http://x', 'https://security.microsoft.com/incident2/1/overview']) {
      const d = prepareDefenderIncident(defenderIncident('1', { incidentWebUrl }));
      expect(hasUsablePortalUrl(d.facts)).toBe(hasPortalUrl(d));
    }
  });

  it('give the differences the string comparison gives, for every pairing of the values above', () => {
    const assignees = [null, 'ana@contoso.com', 'ANA@contoso.com ', 'bob@contoso.com'];
    const owners = [undefined, null, { userPrincipalName: 'ana@contoso.com' }, { email: 'Ana@Contoso.com', userPrincipalName: null }, { assignedTo: 'bob@contoso.com' }, {}];
    const intern = createInterner();
    let compared = 0;
    for (const status of ['active', 'resolved', 'redirected', 'unknownFutureValue']) {
      for (const sStatus of ['New', 'Active', 'Closed', 'closed', 'Archived']) {
        for (const [classification, sClassification] of [[null, null], ['truePositive', 'TruePositive'], ['falsePositive', 'TruePositive'], ['unknown', 'Undetermined'], ['unknownFutureValue', 'FalsePositive']] as const) {
          for (const [severity, sSeverity] of [['high', 'High'], ['medium', 'HIGH'], ['unknown', 'Low'], [null, 'Low'], ['low', 'low ']] as const) {
            for (const assignedTo of assignees) {
              for (const owner of owners) {
                const wd = defenderIncident('1', { status, classification, severity, assignedTo } as Partial<DefenderIncident>);
                const ws = sentinelIncident('1', { status: sStatus, classification: sClassification, severity: sSeverity, ...(owner === undefined ? {} : { owner }) });
                expect(differingFields(prepareDefenderIncident(wd, intern), prepareSentinelIncident(ws, intern))).toEqual(slowDifferingFields(wd, ws));
                compared++;
              }
            }
          }
        }
      }
    }
    expect(compared).toBe(4 * 5 * 5 * 5 * 4 * 6);
  });
});

/** The comparison as it was written on wire strings before records were prepared (the reference). */
function slowDifferingFields(d: DefenderIncident, s: SentinelIncident): FieldDifference[] {
  const lower = (x: string | null | undefined): string => (x ?? '').trim().toLowerCase();
  const out: FieldDifference[] = [];
  const p = s.properties;
  const dStatus = defenderStatusClass(d.status);
  const sStatus = sentinelStatusClass(p.status);
  if (dStatus !== null && sStatus !== null && dStatus !== sStatus) out.push({ field: 'status', defender: d.status, sentinel: p.status });
  const o = p.owner;
  const want = lower(d.assignedTo);
  const names = [lower(o?.userPrincipalName), lower(o?.email), lower(o?.assignedTo)];
  const ownerMatches = want === '' ? names.every((n) => n === '') : names.includes(want);
  if (!ownerMatches) out.push({ field: 'owner', defender: d.assignedTo, sentinel: sentinelOwnerLabel(prepareSentinelIncident(s)) });
  if (dStatus === 'closed' && sStatus === 'closed') {
    const dc = defenderClassificationClass(d.classification);
    const sc = sentinelClassificationClass(p.classification);
    if (dc !== null && sc !== null && dc !== sc) out.push({ field: 'classification', defender: d.classification, sentinel: p.classification ?? null });
  }
  const expected = sentinelSeverityFor(d.severity);
  if (expected !== null && lower(expected) !== lower(p.severity)) out.push({ field: 'severity', defender: d.severity, sentinel: p.severity });
  return out;
}

describe('duplicate search: quick time test', () => {
  it('finds, for every rule-made incident, the same Defender incident as the full index (random titles and times)', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const titles = ['A', 'b', 'C c', ' a '];
    const minutesAgo = () => Math.floor(random() * 3 * 24 * 60);
    const defender: SyncDefenderIncident[] = [];
    for (let i = 0; i < 400; i++) {
      const alerts = Array.from({ length: Math.floor(random() * 3) }, () => alertAt(random() < 0.1 ? null : ago(minutesAgo())));
      for (const a of alerts) a.title = titles[Math.floor(random() * titles.length)]!;
      defender.push(prepareDefenderIncident(defenderIncident(String(i), { displayName: titles[i % titles.length]!, createdDateTime: ago(minutesAgo()), alerts })));
    }
    const ruleMade: SyncSentinelIncident[] = [];
    for (let i = 0; i < 120; i++) {
      ruleMade.push(
        prepareSentinelIncident(
          sentinelIncident(null, {
            providerName: 'Azure Sentinel',
            title: titles[i % titles.length]!,
            createdTimeUtc: ago(minutesAgo()),
            ...(random() < 0.5 ? { firstActivityTimeUtc: ago(minutesAgo()), lastActivityTimeUtc: ago(minutesAgo()) } : {}),
          }),
        ),
      );
    }
    for (const windowMs of [10 * 60_000, 7 * 60_000 + 0.5, 1, 0]) {
      const full = indexByTitle(defender);
      const restricted = indexByTitle(defender, titleSearchOf(ruleMade, windowMs));
      let found = 0;
      for (const s of ruleMade) {
        const a = findDuplicatedDefenderIncident(s, full, windowMs);
        expect(findDuplicatedDefenderIncident(s, restricted, windowMs)).toBe(a);
        if (a) found++;
      }
      if (windowMs >= 60_000) expect(found).toBeGreaterThan(10);
    }
  });
});

describe('duplicate search restricted to what it can reach', () => {
  it('finds the same Defender incident as a full title index, and indexes nothing out of reach', () => {
    const { defender: wireDefender, sentinel: wireSentinel } = tenant();
    const defender = wireDefender.map((d) => prepareDefenderIncident(d));
    const ruleMade = wireSentinel.slice(5).map((s) => prepareSentinelIncident(s));
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

describe('compactArmId', () => {
  const ws = '/subscriptions/721ea334-b7c4-415e-b957-ea0069123eae/resourceGroups/rg-soc-sentinel/providers/Microsoft.OperationalInsights/workspaces/law-soc-sentinel';
  it('reads exactly like the ARM id it stands for, and leaves any other id as it came', () => {
    const interned: string[] = [];
    const intern = (s: string) => (interned.push(s), s);
    const name = '0f3c9a2e-6b1d-4a47-9a51-1c2d3e4f5a6b';
    const id = `${ws}/providers/Microsoft.SecurityInsights/Incidents/${name}`;
    expect(compactArmId(id, name, intern)).toBe(id);
    expect(interned).toEqual([id.slice(0, id.length - name.length)]);
    // Not ending with the name, a short prefix, or no name at all: unchanged, nothing interned.
    for (const [other, n] of [[`${ws}/incidents/other`, name], [`short/${name}`, name], [id, '']] as const) {
      expect(compactArmId(other, n, intern)).toBe(other);
    }
    expect(interned).toHaveLength(1);
  });

  it('keeps prepared Sentinel records reading their wire id', () => {
    const intern = createInterner();
    const a = sentinelIncident('42');
    const b = sentinelIncident('43');
    expect([prepareSentinelIncident(a, intern).id, prepareSentinelIncident(b, intern).id]).toEqual([a.id, b.id]);
  });
});

describe('compactIncidentLink', () => {
  const tid = 'a05efe1a-acf5-48b9-831a-e95f1ed7e6ea';
  it('reads exactly like the link it stands for, sharing the text around the id', () => {
    const interned: string[] = [];
    const intern = (s: string) => (interned.push(s), s);
    for (const [url, id] of [
      [`https://security.microsoft.com/incidents/2972395?tid=${tid}`, '2972395'],
      [`https://security.microsoft.com/incident2/7/overview?tid=${tid}`, '7'],
      ['https://security.microsoft.com/incidents/12', '12'],
    ] as const) {
      expect(compactIncidentLink(url, id, intern)).toBe(url);
    }
    expect(interned).toEqual([
      'https://security.microsoft.com/incidents/',
      `?tid=${tid}`,
      'https://security.microsoft.com/incident2/',
      `/overview?tid=${tid}`,
      'https://security.microsoft.com/incidents/',
    ]);
  });

  it('leaves a link without the id as a whole path segment as it came, interning nothing', () => {
    const interned: string[] = [];
    const intern = (s: string) => (interned.push(s), s);
    for (const [url, id] of [
      [`https://security.microsoft.com/incidents/29723?tid=${tid}`, '2972'],
      [`https://security.microsoft.com/incidents/5?tid=${tid}`, '6'],
      ['https://security.microsoft.com/incidents/5', ''],
    ] as const) {
      expect(compactIncidentLink(url, id, intern)).toBe(url);
    }
    expect(interned).toEqual([]);
  });

  it('keeps prepared Defender records reading their wire link, and repeated product lists as one object', () => {
    const intern = createInterner();
    const a = defenderIncident('31', { incidentWebUrl: `https://security.microsoft.com/incidents/31?tid=${tid}` });
    expect(prepareDefenderIncident(a, intern).incidentWebUrl).toBe(a.incidentWebUrl);
    const copy = (n: string) => prepareSentinelIncident(sentinelIncident(n, { additionalData: { alertProductNames: ['Microsoft Defender for Endpoint'] }, relatedAnalyticRuleIds: [] }), intern);
    const [x, y] = [copy('1'), copy('2')];
    expect(x.properties.additionalData).toEqual({ alertProductNames: ['Microsoft Defender for Endpoint'] });
    expect(x.properties.additionalData).toBe(y.properties.additionalData);
    expect(x.properties.relatedAnalyticRuleIds).toEqual([]);
    expect(x.properties.relatedAnalyticRuleIds).toBe(y.properties.relatedAnalyticRuleIds);
    const none = prepareSentinelIncident(sentinelIncident('3', { additionalData: null }), intern);
    expect(none.properties.additionalData).toBeNull();
  });
});
