/**
 * MDE API client: custom indicators, machines, device antivirus health (api-contracts §a, §g).
 */
import { z } from 'zod';
import type { Indicator, Machine } from '../../domain/types.js';
import { sendJson, sendParsed } from '../http.js';
import { collectPages, withQuery, type MapItems, type PageOptions, type PageResult } from '../pager.js';
import type { ApiPipeline } from '../pipeline.js';
import { parseWith } from '../schemas/parse.js';
import { deviceAvInfoSchema, importResultSchema, indicatorSchema, machineSchema, odataPage, type DeviceAvInfo, type ImportResult } from '../schemas/mde.js';
import { invalidRequest, joinUrl } from './common.js';

/** Documented maximum for `$top` on indicators and machines ("max value of 10,000"). */
export const MDE_MAX_PAGE = 10_000;
/** Import and BatchDelete accept at most 500 items per call. */
export const MDE_MAX_BATCH = 500;

/** Body of POST /api/indicators (property names are case-sensitive). */
export interface IndicatorInput {
  indicatorValue: string;
  indicatorType: string;
  action: string;
  title: string;
  description: string;
  application?: string;
  expirationTime?: string | null;
  severity?: string;
  recommendedActions?: string;
  rbacGroupNames?: string[];
  educateUrl?: string;
  generateAlert?: boolean;
}

export interface ListOptions extends PageOptions {
  /** OData $filter, e.g. "action eq 'Block'". */
  filter?: string;
  /** $top per page (default and maximum 10,000); smaller only for tests. */
  pageSize?: number;
}

export interface MdeClient {
  listIndicators<R = Indicator>(opts?: ListOptions & MapItems<Indicator, R>): Promise<PageResult<R>>;
  submitIndicator(body: IndicatorInput, opts?: { signal?: AbortSignal }): Promise<Indicator>;
  importIndicators(items: IndicatorInput[], opts?: { signal?: AbortSignal }): Promise<ImportResult[]>;
  batchDeleteIndicators(ids: string[], opts?: { signal?: AbortSignal }): Promise<void>;
  deleteIndicator(id: string, opts?: { signal?: AbortSignal }): Promise<void>;
  listMachines<R = Machine>(opts?: ListOptions & MapItems<Machine, R>): Promise<PageResult<R>>;
  listDeviceAvInfo<R = DeviceAvInfo>(opts?: Omit<ListOptions, 'pageSize'> & MapItems<DeviceAvInfo, R>): Promise<PageResult<R>>;
}

const indicatorPage = odataPage(indicatorSchema);
const machinePage = odataPage(machineSchema);
const avPage = odataPage(deviceAvInfoSchema);

export function createMdeClient(api: ApiPipeline): MdeClient {
  const base = api.profile.endpoints.mde;

  /** $top/$skip paging, following @odata.nextLink instead when the service sends one. */
  function skipPaged<T, R>(path: string, schema: z.ZodType<{ value: T[]; '@odata.nextLink'?: string | null | undefined }>, opts: ListOptions & MapItems<T, R>): Promise<PageResult<R>> {
    const pageSize = Math.min(MDE_MAX_PAGE, Math.max(1, opts.pageSize ?? MDE_MAX_PAGE));
    const first = withQuery(joinUrl(base, path), { $filter: opts.filter, $top: pageSize, $skip: 0 });
    return collectPages<T, R>(
      first,
      async (url, ctx) => {
        const page = await sendParsed(api, { service: 'mde', method: 'GET', url, ...ctx }, schema);
        const nextLink = page['@odata.nextLink'] ?? undefined;
        if (nextLink) return { items: page.value, next: nextLink };
        // A short page is the last one; a full page means there may be more.
        if (page.value.length < pageSize) return { items: page.value, next: undefined };
        const skip = Number(new URL(url).searchParams.get('$skip') ?? '0');
        return { items: page.value, next: withQuery(url, { $skip: skip + page.value.length }) };
      },
      opts,
    );
  }

  return {
    listIndicators: async <R = Indicator>(opts: ListOptions & MapItems<Indicator, R> = {}) => skipPaged<Indicator, R>('/api/indicators', indicatorPage, opts),

    async submitIndicator(body, opts = {}) {
      const url = joinUrl(base, '/api/indicators');
      return sendParsed(api, { service: 'mde', method: 'POST', url, body, ...opts }, indicatorSchema);
    },

    async importIndicators(items, opts = {}) {
      const url = joinUrl(base, '/api/indicators/import');
      if (items.length === 0) return [];
      if (items.length > MDE_MAX_BATCH) {
        throw invalidRequest('mde', 'mde.indicators.import', 'POST', '/api/indicators/import', `${items.length} indicators in one import; the API accepts at most ${MDE_MAX_BATCH} per call (split the batch)`);
      }
      const res = await sendParsed(api, { service: 'mde', method: 'POST', url, body: { Indicators: items }, ...opts }, importResultSchema);
      return res.value;
    },

    async batchDeleteIndicators(ids, opts = {}) {
      const url = joinUrl(base, '/api/indicators/BatchDelete');
      if (ids.length === 0) return;
      if (ids.length > MDE_MAX_BATCH) {
        throw invalidRequest('mde', 'mde.indicators.batchDelete', 'POST', '/api/indicators/BatchDelete', `${ids.length} ids in one BatchDelete; the API accepts at most ${MDE_MAX_BATCH} per call (split the batch)`);
      }
      await sendJson(api, { service: 'mde', method: 'POST', url, body: { IndicatorIds: ids }, ...opts });
    },

    async deleteIndicator(id, opts = {}) {
      const url = joinUrl(base, `/api/indicators/${encodeURIComponent(id)}`);
      await sendJson(api, { service: 'mde', method: 'DELETE', url, ...opts });
    },

    listMachines: async <R = Machine>(opts: ListOptions & MapItems<Machine, R> = {}) => skipPaged<Machine, R>('/api/machines', machinePage, opts),

    async listDeviceAvInfo<R = DeviceAvInfo>(opts: Omit<ListOptions, 'pageSize'> & MapItems<DeviceAvInfo, R> = {}) {
      // Documented as paged by @odata.nextLink (page size up to 200,000), not by $skip.
      const first = withQuery(joinUrl(base, '/api/deviceavinfo'), { $filter: opts.filter });
      return collectPages<DeviceAvInfo, R>(
        first,
        async (url, ctx) => {
          const res = await sendJson(api, { service: 'mde', method: 'GET', url, ...ctx });
          const page = parseWith(avPage, res.body, { service: 'mde', method: 'GET', url, requestId: res.requestId });
          return { items: page.value, next: page['@odata.nextLink'] ?? undefined };
        },
        opts,
      );
    },
  };
}
