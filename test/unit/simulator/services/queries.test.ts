import { describe, expect, it } from 'vitest';
import { matchQuery, sentinelIncidentsQuery, networkProtectionContext, networkProtectionEventsQuery, networkProtectionFromContext, networkProtectionQuery, tableFreshnessQuery, tableRatesQuery, usageByDayQuery } from '../../../../src/api/queries.js';

describe('console KQL builders and matchQuery', () => {
  it('round-trips each builder and its parameters', () => {
    expect(matchQuery(tableFreshnessQuery(['DeviceEvents', 'EmailEvents'], 24))).toEqual({ kind: 'tableFreshness', tables: ['DeviceEvents', 'EmailEvents'], windowHours: 24 });
    expect(matchQuery(usageByDayQuery(30))).toEqual({ kind: 'usageByDay', days: 30 });
    expect(matchQuery(tableRatesQuery(['DeviceProcessEvents'], 60))).toEqual({ kind: 'tableRates', tables: ['DeviceProcessEvents'], windowMinutes: 60 });
    expect(matchQuery(networkProtectionQuery())).toEqual({ kind: 'networkProtection' });
    expect(matchQuery(networkProtectionEventsQuery(14))).toEqual({ kind: 'networkProtectionEvents', days: 14 });
    expect(matchQuery(sentinelIncidentsQuery(7))).toEqual({ kind: "sentinelIncidents", days: 7 });
  });

  it('ignores whitespace differences but not other changes', () => {
    const q = usageByDayQuery(7).replace(/ \| /g, '\n| ');
    expect(matchQuery(q)).toEqual({ kind: 'usageByDay', days: 7 });
    expect(matchQuery(usageByDayQuery(7).replace('sum(Quantity)', 'avg(Quantity)'))).toBeNull();
    expect(matchQuery('SecurityIncident | take 10')).toBeNull();
  });

  it('rejects parameters that would not round-trip', () => {
    expect(() => tableFreshnessQuery(['Device Events'], 1)).toThrow();
    expect(() => usageByDayQuery(1.5)).toThrow();
    expect(() => tableRatesQuery([], 60)).toThrow();
  });

  it('encodes and reads the network protection mode in Context', () => {
    for (const m of ['block', 'audit', 'off'] as const) expect(networkProtectionFromContext(networkProtectionContext(m))).toBe(m);
    expect(networkProtectionFromContext('[["7"]]')).toBe('unknown');
    expect(networkProtectionFromContext('not json')).toBe('unknown');
  });
});
