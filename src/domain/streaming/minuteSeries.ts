/**
 * Per-minute series extracted from Azure Monitor metrics responses.
 *
 * Event Hubs namespace metrics are PT1M buckets of the `Total` aggregation, split by the `entityname`
 * dimension (api-contracts §e). "Missing data points omit the aggregation key": a bucket without `total`
 * is *no data*, which is not the same as 0 and is kept as null. Per-metric failures arrive inside a 200
 * (`errorCode` other than "Success") and are reported, not silently treated as empty.
 */
import type { MetricsResponse } from '../types.js';

export const MINUTE_MS = 60_000;

/** Minute start (epoch ms) → value; null = the bucket exists but has no data. */
export type MinuteValues = Map<number, number | null>;

export interface ExtractedMetrics {
  /** metric name → entity (hub name, lower-case; '' = no entity dimension) → values. */
  byMetric: Map<string, Map<string, MinuteValues>>;
  errors: { metric: string; code: string; message: string | null }[];
}

const floorMinute = (t: number): number => Math.floor(t / MINUTE_MS) * MINUTE_MS;

export function extractMetricSeries(responses: readonly MetricsResponse[]): ExtractedMetrics {
  const byMetric = new Map<string, Map<string, MinuteValues>>();
  const errors: ExtractedMetrics['errors'] = [];
  for (const response of responses) {
    for (const metric of response.value) {
      const name = metric.name.value;
      if (metric.errorCode && metric.errorCode !== 'Success') {
        errors.push({ metric: name, code: metric.errorCode, message: metric.errorMessage ?? null });
        continue;
      }
      let entities = byMetric.get(name);
      if (!entities) byMetric.set(name, (entities = new Map()));
      for (const ts of metric.timeseries) {
        // Dimension casing in metadatavalues is unverified (api-contracts "Gaps"): match case-insensitively.
        const dim = ts.metadatavalues.find((m) => m.name.value.toLowerCase() === 'entityname');
        const entity = (dim?.value ?? '').toLowerCase();
        let values = entities.get(entity);
        if (!values) entities.set(entity, (values = new Map()));
        for (const point of ts.data) {
          const t = Date.parse(point.timeStamp);
          if (Number.isNaN(t)) continue;
          const minute = floorMinute(t);
          const v = typeof point.total === 'number' && Number.isFinite(point.total) ? point.total : null;
          // Overlapping responses (incremental refresh): a value beats "no data" for the same minute.
          if (v !== null || !values.has(minute)) values.set(minute, v);
        }
      }
    }
  }
  return { byMetric, errors };
}

/**
 * Per-minute increments from a cumulative counter (a running total sampled per minute). A decrease means
 * the counter restarted from zero: that minute's increment is the new reading (a lower bound), and the
 * reset is counted. The first reading has no baseline, so its minute is null. Missing readings stay null
 * and do not break the chain (the next reading is compared with the last known one).
 */
export function incrementsFromCumulative(values: MinuteValues): { values: MinuteValues; resets: number } {
  const out: MinuteValues = new Map();
  let resets = 0;
  let previous: number | null = null;
  for (const minute of [...values.keys()].sort((a, b) => a - b)) {
    const v = values.get(minute) ?? null;
    if (v === null) {
      out.set(minute, null);
      continue;
    }
    if (previous === null) out.set(minute, null);
    else if (v < previous) {
      resets++;
      out.set(minute, v);
    } else out.set(minute, v - previous);
    previous = v;
  }
  return { values: out, resets };
}

/** Sum of several series per minute; null only when every contributor is null or absent. */
export function sumSeries(series: Iterable<MinuteValues>): MinuteValues {
  const out: MinuteValues = new Map();
  for (const s of series) {
    for (const [minute, v] of s) {
      const prev = out.get(minute) ?? null;
      out.set(minute, v === null ? prev : (prev ?? 0) + v);
    }
  }
  return out;
}
