/**
 * The time the AGE column is drawn at, re-read only when one of the shown ages would change its
 * text (formatAgeCoarse: 5-minute steps, hours, days). Ages stay honest without a fixed tick:
 * an idle screen redraws a row only when its age text changes.
 */
import { useEffect, useState } from 'react';
import { msUntilAgeTextChanges } from '../../src/stores/health/index.js';

/** A hair past the boundary, so the redraw sees the new text rather than the old one. */
const MARGIN_MS = 50;

export function useAgeClock(times: readonly (number | undefined)[]): number {
  const [now, setNow] = useState(() => Date.now());
  // One string key: a new array with the same times must not restart the timer.
  const key = [...new Set(times.filter((t): t is number => t !== undefined))].sort((a, b) => a - b).join(',');
  useEffect(() => {
    if (key === '') return undefined;
    const at = Date.now();
    const delay = Math.min(...key.split(',').map((t) => msUntilAgeTextChanges(at - Number(t))));
    const timer = setTimeout(() => setNow(Date.now()), delay + MARGIN_MS);
    // A ticking clock alone must not keep a quitting console alive.
    timer.unref?.();
    return () => clearTimeout(timer);
  }, [key, now]);
  // Between ticks no shown text crosses a boundary, so the last tick's time draws the same texts as
  // the current time would; a newer data time than `now` reads as "<5m ago" (ages clamp at 0).
  return now;
}
