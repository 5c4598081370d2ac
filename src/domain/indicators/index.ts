/**
 * Indicators domain: pure logic behind the Indicators screen (2) and the `indicators` commands.
 * No React, no I/O, no clock: pass `now`.
 *
 * Typical screen flow:
 *   const index = buildIndicatorIndex(indicators, { rules: profile.creatorRules, now, expiringSoonDays });
 *   const rows  = sortRows(index, applyFilter(index, chips), { column: 'expiry', direction: 'asc' });
 *   const picker = facetCounts(index, chips, 'creator');          // counts follow the other chips
 *   chips = setFilterChip(chips, { kind: 'creator', values: ['mdca'] }); chips = popFilter(chips); // Esc
 *   const meter = quota(index);
 *   const plan = planBulkAction(indicatorsAt(index, marked), { kind: 'setAction', to: 'Warn' }, { rules, now });
 *   // … send plan.calls, collect CallOutcome[] …
 *   const outcomes = applyOutcomes(plan, results); const again = retryFailed(plan, results, now);
 */
export { INDICATOR_LIMIT, QUOTA_WARN_RATIO, SUBMIT_RATE, BATCH_DELETE_RATE, BATCH_DELETE_MAX_IDS, IMPORT_MAX_ROWS_PER_FILE, rateLimitedSeconds, type RateLimit } from './limits.js';
export {
  INDICATOR_TYPES,
  ACTIONS_BY_TYPE,
  LEGACY_ACTIONS,
  SEVERITIES,
  isIndicatorType,
  isNetworkType,
  actionProblem,
  valueProblem,
  writableActionOf,
  normaliseValue,
  type WritableAction,
} from './indicatorValues.js';
export {
  CREATOR_CLASSES,
  CREATOR_CLASS_LABELS,
  DEFAULT_CREATOR_RULES,
  MDCA_CREATOR_NAME,
  creatorClassOf,
  createCreatorClassifier,
  creatorKey,
  isMdcaIndicator,
  type CreatorClass,
  type CreatorInfo,
  type CreatorRuleSpec,
  type CreatorClassifier,
} from './creatorClass.js';
export { formatRelativeExpiry, formatScope, expiryBucketOf, type ExpiryBucket, type ExpiryText } from './expiry.js';
export { findDuplicates, scopeKey, duplicateKey, DUPLICATE_FLAG, CONFLICT_FLAG, type DuplicateGroup, type DuplicateReport } from './duplicates.js';
export {
  buildIndicatorIndex,
  creatorOfRow,
  duplicateStateOfRow,
  indicatorsAt,
  EXPIRY_BUCKETS,
  type IndicatorIndex,
  type IndicatorIndexOptions,
} from './indicatorIndex.js';
export {
  ALL_DEVICES,
  applyFilter,
  filterRowsInto,
  facetCounts,
  toODataFilter,
  setFilterChip,
  popFilter,
  clearFilters,
  filterFromChips,
  chipsFromFilter,
  describeChip,
  expiryFilterForKey,
  type IndicatorFilter,
  type ExpiryFilter,
  type FilterChip,
  type FilterDimension,
  type FacetName,
  type FacetEntry,
} from './filter.js';
export { sortRows, sortOrderOf, precomputeSortOrders, SORT_COLUMNS, type SortColumn, type SortDirection, type SortSpec } from './sortRows.js';
export { quota, quotaLevel, quotaAfterImport, type Quota, type QuotaLevel, type ClassShare, type ImportQuota } from './quota.js';
export { blockingCapability, countDevicesByGroup, mdcaOwnership, type BlockingCapability, type DevicesByGroup, type ModeCounts, type MdcaOwnership } from './blockingCapability.js';
export { parseCsv, formatCsv, type CsvRecord, type CsvParse } from './csv.js';
export {
  PORTAL_CSV_COLUMNS,
  BACKUP_EXTRA_COLUMNS,
  parseIndicatorCsv,
  formatIndicatorCsv,
  formatIndicatorCsvRows,
  indicatorToCsvRow,
  splitList,
  type CsvColumn,
  type IndicatorCsvRow,
  type IndicatorCsvParse,
  type ImportError,
  type FormatCsvOptions,
} from './indicatorCsv.js';
export { validateIndicatorRows, type ParsedRow, type ValidateOptions, type ImportValidation } from './importValidation.js';
export { toSubmitBody, submitBodyFromIndicator, type SubmitBody } from './submitBody.js';
export {
  planBulkAction,
  applyOutcomes,
  retryFailed,
  MDCA_SKIP_REASON,
  NOT_SENT_REASON,
  type BulkAction,
  type Plan,
  type PlanItem,
  type PlannedCall,
  type PlanSample,
  type PlanOptions,
  type FieldChange,
  type CallOutcome,
  type ItemOutcome,
} from './bulkPlan.js';
