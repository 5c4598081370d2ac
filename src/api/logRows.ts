/**
 * Rows of Log Analytics query results (api-contracts §d) as plain objects. No zod and no HTTP
 * stack here: the screens' stores import this on the console's start-up path.
 */
import type { LogAnalyticsResult, LogAnalyticsTable } from '../domain/types.js';
import { parseJsonSanitized } from './sanitize.js';

export type LogCell = string | number | boolean | null | unknown;

/**
 * Rows of a result table as objects keyed by column name, with cells converted by column type:
 * long/int/real/decimal → number, bool → boolean, dynamic → parsed JSON, everything else as sent.
 * The spec example sends numbers and booleans as strings ("1", "true"); the live service sends
 * JSON numbers/booleans; both are accepted. Values that do not convert are kept as received.
 */
export function tableRows<T extends Record<string, unknown> = Record<string, unknown>>(table: LogAnalyticsTable): T[] {
  const converters = table.columns.map((c) => converterFor(c.type));
  const names = table.columns.map((c) => c.name);
  const out: T[] = new Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r] as unknown[];
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) obj[names[i] as string] = (converters[i] as (v: unknown) => unknown)(row[i]);
    out[r] = obj as T;
  }
  return out;
}

/** Rows of the first table ("PrimaryResult"), or [] when there is none. */
export function primaryRows<T extends Record<string, unknown> = Record<string, unknown>>(result: LogAnalyticsResult): T[] {
  const t = result.tables[0];
  return t ? tableRows<T>(t) : [];
}

function converterFor(type: string): (v: unknown) => unknown {
  switch (type.toLowerCase()) {
    case 'long':
    case 'int':
    case 'real':
    case 'decimal':
      return (v) => {
        if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
        return v ?? null;
      };
    case 'bool':
    case 'boolean':
      return (v) => {
        if (typeof v === 'string') {
          const s = v.toLowerCase();
          if (s === 'true' || s === '1') return true;
          if (s === 'false' || s === '0') return false;
        }
        if (typeof v === 'number') return v !== 0;
        return v ?? null;
      };
    case 'dynamic':
      return (v) => {
        if (typeof v !== 'string') return v ?? null;
        try {
          // JSON escapes (\u001b) become real control characters when parsed: sanitise again.
          return parseJsonSanitized(v);
        } catch {
          return v;
        }
      };
    default:
      return (v) => v ?? null;
  }
}
