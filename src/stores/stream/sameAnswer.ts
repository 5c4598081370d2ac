/**
 * "Did this poll bring anything new?" per Streaming source. A poll whose answer equals the previous one
 * keeps the previous object, so the resource store's data keeps its reference and nothing downstream
 * (the composed view, the screen) recomputes or redraws: an idle tenant costs no frames (issue 9: ≤ 4 KB
 * of terminal output per idle minute).
 *
 * Pure; answers are small (an hour of PT1M points for ≤ 10 hubs × 6 metrics, ~25 tables of counts), so a
 * JSON comparison every poll is cheap next to the request itself.
 */
import type { HubMetrics } from './sources.js';

export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const minuteOf = (iso: string): number => Math.floor(Date.parse(iso) / 60_000);

/**
 * Azure Monitor answers "the last hour ending now", so every answer has a new `timespan` end (its clock,
 * `serverNow`) even when no figure changed. The figures are per minute (PT1M): within one service minute,
 * the same values mean the same rates, window and gaps. A new minute is new data even with equal values
 * (the window moved on), so it is never taken for the same answer.
 */
export function sameHubMetrics(a: HubMetrics, b: HubMetrics): boolean {
  if (a === b) return true;
  if (minuteOf(a.serverNow) !== minuteOf(b.serverNow) || a.responses.length !== b.responses.length) return false;
  return a.responses.every((r, i) => sameJson(r.value, b.responses[i]!.value));
}
