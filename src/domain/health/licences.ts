/**
 * Licence detection from Graph `GET /v1.0/subscribedSkus` (api-contracts §f).
 *
 * Products are detected by service-plan NAME (stable across bundles: E5, E5 Security, EMS E5,
 * standalone), never by SKU. Only SKUs with capabilityStatus "Enabled" and plans with
 * provisioningStatus "Success" count; a plan found only on suspended SKUs or in another
 * provisioning state is "present but not in force" and reported as such.
 */
import type { SubscribedSku } from '../types.js';
import { DOC_URLS } from './docs.js';
import { listSome, plural } from './format.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

export type Capability = 'mdeP2' | 'mdeP1' | 'mdb' | 'mdca' | 'mdcaO365' | 'mdoP2' | 'mdoP1' | 'mdi';

/** servicePlanName per capability (api-contracts §f service-plan table). */
export const SERVICE_PLANS: Record<Capability, { plan: string; label: string }> = {
  mdeP2: { plan: 'WINDEFATP', label: 'Defender for Endpoint Plan 2' },
  mdeP1: { plan: 'MDE_LITE', label: 'Defender for Endpoint Plan 1' },
  mdb: { plan: 'MDE_SMB', label: 'Defender for Business' },
  mdca: { plan: 'ADALLOM_S_STANDALONE', label: 'Defender for Cloud Apps' },
  mdcaO365: { plan: 'ADALLOM_S_O365', label: 'Office 365 Cloud App Security (not Defender for Cloud Apps)' },
  mdoP2: { plan: 'THREAT_INTELLIGENCE', label: 'Defender for Office 365 Plan 2' },
  mdoP1: { plan: 'ATP_ENTERPRISE', label: 'Defender for Office 365 Plan 1' },
  mdi: { plan: 'ATA', label: 'Defender for Identity' },
};

/** One SKU that carries a capability's plan, with its seat figures. */
export interface CapabilityGrant {
  skuPartNumber: string;
  capabilityStatus: string;
  provisioningStatus: string;
  enabledSeats: number;
  consumedSeats: number;
  /** SKU Enabled and plan Success. */
  inForce: boolean;
}

export type CapabilityState =
  | { state: 'active'; grants: CapabilityGrant[]; enabledSeats: number; consumedSeats: number }
  /** The plan exists but on no SKU that is Enabled with the plan provisioned. */
  | { state: 'inactive'; grants: CapabilityGrant[] }
  | { state: 'absent' };

