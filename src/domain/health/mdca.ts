/**
 * Defender for Cloud Apps → Defender for Endpoint (mde-govern.md; seed mde-mcas-integration).
 *
 * Unsanctioned apps become Block indicators and monitored apps Warn indicators, created by
 * Defender for Cloud Apps in the tenant's indicator list. The two switches that make this work —
 * the "Microsoft Defender for Cloud Apps" and "Custom network indicators" advanced features in
 * Defender, and "Enforce app access" in Cloud Apps — are not readable through the public API
 * (domain-notes §0.10), so the check judges from the indicators themselves: synced indicators
 * prove the integration runs; their absence is reported with the manual checks to do.
 */
import type { CreatorRule } from '../../config/types.js';
import type { Indicator } from '../types.js';
import { DOC_URLS } from './docs.js';
import { listSome, plural, timeWithAge } from './format.js';
import { isActiveAt, isBlockOrWarn, makeIsMdca, type IsMdca } from './indicatorFacts.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

/** Where the operator verifies the toggles the API cannot read. */
export const MDCA_MANUAL_CHECK =
  'Defender portal → Settings → Endpoints → Advanced features: "Microsoft Defender for Cloud Apps" and "Custom network indicators" on; Settings → Cloud Apps → Microsoft Defender for Endpoint: "Enforce app access" on';

const META: CheckMeta = {
  id: 'mdca',
  area: 'mdca',
  title: 'Defender for Cloud Apps → Defender for Endpoint',
  remediation: MDCA_MANUAL_CHECK,
  docUrl: DOC_URLS.mdcaGovern,
  source: { api: 'MDE GET /api/indicators', permission: 'Ti.ReadWrite.All (Ti.ReadWrite sees only the app\'s own indicators)' },
};

/** Judgement default, not a documented limit: no new or updated synced indicator for this long is worth a look. */
export const DEFAULT_MDCA_STALE_AFTER_DAYS = 30;

export interface MdcaCheckOptions {
  now: Date;
  /** Decides which indicators Defender for Cloud Apps created. Default: `makeIsMdca(rules)`. */
  isMdca?: IsMdca;
  /** Profile creator rules (used only when `isMdca` is not given). */
  rules?: readonly CreatorRule[];
  staleAfterDays?: number;
}

function lastTouched(ind: Indicator): number {
  const t = Date.parse(ind.lastUpdateTime ?? ind.creationTimeDateTimeUtc);
  return Number.isNaN(t) ? 0 : t;
}

function appName(ind: Indicator): string {
  return ind.application?.trim() || ind.indicatorValue;
}

/** "All devices: 12; Finance: 3" — MDCA scoped profiles decide these, manual scoping is overridden. */
function scopeSummary(inds: readonly Indicator[]): string {
  const counts = new Map<string, number>();
  for (const ind of inds) {
    const keys = ind.rbacGroupNames.length === 0 ? ['All devices'] : ind.rbacGroupNames;
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k}: ${n}`)
    .join('; ');
}

/**
 * FAIL: synced indicators whose action no longer blocks or warns (edited in Defender, so the
 * unsanctioned app is not enforced). WARN: no synced indicators at all (integration or toggles
 * possibly off — manual check named), all expired, or none new/updated for `staleAfterDays`.
 * OK: active Block/Warn indicators from Defender for Cloud Apps.
 */
export function checkMdcaIntegration(indicators: MaybeAvailable<readonly Indicator[]>, opts: MdcaCheckOptions): CheckResult {
  const { now } = opts;
  if (isUnavailable(indicators)) return unknown(META, now, indicators.reason);
  const isMdca = opts.isMdca ?? makeIsMdca(opts.rules);
  const staleAfterDays = opts.staleAfterDays ?? DEFAULT_MDCA_STALE_AFTER_DAYS;

  const mdca = indicators.filter(isMdca);
  if (mdca.length === 0) {
    return judged(
      META,
      now,
      'WARN',
      'No indicators from Defender for Cloud Apps: no app is unsanctioned or monitored, or the integration is off (its toggles are not readable via the public API)',
      [
        { label: 'Indicators read', value: `${indicators.length} (none created by Defender for Cloud Apps)` },
        { label: 'Integration toggles', value: 'not readable via the public API: no synced indicator to judge from' },
        { label: 'Manual check', value: MDCA_MANUAL_CHECK },
      ],
    );
  }

  const active = mdca.filter((i) => isActiveAt(i, now));
  const block = active.filter((i) => i.action.toLowerCase() === 'block');
  const warn = active.filter((i) => i.action.toLowerCase() === 'warn');
  const other = active.filter((i) => !isBlockOrWarn(i));
  const newest = mdca.reduce((a, b) => (lastTouched(b) > lastTouched(a) ? b : a));
  const newestAt = new Date(lastTouched(newest)).toISOString();

  const evidence: Evidence[] = [
    { label: 'Synced indicators', value: `${mdca.length} (${active.length} active, ${mdca.length - active.length} expired)` },
    { label: 'Block (unsanctioned apps)', value: `${block.length}${block.length ? `: ${listSome([...new Set(block.map(appName))])}` : ''}` },
    { label: 'Warn (monitored apps)', value: `${warn.length}${warn.length ? `: ${listSome([...new Set(warn.map(appName))])}` : ''}` },
    { label: 'Scopes', value: active.length ? scopeSummary(active) : 'none active' },
    { label: 'Newest synced or updated', value: `${timeWithAge(newestAt, now)} (${appName(newest)})` },
    { label: 'Defender for Cloud Apps toggle', value: 'on — judged from synced indicators (not readable via the public API)' },
    {
      label: 'Custom network indicators toggle',
      value: 'not readable via the public API; without it these indicators do not block — verify in Settings → Endpoints → Advanced features',
    },
  ];

  if (other.length > 0) {
    const actions = [...new Set(other.map((i) => i.action))].join('/');
    evidence.splice(3, 0, { label: 'Not enforcing', value: `${other.length} with action ${actions}: ${listSome(other.map((i) => `${appName(i)} (${i.action})`))}` });
    return judged(
      META,
      now,
      'FAIL',
      `${plural(other.length, 'indicator')} from Defender for Cloud Apps set to a non-enforcing action (${actions}): ${listSome([...new Set(other.map(appName))])}`,
      evidence,
      'Do not edit indicators Defender for Cloud Apps owns: in Cloud Apps → Cloud app catalog, remove and re-apply the app\'s Unsanctioned/Monitored tag so the indicators are synced again.',
    );
  }
  if (active.length === 0) {
    return judged(META, now, 'WARN', `All ${plural(mdca.length, 'indicator')} from Defender for Cloud Apps have expired: no cloud app is blocked or warned`, evidence);
  }
  const ageDays = (now.getTime() - lastTouched(newest)) / 86_400_000;
  if (ageDays > staleAfterDays) {
    return judged(
      META,
      now,
      'WARN',
      `No indicator from Defender for Cloud Apps created or updated for ${Math.floor(ageDays)} days: either no app tag changed, or the sync stopped`,
      evidence,
      `Compare Cloud Apps → Cloud app catalog (apps tagged Unsanctioned/Monitored) with these indicators; sync takes up to 3 h. ${MDCA_MANUAL_CHECK}`,
    );
  }
  return judged(
    META,
    now,
    'OK',
    `${plural(active.length, 'indicator')} synced from Defender for Cloud Apps (${block.length} block, ${warn.length} warn), newest ${timeWithAge(newestAt, now)}`,
    evidence,
  );
}
