/** Log Analytics query API schema (api-contracts §d). */
import { z } from 'zod';
import type { LogAnalyticsResult } from '../../domain/types.js';

export const logAnalyticsResultSchema = z.looseObject({
  tables: z.array(
    z.looseObject({
      name: z.string(),
      columns: z.array(z.looseObject({ name: z.string(), type: z.string() })),
      rows: z.array(z.array(z.unknown())),
    }),
  ),
  // 200 + PartialError: part of the query failed; rows that were produced are still returned.
  error: z.looseObject({ code: z.string(), message: z.string() }).nullish(),
});
const _check: (x: z.output<typeof logAnalyticsResultSchema>) => LogAnalyticsResult = (x) => x;
void _check;
