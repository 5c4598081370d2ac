/**
 * Validation of import rows before anything is sent: every bad row is reported with its file
 * line and the reason, and nothing is written while any row is invalid (issue 5).
 *
 * Rules and sources: value syntax per type and "external single IPs only" (indicatorValues.ts);
 * actions per type, legacy Alert/AlertAndBlock rejected (indicators-overview.md); Audit needs
 * generateAlert true (api-contracts §a); title and description required (post-ti-indicator);
 * ExpirationTime in the future (an expired indicator is deleted by the service); device groups
 * must be known — the API has no device-group list (domain-notes §0.10), so "known" means the
 * names the caller collected (e.g. from machines' rbacGroupName); pass no `knownGroups` to skip.
 */
import type { IndicatorSeverity, IndicatorType } from '../types.js';
import { duplicateKey } from './duplicates.js';
import { actionProblem, isIndicatorType, LEGACY_ACTIONS, SEVERITIES, valueProblem, type WritableAction } from './indicatorValues.js';

const WRITABLE_ACTIONS: readonly string[] = ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'];
import { splitList, type ImportError, type IndicatorCsvRow } from './indicatorCsv.js';

/** A row that passed validation, typed and ready for toSubmitBody. */
export interface ParsedRow {
  line: number;
  indicatorType: IndicatorType;
  indicatorValue: string;
  /** As written in the file (ISO 8601); null = never expires. */
  expirationTime: string | null;
  action: WritableAction;
  severity: IndicatorSeverity | null;
  title: string;
  description: string;
  recommendedActions: string | null;
  /** Empty = all devices. Spelled as in `knownGroups` when given. */
  rbacGroupNames: string[];
  category: string | null;
  mitreTechniques: string[];
  generateAlert: boolean | null;
  application: string | null;
  educateUrl: string | null;
}

export interface ValidateOptions {
  now: Date;
  /** Device-group names the tenant is known to have (case-insensitive). Omit to skip the check. */
  knownGroups?: Iterable<string>;
}

export interface ImportValidation {
  valid: ParsedRow[];
  errors: ImportError[];
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const MITRE = /^T\d{4}(\.\d{3})?$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

function nullIfEmpty(s: string): string | null {
  const t = s.trim();
  return t === '' ? null : t;
}

export function validateIndicatorRows(rows: readonly IndicatorCsvRow[], options: ValidateOptions): ImportValidation {
  const nowMs = options.now.getTime();
  const known = options.knownGroups ? new Map([...options.knownGroups].map((g) => [g.toLowerCase(), g])) : null;
  const firstLineOfKey = new Map<string, number>();
  const valid: ParsedRow[] = [];
  const errors: ImportError[] = [];

  for (const row of rows) {
    const rowErrors: ImportError[] = [];
    const fail = (field: string, reason: string) => rowErrors.push({ line: row.line, field, reason });

    const type = row.IndicatorType.trim();
    const value = row.IndicatorValue;
    if (type === '') fail('IndicatorType', 'IndicatorType is empty');
    else if (!isIndicatorType(type)) fail('IndicatorType', `unknown IndicatorType "${type}" (expected FileSha1, FileSha256, FileMd5, CertificateThumbprint, IpAddress, DomainName or Url)`);
    else {
      const vp = valueProblem(type, value);
      if (vp) fail('IndicatorValue', vp);
    }

    const action = row.Action.trim();
    if (action === '') fail('Action', 'Action is empty');
    else if (LEGACY_ACTIONS[action]) fail('Action', actionProblem('FileSha1', action)!);
    else if (!WRITABLE_ACTIONS.includes(action)) fail('Action', `unknown Action "${action}" (expected ${WRITABLE_ACTIONS.join(', ')})`);
    else if (isIndicatorType(type)) {
      const ap = actionProblem(type, action);
      if (ap) fail('Action', ap);
    }

    const generateAlertText = row.GenerateAlert.trim().toLowerCase();
    let generateAlert: boolean | null = null;
    if (generateAlertText === 'true') generateAlert = true;
    else if (generateAlertText === 'false') generateAlert = false;
    else if (generateAlertText !== '') fail('GenerateAlert', `GenerateAlert must be True or False, got "${row.GenerateAlert}"`);
    if (action === 'Audit' && generateAlert !== true) fail('GenerateAlert', 'Audit needs GenerateAlert True (an Audit indicator exists to raise alerts)');

    const expiry = nullIfEmpty(row.ExpirationTime);
    if (expiry !== null) {
      const at = Date.parse(expiry);
      if (!ISO_TIME.test(expiry) || Number.isNaN(at)) fail('ExpirationTime', `ExpirationTime "${expiry}" is not a UTC time like 2026-01-31T00:00:00.0Z`);
      else if (at <= nowMs) fail('ExpirationTime', `ExpirationTime ${expiry} is not in the future`);
    }

    const severity = nullIfEmpty(row.Severity);
    if (severity !== null && !(SEVERITIES as readonly string[]).includes(severity)) {
      fail('Severity', `Severity must be one of ${SEVERITIES.join(', ')}, got "${severity}"`);
    }
    if (row.Title.trim() === '') fail('Title', 'Title is required');
    if (row.Description.trim() === '') fail('Description', 'Description is required');

    const groups = splitList(row.RbacGroups);
    const spelled: string[] = [];
    for (const g of groups) {
      const k = known?.get(g.toLowerCase());
      if (known && k === undefined) {
        fail('RbacGroups', `unknown device group "${g}" (known: ${[...known.values()].join(', ') || 'none'})`);
      } else spelled.push(k ?? g);
    }

    const category = nullIfEmpty(row.Category);
    if (category !== null && !PASCAL.test(category)) fail('Category', `Category "${category}" must be a PascalCase name from the portal's list (e.g. SuspiciousActivity)`);
    const mitre = splitList(row.MitreTechniques);
    const badMitre = mitre.filter((t) => !MITRE.test(t));
    if (badMitre.length > 0) fail('MitreTechniques', `not MITRE technique ids: ${badMitre.join(', ')} (expected e.g. T1046 or T1566.001)`);

    if (isIndicatorType(type) && value.trim() !== '') {
      // The API upserts by type + value, so a second row for the same indicator silently replaces the first.
      const key = duplicateKey({ indicatorType: type, indicatorValue: value });
      const first = firstLineOfKey.get(key);
      if (first !== undefined) fail('IndicatorValue', `same ${type} value as line ${first}; the API keeps only one indicator per type and value`);
      else firstLineOfKey.set(key, row.line);
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    valid.push({
      line: row.line,
      indicatorType: type as IndicatorType,
      indicatorValue: value,
      expirationTime: expiry,
      action: action as WritableAction,
      severity: severity as IndicatorSeverity | null,
      title: row.Title,
      description: row.Description,
      recommendedActions: nullIfEmpty(row.RecommendedActions) === null ? null : row.RecommendedActions,
      rbacGroupNames: spelled,
      category,
      mitreTechniques: mitre,
      generateAlert,
      application: nullIfEmpty(row.Application) === null ? null : row.Application,
      educateUrl: nullIfEmpty(row.EducateUrl),
    });
  }
  return { valid, errors };
}
