/**
 * Duplicates and conflicts.
 *
 * Duplicate: the same type and value (normalised: case-insensitive, per-type canonical form)
 * more than once — each copy counts against the 15,000 limit ("Defender for Endpoint allows
 * users to create duplicate indicators which may pose a problem due to the indicator limit",
 * domain-notes §3.1). Conflict: the same value and the same scope with different actions; for
 * URL/IP the portal then applies Allow > Warn > Block (indicator-ip-domain.md), which is rarely
 * what the second author meant.
 */
import type { Indicator } from '../types.js';
import { normaliseValue } from './indicatorValues.js';

export const DUPLICATE_FLAG = 1;
export const CONFLICT_FLAG = 2;

export interface DuplicateGroup {
  /** type + normalised value. */
  key: string;
  indicatorType: string;
  /** The normalised value. */
  value: string;
  /** Row positions (in the input order). */
  rows: number[];
  ids: string[];
  /** Scope keys (sorted, lower-cased group names; "" = all devices) on which different actions meet. */
  conflictScopes: string[];
}

export interface DuplicateReport {
  /** Per row: DUPLICATE_FLAG | CONFLICT_FLAG bits. */
  flags: Uint8Array;
  /** Per row: index into `groups`, or -1. */
  groupOf: Int32Array;
  /** Only values seen more than once. */
  groups: DuplicateGroup[];
}

/** Canonical scope key: sorted lower-cased group names joined by a newline; "" = all devices. */
export function scopeKey(rbacGroupNames: readonly string[]): string {
  return rbacGroupNames.length === 0 ? '' : rbacGroupNames.map((g) => g.toLowerCase()).sort().join('\n');
}

export function duplicateKey(ind: Pick<Indicator, 'indicatorType' | 'indicatorValue'>): string {
  return `${ind.indicatorType}\u0000${normaliseValue(ind.indicatorType, ind.indicatorValue)}`;
}

export function findDuplicates(indicators: readonly Indicator[]): DuplicateReport {
  const n = indicators.length;
  const flags = new Uint8Array(n);
  const groupOf = new Int32Array(n).fill(-1);
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = duplicateKey(indicators[i]!);
    const rows = byKey.get(key);
    if (rows) rows.push(i);
    else byKey.set(key, [i]);
  }
  const groups: DuplicateGroup[] = [];
  for (const [key, rows] of byKey) {
    if (rows.length < 2) continue;
    const first = indicators[rows[0]!]!;
    const actionsByScope = new Map<string, Set<string>>();
    for (const r of rows) {
      const ind = indicators[r]!;
      const s = scopeKey(ind.rbacGroupNames);
      const set = actionsByScope.get(s) ?? new Set<string>();
      set.add(ind.action);
      actionsByScope.set(s, set);
    }
    const conflictScopes = [...actionsByScope].filter(([, actions]) => actions.size > 1).map(([s]) => s);
    const g = groups.length;
    for (const r of rows) {
      flags[r] = DUPLICATE_FLAG | (conflictScopes.includes(scopeKey(indicators[r]!.rbacGroupNames)) ? CONFLICT_FLAG : 0);
      groupOf[r] = g;
    }
    groups.push({
      key,
      indicatorType: first.indicatorType,
      value: normaliseValue(first.indicatorType, first.indicatorValue),
      rows,
      ids: rows.map((r) => indicators[r]!.id),
      conflictScopes,
    });
  }
  return { flags, groupOf, groups };
}
