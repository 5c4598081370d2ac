/**
 * Identity of the simulated tenant, derived from the seed so that the same `--seed` prints the
 * same tenant id, client id, secret and resource ids every run (profiles and scripts written
 * against one run keep working on the next).
 */
import { createHash } from 'node:crypto';
import type { SimulatedTenantIdentity } from '../contract.js';

/** A version-4-shaped GUID that is a pure function of (seed, label). */
export function seededGuid(seed: number, label: string): string {
  return stableGuid(`${seed}:${label}`);
}

/** A version-4-shaped GUID that is a pure function of `text`. */
export function stableGuid(text: string): string {
  const h = createHash('sha256').update(`mde-console-sim:${text}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function deriveTenantIdentity(seed: number): SimulatedTenantIdentity {
  const subscriptionId = seededGuid(seed, 'subscription');
  const resourceGroup = 'rg-soc-sentinel';
  // Entra client secrets are 40 characters with a "~" after a 3-character prefix; same alphabet here.
  const secretBody = createHash('sha256').update(`mde-console-sim:${seed}:client-secret`).digest('base64url').slice(0, 36);
  return {
    tenantId: seededGuid(seed, 'tenant'),
    clientId: seededGuid(seed, 'app:mde-console'),
    clientSecret: `Sim8Q~${secretBody}`,
    publicClientId: seededGuid(seed, 'app:mde-console-public'),
    subscriptionId,
    resourceGroup,
    workspaceName: 'law-soc-sentinel',
    workspaceId: seededGuid(seed, 'workspace'),
    eventHubNamespaceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.EventHub/namespaces/evhns-mde-streaming`,
  };
}
