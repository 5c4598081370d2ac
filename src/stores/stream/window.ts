/**
 * The `--window` of `mde-console stream`: how many minutes of per-minute history to report.
 *
 * Event Hubs metrics are PT1M buckets; one request at PT1M is kept to a day (1,440 points per series)
 * so the answer stays small and within Azure Monitor's per-request point limits.
 */
export const DEFAULT_WINDOW_MINUTES = 60;
export const MAX_WINDOW_MINUTES = 24 * 60;

export type WindowParse = { ok: true; minutes: number } | { ok: false; message: string };

/** "15m", "90m", "1h", "2h30m", "1d" or a bare number of minutes. */
export function parseWindow(raw: string | undefined): WindowParse {
  if (raw === undefined) return { ok: true, minutes: DEFAULT_WINDOW_MINUTES };
  const text = raw.trim().toLowerCase();
  let minutes: number;
  if (/^\d+$/.test(text)) minutes = Number(text);
  else {
    const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
    if (!m || text === '') return { ok: false, message: `--window must be a duration such as 15m, 1h or 2h30m (got "${raw}")` };
    minutes = Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  }
  if (!(minutes >= 1 && minutes <= MAX_WINDOW_MINUTES)) {
    return { ok: false, message: `--window must be between 1m and ${MAX_WINDOW_MINUTES / 60}h (got "${raw}")` };
  }
  return { ok: true, minutes };
}
