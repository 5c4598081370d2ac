/**
 * The current time, re-read every `intervalMs`, for components that show an age ("2m ago").
 * Ages must not freeze between polls, and a slow tick costs little: Ink's incremental rendering
 * rewrites only the lines whose age text changed. Keep the interval coarse (≥ 15 s); an idle
 * console should stay idle.
 */
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    // A ticking clock alone must not keep a quitting console alive.
    timer.unref?.();
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
