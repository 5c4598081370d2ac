/**
 * Maps a bag of possibly-unavailable inputs to every check's result, in area order. An input
 * left out (undefined) counts as unavailable ("not collected"), so a check the caller did not
 * feed says UNKNOWN instead of judging nothing as healthy.
 */
import type { CreatorRule, Thresholds } from '../../config/types.js';
import type { AlertRule, DataConnector, DevicePosture, Indicator, Machine, SubscribedSku, Workspace, WorkspaceTable } from '../types.js';
import { checkDevicePrerequisites } from './devicePrerequisites.js';
import type { IsMdca } from './indicatorFacts.js';
import { checkIncidentSync, type IncidentSyncSummary } from './incidentSync.js';
import { checkLicences, checkOfficeIdentity } from './licences.js';
import { checkMdcaIntegration } from './mdca.js';
import { checkNetworkProtection } from './networkProtection.js';
import { checkRetention } from './retention.js';
import { checkSentinelConnector, type TableFreshness } from './sentinel.js';
import { checkStreaming, type StreamingHealthInput } from './streaming.js';
import { unavailable, type CheckArea, type CheckResult, type MaybeAvailable } from './types.js';

export interface HealthInputs {
  skus?: MaybeAvailable<readonly SubscribedSku[]>;
  indicators?: MaybeAvailable<readonly Indicator[]>;
  machines?: MaybeAvailable<readonly Machine[]>;
  postures?: MaybeAvailable<readonly DevicePosture[]>;
  connectors?: MaybeAvailable<readonly DataConnector[]>;
  alertRules?: MaybeAvailable<readonly AlertRule[]>;
  tableFreshness?: MaybeAvailable<readonly TableFreshness[]>;
  streaming?: MaybeAvailable<StreamingHealthInput>;
  workspace?: MaybeAvailable<Workspace>;
  tables?: MaybeAvailable<readonly WorkspaceTable[]>;
  incidentSync?: MaybeAvailable<IncidentSyncSummary>;
}

/** The threshold defaults documented for profiles (config README); used for any value not given. */
export const DEFAULT_HEALTH_THRESHOLDS: Pick<Thresholds, 'tableFreshnessMinutes' | 'streamGapMinutes' | 'retentionPolicyDays' | 'syncWindowMinutes'> = {
  tableFreshnessMinutes: 60,
  streamGapMinutes: 15,
  retentionPolicyDays: 180,
  syncWindowMinutes: 10,
};

export interface RunAllChecksOptions {
  now: Date;
  thresholds?: Partial<Thresholds>;
  /** Only these areas (`check --only`); default all. */
  only?: readonly CheckArea[];
  isMdca?: IsMdca;
  creatorRules?: readonly CreatorRule[];
  /** Tables the XDR connector should fill; default: those with rows. */
  expectedTables?: readonly string[];
  isPolicyTable?: (tableName: string) => boolean;
}

const REASONS: Record<keyof HealthInputs, string> = {
  skus: 'licences (Graph subscribedSkus) not collected',
  indicators: 'indicators (MDE /api/indicators) not collected',
  machines: 'devices (MDE /api/machines) not collected',
  postures: 'network protection / platform versions (advanced hunting) not collected',
  connectors: 'Sentinel data connectors not collected (no Sentinel workspace in the profile?)',
  alertRules: 'Sentinel alert rules not collected (no Sentinel workspace in the profile?)',
  tableFreshness: 'workspace table freshness not collected (no Sentinel workspace in the profile?)',
  streaming: 'Event Hubs metrics not collected (no eventHubNamespaceId in the profile?)',
  workspace: 'workspace settings not collected (no Sentinel workspace in the profile?)',
  tables: 'workspace tables not collected (no Sentinel workspace in the profile?)',
  incidentSync: 'incident sync summary not available yet',
};

export function runAllChecks(inputs: HealthInputs, opts: RunAllChecksOptions): CheckResult[] {
  const { now } = opts;
  const t = { ...DEFAULT_HEALTH_THRESHOLDS, ...opts.thresholds };
  const get = <K extends keyof HealthInputs>(k: K): NonNullable<HealthInputs[K]> =>
    (inputs[k] ?? unavailable(REASONS[k])) as NonNullable<HealthInputs[K]>;
  const wanted = (a: CheckArea) => !opts.only || opts.only.includes(a);

  const out: CheckResult[] = [];
  if (wanted('licences')) out.push(checkLicences(get('skus'), { now }));
  if (wanted('mdca')) {
    out.push(checkMdcaIntegration(get('indicators'), { now, ...(opts.isMdca ? { isMdca: opts.isMdca } : {}), ...(opts.creatorRules ? { rules: opts.creatorRules } : {}) }));
  }
  if (wanted('network-protection')) out.push(checkNetworkProtection(get('indicators'), get('machines'), get('postures'), { now }));
  if (wanted('devices')) out.push(checkDevicePrerequisites(get('machines'), get('postures'), { now }));
  if (wanted('office-identity')) out.push(checkOfficeIdentity(get('skus'), { now }));
  if (wanted('sentinel')) {
    out.push(
      ...checkSentinelConnector(get('connectors'), get('alertRules'), get('tableFreshness'), {
        now,
        thresholds: t,
        ...(opts.expectedTables ? { expectedTables: opts.expectedTables } : {}),
      }),
    );
  }
  if (wanted('streaming')) out.push(checkStreaming(get('streaming'), { now, thresholds: t }));
  if (wanted('retention')) {
    out.push(
      checkRetention(get('workspace'), get('tables'), {
        now,
        policyDays: t.retentionPolicyDays,
        ...(opts.isPolicyTable ? { isPolicyTable: opts.isPolicyTable } : {}),
      }),
    );
  }
  if (wanted('incident-sync')) out.push(checkIncidentSync(get('incidentSync'), { now }));
  return out;
}
