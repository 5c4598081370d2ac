import { describe, expect, it } from 'vitest';
import { isDrifted, planStatusAlignment } from '../../../../src/domain/sync/index.js';
import { NOW, ago, defenderIncident, sentinelIncident, matchPrepared } from './fixtures.js';

const drifted = (d: Parameters<typeof defenderIncident>[1], s: Parameters<typeof sentinelIncident>[1]) =>
  matchPrepared([defenderIncident('1', d)], [sentinelIncident('1', s)], { now: NOW }).entries.filter(isDrifted);

describe('planStatusAlignment', () => {
  it('closes the Sentinel copy with the mapped classification, keeping its writable fields and etag', () => {
    const entries = drifted(
      { status: 'resolved', classification: 'informationalExpectedActivity', lastUpdateDateTime: ago(30) },
      { status: 'Active', description: 'desc', owner: { userPrincipalName: null }, labels: [{ labelName: 'vip' }], firstActivityTimeUtc: ago(70) },
    );
    const plan = planStatusAlignment(entries);
    expect(plan.skipped).toEqual([]);
    expect(plan.puts).toHaveLength(1);
    const put = plan.puts[0]!;
    const copy = entries[0]!.sentinel.incident;
    expect(put.path).toBe(`${copy.id}?api-version=2025-09-01`);
    expect(put.body).toEqual({
      etag: copy.etag,
      properties: {
        title: copy.properties.title,
        severity: 'High',
        status: 'Closed',
        description: 'desc',
        owner: { userPrincipalName: null },
        labels: [{ labelName: 'vip' }],
        firstActivityTimeUtc: ago(70),
        classification: 'BenignPositive',
        classificationReason: 'SuspiciousButExpected',
        classificationComment: 'Closed to match Defender incident 1 (resolved) by mde-console',
      },
    });
    expect(put.change).toEqual({ from: 'Active', to: 'Closed', classification: 'BenignPositive' });
  });

  it('closes as Undetermined without a reason when Defender has no classification', () => {
    const plan = planStatusAlignment(drifted({ status: 'redirected', classification: null }, { status: 'New' }));
    expect(plan.puts[0]!.body.properties).toMatchObject({ status: 'Closed', classification: 'Undetermined' });
    expect(plan.puts[0]!.body.properties.classificationReason).toBeUndefined();
  });

  it('reopens a copy closed in Sentinel while open in Defender, without classification fields', () => {
    const plan = planStatusAlignment(drifted({ status: 'inProgress' }, { status: 'Closed', classification: 'FalsePositive', classificationReason: 'InaccurateData' }));
    const props = plan.puts[0]!.body.properties;
    expect(props.status).toBe('Active');
    expect(['classification', 'classificationReason', 'classificationComment'].filter((k) => k in props)).toEqual([]);
  });

  it('skips drift that is not about status', () => {
    const plan = planStatusAlignment(drifted({ severity: 'low' }, { severity: 'High' }));
    expect(plan.puts).toEqual([]);
    expect(plan.skipped).toEqual([{ defenderId: '1', reason: 'status already matches; only severity differ' }]);
  });
});
