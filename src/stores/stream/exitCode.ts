/**
 * Exit code of `mde-console stream`, the `check` convention (monitoring plugins):
 * 0 no findings; 1 only warnings (ingress ≥ 80 % of capacity, unknown tier, a metric that failed to
 * load); 2 a failure (a gap, ingress over capacity, throttled requests, more hubs than the tier allows);
 * 3 could not run completely (a source failed, or nothing is configured to read).
 * A failure found in what was read outranks 3: a gap is worth more to an operator than "incomplete".
 */
import { streamingHealthFindings, type StreamReport } from '../../domain/streaming/index.js';

export type StreamExitCode = 0 | 1 | 2 | 3;

export function streamExitCode(report: StreamReport | null, sourcesFailed: boolean): StreamExitCode {
  if (report === null) return 3;
  const findings = streamingHealthFindings(report);
  if (findings.some((f) => f.severity === 'fail')) return 2;
  if (sourcesFailed) return 3;
  if (findings.some((f) => f.severity === 'warn')) return 1;
  return 0;
}
