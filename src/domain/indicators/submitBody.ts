/**
 * The body of POST /api/indicators ("Submit or Update Indicator", post-ti-indicator.md).
 * Property names are case-sensitive (common-errors). Only documented properties are sent:
 * required indicatorValue, indicatorType, action, title, description; optional application,
 * expirationTime, severity, recommendedActions, rbacGroupNames, educateUrl, generateAlert.
 * (category and mitreTechniques are not documented for this call and are not sent.)
 */
import type { Indicator, IndicatorSeverity, IndicatorType } from '../types.js';
import type { WritableAction } from './indicatorValues.js';
import type { ParsedRow } from './importValidation.js';

export interface SubmitBody {
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: WritableAction;
  title: string;
  description: string;
  application?: string;
  /** ISO 8601; absent = never expires. */
  expirationTime?: string;
  severity?: IndicatorSeverity;
  recommendedActions?: string;
  /** Always sent; [] = all devices. */
  rbacGroupNames: string[];
  educateUrl?: string;
  generateAlert?: boolean;
}

type BodyFields = Omit<ParsedRow, 'line' | 'category' | 'mitreTechniques'>;

function build(f: BodyFields): SubmitBody {
  const body: SubmitBody = {
    indicatorValue: f.indicatorValue,
    indicatorType: f.indicatorType,
    action: f.action,
    title: f.title,
    description: f.description,
    rbacGroupNames: [...f.rbacGroupNames],
  };
  if (f.application !== null) body.application = f.application;
  if (f.expirationTime !== null) body.expirationTime = f.expirationTime;
  if (f.severity !== null) body.severity = f.severity;
  if (f.recommendedActions !== null) body.recommendedActions = f.recommendedActions;
  if (f.educateUrl !== null) body.educateUrl = f.educateUrl;
  if (f.generateAlert !== null) body.generateAlert = f.generateAlert;
  return body;
}

/** A validated import row → the POST body. */
export function toSubmitBody(row: ParsedRow): SubmitBody {
  return build(row);
}

/**
 * An existing indicator → the full POST body that re-submits it unchanged (the upsert key is
 * type + value), with `action` already mapped to a writable one by the caller.
 */
export function submitBodyFromIndicator(ind: Indicator, action: WritableAction): SubmitBody {
  return build({
    indicatorType: ind.indicatorType as IndicatorType,
    indicatorValue: ind.indicatorValue,
    expirationTime: ind.expirationTime,
    action,
    severity: (ind.severity as IndicatorSeverity | null) ?? null,
    title: ind.title,
    description: ind.description ?? '',
    recommendedActions: ind.recommendedActions,
    rbacGroupNames: ind.rbacGroupNames,
    generateAlert: ind.generateAlert,
    application: ind.application,
    educateUrl: ind.educateUrl ?? null,
  });
}
