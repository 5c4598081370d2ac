/**
 * The simulated clock: starts at `startTime`, runs at `speed`× real time, and can jump forward
 * (`advance`). Reading it never goes backwards, so lazy evolution only ever moves forward.
 */
export interface SimClock {
  now(): Date;
  nowMs(): number;
  advance(minutes: number): void;
}

export function createClock(startTime: Date, speed: number, realNow: () => number = Date.now): SimClock {
  const realStart = realNow();
  const simStart = startTime.getTime();
  let jumpedMs = 0;
  const nowMs = (): number => simStart + jumpedMs + Math.max(0, realNow() - realStart) * speed;
  return {
    nowMs,
    now: () => new Date(nowMs()),
    advance: (minutes) => {
      if (!(minutes >= 0)) throw new Error(`advanceClock needs a non-negative number of minutes, got ${minutes}`);
      jumpedMs += minutes * 60_000;
    },
  };
}

/** MDE and Graph print 7 fractional digits ("2018-10-24T11:15:35.3688259Z"). */
export function iso7(ms: number): string {
  const d = new Date(ms);
  const base = d.toISOString().slice(0, 19);
  // Sub-millisecond digits are derived from the timestamp so they are stable per value.
  const frac = String(d.getUTCMilliseconds()).padStart(3, '0') + String(Math.abs(ms * 7919) % 10000).padStart(4, '0');
  return `${base}.${frac}Z`;
}

/** ARM and Log Analytics print plain ISO with milliseconds or seconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
