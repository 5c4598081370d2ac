/**
 * Ingestion cost estimate per table from the Log Analytics `Usage` table.
 *
 * - Usage.Quantity is in MB (api-contracts §d); GB = MB / 1000, as Microsoft's own Usage queries do
 *   (`summarize BillableDataGB = sum(Quantity) / 1000.` in the Azure Monitor cost docs).
 * - SecurityAlert and SecurityIncident from the XDR connector are free (domain-notes §0.9): shown, cost 0.
 *   Rows with IsBillable = false are also counted at 0.
 * - The price per GB comes from the profile (CostSettings); the result is an estimate, never a bill
 *   (commitment tiers, E5 data grants and regional prices are not modelled).
 * - Monthly projection = average billable cost of the complete UTC days in the data × 30.4
 *   (365 / 12 ≈ 30.4 days per month). Today's partial day is shown but excluded from the average.
 */
import { canonicalTableName, isFreeTable } from './tables.js';

/** One Usage row, as the API layer maps it (Usage: DataType, Quantity, IsBillable, StartTime/TimeGenerated). */
export interface UsageRow {
  dataType: string;
  /** MB. */
  quantityMb: number;
  isBillable: boolean;
  /** Any ISO time inside the day the row belongs to (e.g. StartTime or a `bin(…, 1d)` value). */
  time: string;
}

export const DAYS_PER_MONTH = 30.4;
export const PROJECTION_FORMULA = 'average billable cost of complete UTC days × 30.4';

export interface TableCost {
  table: string;
  /** Free table (SecurityAlert/SecurityIncident) or only non-billable rows. */
  free: boolean;
  freeReason: 'freeTable' | 'notBillable' | null;
  totalGb: number;
  billableGb: number;
  totalCost: number;
  /** GB per UTC day, ascending, today's partial day included. */
  gbPerDay: { day: string; gb: number }[];
  /** Averages over the complete days; null when there is no complete day. */
  avgGbPerDay: number | null;
  avgCostPerDay: number | null;
}

export interface IngestionCostReport {
  estimate: true;
  currency: string;
  pricePerGb: number;
  /** Complete UTC days with data, ascending. */
  completeDays: string[];
  /** Today (UTC), when the data includes it. */
  partialDay: string | null;
  /** Billable GB descending, free tables last. */
  tables: TableCost[];
  totalGb: number;
  billableGb: number;
  totalCost: number;
  averageDailyCost: number | null;
  monthlyProjection: { gb: number; cost: number } | null;
  projectionFormula: string;
}

const dayOf = (iso: string): string | null => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
};

export function ingestionCost(rows: readonly UsageRow[], opts: { pricePerGb: number; currency: string; now: Date }): IngestionCostReport {
  const today = opts.now.toISOString().slice(0, 10);
  interface Acc { totalGb: number; billableGb: number; anyBillableRow: boolean; perDay: Map<string, number>; billablePerDay: Map<string, number> }
  const perTable = new Map<string, Acc>();
  const days = new Set<string>();

  for (const r of rows) {
    const day = dayOf(r.time);
    if (day === null || day > today || !Number.isFinite(r.quantityMb)) continue;
    days.add(day);
    const table = canonicalTableName(r.dataType);
    let acc = perTable.get(table);
    if (!acc) {
      acc = { totalGb: 0, billableGb: 0, anyBillableRow: false, perDay: new Map(), billablePerDay: new Map() };
      perTable.set(table, acc);
    }
    const gb = r.quantityMb / 1000;
    acc.totalGb += gb;
    acc.perDay.set(day, (acc.perDay.get(day) ?? 0) + gb);
    if (r.isBillable) acc.anyBillableRow = true;
    if (r.isBillable && !isFreeTable(table)) {
      acc.billableGb += gb;
      acc.billablePerDay.set(day, (acc.billablePerDay.get(day) ?? 0) + gb);
    }
  }

  const completeDays = [...days].filter((d) => d < today).sort();
  const n = completeDays.length;
  const tables: TableCost[] = [];
  let totalGb = 0;
  let billableGb = 0;
  let completeBillableGb = 0;
  for (const [table, acc] of perTable) {
    const freeReason = isFreeTable(table) ? 'freeTable' : !acc.anyBillableRow ? 'notBillable' : null;
    const completeGb = completeDays.reduce((s, d) => s + (acc.perDay.get(d) ?? 0), 0);
    const completeBillable = completeDays.reduce((s, d) => s + (acc.billablePerDay.get(d) ?? 0), 0);
    totalGb += acc.totalGb;
    billableGb += acc.billableGb;
    completeBillableGb += completeBillable;
    tables.push({
      table,
      free: freeReason !== null,
      freeReason,
      totalGb: acc.totalGb,
      billableGb: acc.billableGb,
      totalCost: acc.billableGb * opts.pricePerGb,
      gbPerDay: [...acc.perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, gb]) => ({ day, gb })),
      avgGbPerDay: n ? completeGb / n : null,
      avgCostPerDay: n ? (completeBillable / n) * opts.pricePerGb : null,
    });
  }
  tables.sort((a, b) => Number(a.free) - Number(b.free) || b.billableGb - a.billableGb || a.table.localeCompare(b.table));

  const averageDailyGb = n ? completeBillableGb / n : null;
  return {
    estimate: true,
    currency: opts.currency,
    pricePerGb: opts.pricePerGb,
    completeDays,
    partialDay: days.has(today) ? today : null,
    tables,
    totalGb,
    billableGb,
    totalCost: billableGb * opts.pricePerGb,
    averageDailyCost: averageDailyGb === null ? null : averageDailyGb * opts.pricePerGb,
    monthlyProjection: averageDailyGb === null ? null : { gb: averageDailyGb * DAYS_PER_MONTH, cost: averageDailyGb * DAYS_PER_MONTH * opts.pricePerGb },
    projectionFormula: PROJECTION_FORMULA,
  };
}
