/**
 * One pager for every collection: Graph and MDE `@odata.nextLink`, ARM `nextLink`, and MDE's
 * explicit `$top=10000&$skip=n` (its nextLink is undocumented and reported broken —
 * MicrosoftDocs/microsoft-365-docs #8316, #8489 — so we page by $skip until a short page).
 *
 * A failed page does not throw away what was read: the result says `complete: false`, carries
 * the error and the URL of the page that failed, so a screen can show 9,000 of 15,000 indicators
 * with "stopped at page 2: …" instead of nothing.
 */
import type { BudgetWait } from './budget.js';
import { ApiError } from './errors.js';

export interface PageResult<T> {
  items: T[];
  /** True when the last page was read. */
  complete: boolean;
  error?: ApiError;
  /** URL of the page that failed (or was not read because of cancellation). */
  stoppedAt?: string;
}

export type PageProgress =
  | { state: 'reading'; items: number; pages: number }
  | { state: 'waiting-for-budget'; items: number; pages: number; waitMs: number; limitKey: string };

export interface PageOptions {
  onProgress?: (p: PageProgress) => void;
  signal?: AbortSignal;
}

/**
 * Turn each item into what the caller keeps as its page arrives. A 50,000-incident list then never
 * holds every wire object at once: each page's objects become garbage before the next page is read,
 * which keeps the heap's peak (and with it the process's resident memory) near what is kept (issue 9).
 */
export interface MapItems<T, R> {
  mapItem?: (item: T) => R;
}

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, or undefined at the end. */
  next: string | undefined;
}

/**
 * Read pages starting at `firstUrl` until `fetchPage` reports no next page.
 * `fetchPage` receives a budget-wait listener so waiting shows as progress, not as an error.
 */
export async function collectPages<T, R = T>(
  firstUrl: string,
  fetchPage: (url: string, ctx: { signal?: AbortSignal; onBudgetWait: (w: BudgetWait) => void }) => Promise<Page<T>>,
  opts: PageOptions & MapItems<T, R> = {},
): Promise<PageResult<R>> {
  const items: R[] = [];
  const mapItem = opts.mapItem;
  let pages = 0;
  let url: string | undefined = firstUrl;
  const seen = new Set<string>();
  while (url !== undefined) {
    if (opts.signal?.aborted) {
      return { items, complete: false, stoppedAt: url, error: abortedError(url) };
    }
    // A service that returns the same nextLink again would loop forever.
    if (seen.has(url)) break;
    seen.add(url);
    let page: Page<T>;
    try {
      page = await fetchPage(url, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        onBudgetWait: (w) => opts.onProgress?.({ state: 'waiting-for-budget', items: items.length, pages, waitMs: w.waitMs, limitKey: w.limitKey }),
      });
    } catch (e) {
      const error = e instanceof ApiError ? e : abortedOr(e, url);
      return { items, complete: false, error, stoppedAt: url };
    }
    if (mapItem) for (const it of page.items) items.push(mapItem(it));
    else for (const it of page.items) items.push(it as unknown as R);
    pages++;
    opts.onProgress?.({ state: 'reading', items: items.length, pages });
    url = page.next;
  }
  return { items, complete: true };
}

function abortedError(url: string): ApiError {
  return new ApiError({ kind: 'aborted', service: 'unknown', operation: 'paging', method: 'GET', path: pathOf(url), message: 'cancelled' });
}

function abortedOr(e: unknown, url: string): ApiError {
  if ((e as { name?: string } | null)?.name === 'AbortError') return abortedError(url);
  return new ApiError({ kind: 'network', service: 'unknown', operation: 'paging', method: 'GET', path: pathOf(url), message: String((e as Error)?.message ?? e).split('\n')[0] ?? 'failed' });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Set or replace query parameters on an absolute URL, keeping OData's `$` names unencoded. */
export function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    u.searchParams.set(k, String(v));
  }
  // URLSearchParams encodes `$` as %24; services accept both, but readable URLs help in logs.
  // Spaces as %20, not '+': OData filters read "lastUpdateDateTime ge …" and not every service decodes '+'.
  return u.toString().replace(/%24/g, '$').replace(/\+/g, '%20');
}
