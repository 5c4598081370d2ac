/** `--since DURATION` of `mde-console sync`: a whole number and a unit — `30m`, `24h`, `7d`. */

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseDuration(text: string): { ms: number } | { error: string } {
  const m = /^\s*(\d+)\s*([mhd])\s*$/i.exec(text);
  if (!m) return { error: `--since "${text}" is not a duration: use a whole number and m, h or d (e.g. 30m, 24h, 7d)` };
  const n = Number(m[1]);
  if (n <= 0) return { error: `--since "${text}" must be longer than zero (e.g. 30m, 24h, 7d)` };
  return { ms: n * UNIT_MS[m[2]!.toLowerCase() as keyof typeof UNIT_MS] };
}
