/** Small formatting helpers for evidence values (plain text, no colour). */

/** "3 min", "2 h 5 min", "4 d 3 h": coarse on purpose, an operator reads it at a glance. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  const restH = hours % 24;
  return restH === 0 ? `${days} d` : `${days} d ${restH} h`;
}

/** "2025-01-01T10:00:00.000Z (3 h ago)"; a time in the future (clock skew) reads "in the future". */
export function timeWithAge(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const delta = now.getTime() - t;
  const age = delta < 0 ? 'in the future' : `${formatDuration(delta)} ago`;
  return `${new Date(t).toISOString()} (${age})`;
}

/** First `max` items joined, with "+N more" so a line stays one line. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} +${items.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