const eq = (a: string | null | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

export function capabilityState(skus: readonly SubscribedSku[], cap: Capability): CapabilityState {
  const plan = SERVICE_PLANS[cap].plan;
  const grants: CapabilityGrant[] = [];
  for (const sku of skus) {
    const sp = sku.servicePlans.find((p) => eq(p.servicePlanName, plan));
    if (!sp) continue;
    grants.push({
      skuPartNumber: sku.skuPartNumber,
      capabilityStatus: sku.capabilityStatus,
      provisioningStatus: sp.provisioningStatus,
      enabledSeats: sku.prepaidUnits.enabled,
      consumedSeats: sku.consumedUnits,
      inForce: eq(sku.capabilityStatus, 'Enabled') && eq(sp.provisioningStatus, 'Success'),
    });
  }
  if (grants.length === 0) return { state: 'absent' };
  const active = grants.filter((g) => g.inForce);
  if (active.length === 0) return { state: 'inactive', grants };
  return {
    state: 'active',
    grants,
    enabledSeats: active.reduce((n, g) => n + g.enabledSeats, 0),
    consumedSeats: active.reduce((n, g) => n + g.consumedSeats, 0),
  };
}

/** "active via SPE_E5 (480/500 seats used)" / "present on CRMSTANDARD but Suspended" / "not licensed". */
export function describeCapability(state: CapabilityState): string {
  switch (state.state) {
    case 'absent':
      return 'not licensed';
    case 'inactive':
      return `present but not in force: ${state.grants
        .map((g) => `${g.skuPartNumber} (SKU ${g.capabilityStatus}, plan ${g.provisioningStatus})`)
        .join('; ')}`;
    case 'active':
      return `active via ${state.grants
        .filter((g) => g.inForce)
        .map((g) => `${g.skuPartNumber} (${g.consumedSeats}/${g.enabledSeats} seats used)`)
        .join('; ')}`;
  }
}

/** SKUs that carry the plan and have more seats assigned than enabled. */
function overAssigned(state: CapabilityState): CapabilityGrant[] {
  return state.state === 'active' ? state.grants.filter((g) => g.inForce && g.consumedSeats > g.enabledSeats) : [];
}

export const LICENCE_SOURCE = { api: 'Graph GET /v1.0/subscribedSkus', permission: 'LicenseAssignment.Read.All (or Organization.Read.All)' };

const LICENCES_META: CheckMeta = {
  id: 'licences',
  area: 'licences',
  title: 'Licences and prerequisites',
  remediation:
    'Microsoft 365 admin center → Billing → Your products: buy or reactivate the missing plan and assign seats (Users → Active users → Licenses).',
  docUrl: DOC_URLS.licensingServicePlans,
  source: LICENCE_SOURCE,
};

/**
 * Defender for Endpoint P2 (or P1 / Defender for Business, with what they lack), Defender for
 * Cloud Apps, Defender for Office 365 P2 and Defender for Identity, with seats.
 *
 * FAIL: no Defender for Endpoint plan in force. WARN: only P1 / Business, a companion product
 * missing or not in force, or more seats consumed than enabled. OK: all four in force.
 */
export function checkLicences(skus: MaybeAvailable<readonly SubscribedSku[]>, opts: { now: Date }): CheckResult {
  const { now } = opts;
  if (isUnavailable(skus)) return unknown(LICENCES_META, now, skus.reason);

  const st = (c: Capability) => capabilityState(skus, c);
  const s = {
    mdeP2: st('mdeP2'),
    mdeP1: st('mdeP1'),
    mdb: st('mdb'),
    mdca: st('mdca'),
    mdcaO365: st('mdcaO365'),
    mdoP2: st('mdoP2'),
    mdoP1: st('mdoP1'),
    mdi: st('mdi'),
  };

  const evidence: Evidence[] = [];
  for (const cap of ['mdeP2', 'mdeP1', 'mdb', 'mdca', 'mdcaO365', 'mdoP2', 'mdoP1', 'mdi'] as const) {
    // Lower tiers are only worth a line when present: "P1: not licensed" next to an active P2 is noise.
    if (['mdeP1', 'mdb', 'mdcaO365', 'mdoP1'].includes(cap) && s[cap].state === 'absent') continue;
    evidence.push({ label: SERVICE_PLANS[cap].label, value: describeCapability(s[cap]) });
  }

  const problems: string[] = [];
  let fail = false;
  if (s.mdeP2.state !== 'active') {
    if (s.mdeP1.state === 'active') {
      problems.push('Defender for Endpoint Plan 1 only: no advanced hunting, no EDR, no automated investigation');
    } else if (s.mdb.state === 'active') {
      problems.push('Defender for Business, not Defender for Endpoint Plan 2 (the Defender for Cloud Apps blocking integration requires Plan 2)');
    } else {
      fail = true;
      problems.push(
        s.mdeP2.state === 'inactive' ? 'Defender for Endpoint Plan 2 is present but not in force' : 'no Defender for Endpoint plan is licensed',
      );
    }
  }
  if (s.mdca.state !== 'active') {
    problems.push(
      s.mdca.state === 'inactive'
        ? 'Defender for Cloud Apps is present but not in force'
        : s.mdcaO365.state === 'active'
          ? 'no Defender for Cloud Apps (Office 365 Cloud App Security is not Defender for Cloud Apps)'
          : 'no Defender for Cloud Apps',
    );
  }
  if (s.mdoP2.state !== 'active') {
    problems.push(
      s.mdoP1.state === 'active'
        ? 'Defender for Office 365 Plan 1 only (Plan 2 is needed for Threat Explorer across email and devices)'
        : s.mdoP2.state === 'inactive'
          ? 'Defender for Office 365 Plan 2 is present but not in force'
          : 'no Defender for Office 365 Plan 2',
    );
  }
  if (s.mdi.state !== 'active') {
    problems.push(s.mdi.state === 'inactive' ? 'Defender for Identity is present but not in force' : 'no Defender for Identity');
  }
  const over = (Object.keys(s) as Capability[]).flatMap((c) => overAssigned(s[c]).map((g) => `${g.skuPartNumber}`));
  const overUnique = [...new Set(over)];
  if (overUnique.length > 0) {
    problems.push(`more seats consumed than enabled on ${listSome(overUnique)}`);
  }

  if (problems.length === 0) {
    return judged(LICENCES_META, now, 'OK', 'Defender for Endpoint Plan 2, Defender for Cloud Apps, Defender for Office 365 Plan 2 and Defender for Identity are in force', evidence);
  }
  const finding =
    problems.length === 1 ? capitalise(problems[0]!) : `${capitalise(problems[0]!)} (+${plural(problems.length - 1, 'more finding')})`;
  evidence.push(...problems.slice(1).map((p) => ({ label: 'Also', value: p })));
  return judged(LICENCES_META, now, fail ? 'FAIL' : 'WARN', finding, evidence);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const OFFICE_IDENTITY_META: CheckMeta = {
  id: 'office-identity',
  area: 'office-identity',
  title: 'Defender for Office 365 and Defender for Identity',
  remediation:
    'Nothing to configure in Defender for Endpoint: both integrate natively in the Defender portal (security.microsoft.com). Fix the licence in the Microsoft 365 admin center → Billing → Your products.',
  docUrl: DOC_URLS.advancedFeatures,
  source: LICENCE_SOURCE,
};

/**
 * Defender for Office 365 and Defender for Identity integrate natively in the Defender portal
 * (the old advanced-feature toggles are gone: seed mde-series-part7), so only their licence
 * state is judged. FAIL: a plan bought but not in force (suspended SKU / plan not provisioned).
 * WARN: not licensed, or Office 365 Plan 1 only. OK: both in force.
 */
export function checkOfficeIdentity(skus: MaybeAvailable<readonly SubscribedSku[]>, opts: { now: Date }): CheckResult {
  const { now } = opts;
  if (isUnavailable(skus)) return unknown(OFFICE_IDENTITY_META, now, skus.reason);
  const mdoP2 = capabilityState(skus, 'mdoP2');
  const mdoP1 = capabilityState(skus, 'mdoP1');
  const mdi = capabilityState(skus, 'mdi');
  const evidence: Evidence[] = [
    { label: 'Integration', value: 'native in the Defender portal: no toggle to set (manual integration retired)' },
    { label: SERVICE_PLANS.mdoP2.label, value: describeCapability(mdoP2) },
  ];
  if (mdoP1.state !== 'absent') evidence.push({ label: SERVICE_PLANS.mdoP1.label, value: describeCapability(mdoP1) });
  evidence.push({ label: SERVICE_PLANS.mdi.label, value: describeCapability(mdi) });

  const notInForce = [
    mdoP2.state === 'inactive' && mdoP1.state !== 'active' ? 'Defender for Office 365 Plan 2' : null,
    mdi.state === 'inactive' ? 'Defender for Identity' : null,
  ].filter((x): x is string => x !== null);
  if (notInForce.length > 0) {
    return judged(OFFICE_IDENTITY_META, now, 'FAIL', `${notInForce.join(' and ')} licensed but not in force (suspended SKU or plan not provisioned)`, evidence);
  }
  const gaps: string[] = [];
  if (mdoP2.state !== 'active') gaps.push(mdoP1.state === 'active' ? 'Defender for Office 365 Plan 1 only (Threat Explorer with device data needs Plan 2)' : 'no Defender for Office 365 Plan 2');
  if (mdi.state !== 'active') gaps.push('no Defender for Identity');
  if (gaps.length > 0) {
    return judged(OFFICE_IDENTITY_META, now, 'WARN', `${gaps.join('; ')}: their signals are missing from the Defender portal`, evidence);
  }
  return judged(OFFICE_IDENTITY_META, now, 'OK', 'Both licensed and native in the Defender portal: nothing to configure', evidence);
}
