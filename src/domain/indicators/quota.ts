/**
 * The 15,000-indicator quota: how full, who fills it, and whether an import fits.
 * "There is a limit of 15,000 indicators per tenant. Increases to this limit are not supported."
 * (indicators-overview.md); Defender for Cloud Apps' indicators count against it (domain-notes §0.2).
 * `used` counts every indicator the API returned, expired ones included: the list is what the
 * service holds, so this errs on the side of warning early.
 */
import { CREATOR_CLASSES, type CreatorClass } from './creatorClass.js';
import type { IndicatorIndex } from './indicatorIndex.js';
import { INDICATOR_LIMIT, QUOTA_WARN_RATIO } from './limits.js';

export type QuotaLevel = 'ok' | 'warn' | 'full';

export interface ClassShare {
  count: number;
  /** Share of `used` (0..1); 0 when nothing is used. */
  share: number;
}

export interface Quota {
  used: number;
  limit: number;
  remaining: number;
  /** used / limit. */
  ratio: number;
  level: QuotaLevel;
  byClass: Record<CreatorClass, ClassShare>;
}

export function quotaLevel(used: number, limit: number = INDICATOR_LIMIT): QuotaLevel {
  if (used >= limit) return 'full';
  return used >= limit * QUOTA_WARN_RATIO ? 'warn' : 'ok';
}

export function quota(index: IndicatorIndex, limit: number = INDICATOR_LIMIT): Quota {
  const counts = new Int32Array(CREATOR_CLASSES.length);
  for (let r = 0; r < index.size; r++) counts[index.classOf[r]!]!++;
  const used = index.size;
  const byClass = {} as Record<CreatorClass, ClassShare>;
  CREATOR_CLASSES.forEach((cls, i) => {
    byClass[cls] = { count: counts[i]!, share: used === 0 ? 0 : counts[i]! / used };
  });
  return { used, limit, remaining: Math.max(0, limit - used), ratio: used / limit, level: quotaLevel(used, limit), byClass };
}

export type ImportQuota =
  | { allowed: true; used: number; after: number; limit: number; level: QuotaLevel }
  | { allowed: false; used: number; after: number; limit: number; level: 'full'; reason: string };

/**
 * The quota after adding `newCount` indicators. An import that would pass the limit is refused
 * as a whole (the service would reject the overflow part-way, leaving a half import).
 * `newCount` should exclude rows that update an existing type+value (the API upserts those).
 */
export function quotaAfterImport(used: number, newCount: number, limit: number = INDICATOR_LIMIT): ImportQuota {
  const after = used + newCount;
  if (after > limit) {
    return {
      allowed: false,
      used,
      after,
      limit,
      level: 'full',
      reason: `import refused: ${used.toLocaleString('en-US')} + ${newCount.toLocaleString('en-US')} new indicators = ${after.toLocaleString('en-US')}, over the tenant limit of ${limit.toLocaleString('en-US')}; delete or let expire ${(after - limit).toLocaleString('en-US')} first`,
    };
  }
  return { allowed: true, used, after, limit, level: quotaLevel(after, limit) };
}
