/**
 * Validate a (sanitised) response body against a schema. A failure names the API, the operation,
 * the field path and the request id in one line, e.g.
 *   "MDE API on GET /api/indicators: unexpected response: value[3].id expected string, received number (request id …)".
 */
import { z, type ZodType } from 'zod';
import { ApiError } from '../errors.js';
import type { ApiServiceName } from '../operations.js';

export interface ParseContext {
  service: ApiServiceName;
  method: string;
  url: string;
  requestId: string | undefined;
  operation?: string;
}

/** `value[3].properties.title` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(body)';
}

export function parseWith<T>(schema: ZodType<T>, body: unknown, ctx: ParseContext): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue?.path ?? []);
  // zod 4 messages read "Invalid input: expected string, received number"; keep the useful tail.
  const why = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
  const more = result.error.issues.length > 1 ? ` (+${result.error.issues.length - 1} more)` : '';
  let pathname = ctx.url;
  try {
    pathname = new URL(ctx.url).pathname;
  } catch {
    /* keep as is */
  }
  throw new ApiError({
    kind: 'schema',
    service: ctx.service,
    operation: ctx.operation ?? `${ctx.method} ${pathname}`,
    method: ctx.method,
    path: pathname,
    code: 'UnexpectedResponse',
    message: `unexpected response: field ${path} ${why}${more}`,
    requestId: ctx.requestId,
  });
}

// Building blocks. Enum-like fields are plain strings: values Microsoft adds later are kept.
// No `.transform()` here: these are on most fields of ~115,000 records per full load, and the
// pipe a transform adds per field made a Defender incident ~4× slower to check (48,707 incidents:
// 165 → 38 ms) than `.default()` / `z.preprocess` with the same results.
/** Nullable string the console can live without: missing → null. */
export const optStr = z.string().nullable().default(null);
export const optNum = z.number().nullable().default(null);
export const optBool = z.boolean().nullable().default(null);
/** String array; missing or null → [] (a new array per record, never a shared one). */
export const strArray = z.preprocess((v) => v ?? [], z.array(z.string()));

/**
 * Compile-time check that a record schema declares every field of its domain type. The list-item
 * schemas are `z.object` (undeclared keys dropped): `z.looseObject` copied each undeclared key with
 * a computed-key store, and past a dozen such keys V8 turns the object into a dictionary, ~1.6 KB per
 * stored indicator instead of ~0.2 KB. Dropping is only safe while every field the console reads is
 * declared; a field added to the domain type but not to the schema makes this type an error naming it.
 *
 *   const _fields: DeclaresAll<typeof indicatorSchema, Indicator> = true;
 */
export type DeclaresAll<S extends z.ZodType, T> = [Exclude<keyof T, keyof z.output<S>>] extends [never] ? true : { undeclared: Exclude<keyof T, keyof z.output<S>> };
