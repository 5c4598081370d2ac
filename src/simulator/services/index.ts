/** Public face of the service handlers: one handler per service, answering from one tenant. */
import type { ServiceHandler } from '../contract.js';
import type { Tenant } from '../tenant/index.js';
import { createMdeHandler } from './mde.js';
import { createGraphHandler } from './graph.js';
import { createArmHandler } from './arm.js';
import { createLogAnalyticsHandler } from './loganalytics.js';

export function createServices(tenant: Tenant): Record<'mde' | 'graph' | 'arm' | 'loganalytics', ServiceHandler> {
  return {
    mde: createMdeHandler(tenant),
    graph: createGraphHandler(tenant),
    arm: createArmHandler(tenant),
    loganalytics: createLogAnalyticsHandler(tenant),
  };
}
