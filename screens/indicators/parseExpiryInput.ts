/** What the operator types for "set expiry": YYYY-MM-DD (end of that day, UTC), an ISO time, or "never" (null). undefined = not understood. */
export function parseExpiryInput(text: string): string | null | undefined {
  const t = text.trim();
  if (t.toLowerCase() === 'never') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T23:59:59Z`);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const ms = Date.parse(t);
  return /^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(ms) ? new Date(ms).toISOString() : undefined;
}
