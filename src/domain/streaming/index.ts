/**
 * Streaming throughput: pure logic for screen `4`, `mde-console stream` and the health check.
 *
 *   const rates = ratesFromMetrics(metricsResponses, { now, windowMinutes, freshness });
 *   const report = buildStreamReport({ now, rates, gapMinutes, namespace: { throughputUnits, tier, hubCount }, usageRows, cost });
 *   formatStreamReport(report, 'json');   streamingHealthFindings(report);   sparkline(values, 30, { symbols: 'blocks' });
 */
export * from './tables.js';
export { extractMetricSeries, incrementsFromCumulative, sumSeries, MINUTE_MS, type MinuteValues, type ExtractedMetrics } from './minuteSeries.js';
export * from './ratesFromMetrics.js';
export * from './detectGaps.js';
export * from './capacityFindings.js';
export * from './ingestionCost.js';
export * from './sparkline.js';
export * from './streamReport.js';
export * from './formatStreamReport.js';
