/**
 * The portal's CSV import format, read and written.
 *
 * Header (the portal's sample file, domain-notes §1 "CSV import format"):
 *   IndicatorType,IndicatorValue,ExpirationTime,Action,Severity,Title,Description,
 *   RecommendedActions,RbacGroups,Category,MitreTechniques,GenerateAlert
 * Columns are located by header name (case-insensitive; `rbacGroupNames`, the name the docs once
 * used, is read as RbacGroups), so any order works.
 *
 * Several device groups (and MITRE techniques) go in ONE field, separated by commas and therefore
 * quoted: "Finance,Servers-Tier0". That is what the parameter table of indicator-manage.md says
 * ("rbacGroupNames — Comma-separated list of RBAC group names"; "mitretechniques … (comma
 * separated)") and what the portal's sample row shows ("GroupName1,GroupName2,GroupName3").
 * Consequence: a group name containing a comma cannot be written; formatting refuses it.
 *
 * Backups: the portal format has no column for `application` or `educateUrl`. A backup that must
 * restore completely is written with `columns: 'backup'`, which appends `Application,EducateUrl`;
 * our reader understands them, the portal's importer is not known to.
 * Legacy actions are written under their current names (Alert → Audit with GenerateAlert True,
 * AlertAndBlock → BlockAndRemediate; indicators-overview.md), since new writes reject the old ones.
 * The wire's numeric `category` has no documented mapping to the portal's PascalCase names, so it
 * is left empty.
 */
import type { Indicator } from '../types.js';
import { formatCsv, parseCsv } from './csv.js';
import { LEGACY_ACTIONS } from './indicatorValues.js';

export const PORTAL_CSV_COLUMNS = [
  'IndicatorType',
  'IndicatorValue',
  'ExpirationTime',
  'Action',
  'Severity',
  'Title',
  'Description',
  'RecommendedActions',
  'RbacGroups',
  'Category',
  'MitreTechniques',
  'GenerateAlert',
] as const;

export const BACKUP_EXTRA_COLUMNS = ['Application', 'EducateUrl'] as const;

export type CsvColumn = (typeof PORTAL_CSV_COLUMNS)[number] | (typeof BACKUP_EXTRA_COLUMNS)[number];

const ALL_COLUMNS: readonly CsvColumn[] = [...PORTAL_CSV_COLUMNS, ...BACKUP_EXTRA_COLUMNS];
const REQUIRED_COLUMNS: readonly CsvColumn[] = ['IndicatorType', 'IndicatorValue', 'Action', 'Title', 'Description'];
const HEADER_ALIASES: Readonly<Record<string, CsvColumn>> = { rbacgroupnames: 'RbacGroups' };

/** One data row as text, before validation. Absent columns read as "". */
export type IndicatorCsvRow = { line: number } & Record<CsvColumn, string>;

export interface ImportError {
  /** 1-based line in the file, header included (line 1). */
  line: number;
  field?: string;
  reason: string;
}

export interface IndicatorCsvParse {
  rows: IndicatorCsvRow[];
  /** File-level problems (syntax, header, field counts); rows with these are not in `rows`. */
  errors: ImportError[];
  /** Columns the reader does not know and ignored. */
  ignoredColumns: string[];
}

/** Splits a multi-valued field ("a, b,c") into trimmed, non-empty values. */
export function splitList(field: string): string[] {
  return field
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseIndicatorCsv(text: string): IndicatorCsvParse {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { rows: [], errors: [{ line: parsed.line, reason: `CSV syntax: ${parsed.reason}` }], ignoredColumns: [] };
  const [header, ...data] = parsed.records;
  if (!header) return { rows: [], errors: [{ line: 1, reason: 'file is empty; expected the header ' + PORTAL_CSV_COLUMNS.join(',') }], ignoredColumns: [] };

  const positions = new Map<CsvColumn, number>();
  const ignoredColumns: string[] = [];
  const errors: ImportError[] = [];
  header.fields.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    const column = HEADER_ALIASES[key] ?? ALL_COLUMNS.find((c) => c.toLowerCase() === key);
    if (!column) ignoredColumns.push(name);
    else if (positions.has(column)) errors.push({ line: header.line, field: column, reason: `column ${column} appears twice in the header` });
    else positions.set(column, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    errors.push({ line: header.line, reason: `header lacks ${missing.join(', ')}; expected ${PORTAL_CSV_COLUMNS.join(',')}` });
  }
  if (errors.length > 0) return { rows: [], errors, ignoredColumns };

  const rows: IndicatorCsvRow[] = [];
  for (const rec of data) {
    if (rec.fields.length !== header.fields.length) {
      errors.push({ line: rec.line, reason: `row has ${rec.fields.length} fields, the header has ${header.fields.length}; quote fields that contain commas` });
      continue;
    }
    const row = { line: rec.line } as IndicatorCsvRow;
    for (const c of ALL_COLUMNS) {
      const p = positions.get(c);
      row[c] = p === undefined ? '' : rec.fields[p]!;
    }
    rows.push(row);
  }
  return { rows, errors, ignoredColumns };
}

export interface FormatCsvOptions {
  /** 'portal' (default): the 12 portal columns. 'backup': plus Application and EducateUrl, for complete restores. */
  columns?: 'portal' | 'backup';
}

/** The CSV fields of one indicator (see the module comment for the legacy-action and category rules). */
export function indicatorToCsvRow(ind: Indicator): Record<CsvColumn, string> {
  const legacy = LEGACY_ACTIONS[ind.action];
  const generateAlert = legacy === 'Audit' ? true : ind.generateAlert;
  for (const g of ind.rbacGroupNames) {
    if (g.includes(',')) {
      throw new Error(`device group "${g}" of indicator ${ind.id} contains a comma, which the portal CSV format cannot represent; export it as JSON instead`);
    }
  }
  return {
    IndicatorType: ind.indicatorType,
    IndicatorValue: ind.indicatorValue,
    ExpirationTime: ind.expirationTime ?? '',
    Action: legacy ?? ind.action,
    Severity: ind.severity ?? '',
    Title: ind.title,
    Description: ind.description ?? '',
    RecommendedActions: ind.recommendedActions ?? '',
    RbacGroups: ind.rbacGroupNames.join(','),
    Category: '',
    MitreTechniques: (ind.mitreTechniques ?? []).join(','),
    GenerateAlert: generateAlert === null || generateAlert === undefined ? '' : generateAlert ? 'True' : 'False',
    Application: ind.application ?? '',
    EducateUrl: ind.educateUrl ?? '',
  };
}

/** Indicators → CSV text in the portal's import format (CRLF, RFC 4180 quoting). Throws on a group name with a comma. */
export function formatIndicatorCsv(indicators: readonly Indicator[], options: FormatCsvOptions = {}): string {
  return formatIndicatorCsvRows(indicators.map(indicatorToCsvRow), options);
}

/** Rows (e.g. from parseIndicatorCsv) → CSV text with the same column set rules. */
export function formatIndicatorCsvRows(rows: readonly Record<CsvColumn, string>[], options: FormatCsvOptions = {}): string {
  const columns: readonly CsvColumn[] = options.columns === 'backup' ? ALL_COLUMNS : PORTAL_CSV_COLUMNS;
  return formatCsv([columns, ...rows.map((r) => columns.map((c) => r[c]))]);
}
