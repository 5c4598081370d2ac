import type { Metric, MetricPoint, MetricsResponse } from '../../../../src/domain/types.js';

export const HUB = (table: string): string => `insights-logs-advancedhunting-${table.toLowerCase()}`;

/** One metric split by entityname: hub → points. `null` total = a bucket whose aggregation key is absent. */
export function metric(name: string, perHub: Record<string, [string, number | null][]>, unit = 'Count'): Metric {
  return {
    name: { value: name, localizedValue: name },
    unit,
    errorCode: 'Success',
    timeseries: Object.entries(perHub).map(([hub, points]) => ({
      metadatavalues: hub === '' ? [] : [{ name: { value: 'entityname', localizedValue: 'entityname' }, value: hub }],
      data: points.map(([timeStamp, total]): MetricPoint => (total === null ? { timeStamp } : { timeStamp, total })),
    })),
  };
}

export function response(...value: Metric[]): MetricsResponse {
  return { cost: 0, timespan: '2025-01-01T09:00:00Z/2025-01-01T10:06:00Z', interval: 'PT1M', namespace: 'microsoft.eventhub/namespaces', value };
}

/** [ISO minute, value] pairs for consecutive minutes starting at `start`. */
export function minutes(start: string, values: (number | null)[]): [string, number | null][] {
  const t0 = Date.parse(start);
  return values.map((v, i) => [new Date(t0 + i * 60_000).toISOString(), v]);
}
