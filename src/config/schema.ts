/**
 * zod schema of config.json. Objects are strict so a misspelt key ("tenantID") is reported instead of
 * silently ignored; every message is turned into one line by `formatIssue`.
 */
import { z } from 'zod';
import { CLOUD_NAMES, MDE_REGIONS } from './clouds.js';
import type { AuthMethod, CloudName, Profile } from './types.js';

export const AUTH_METHODS: readonly AuthMethod[] = [
  'device-code',
  'azure-cli',
  'environment',
  'client-certificate',
  'managed-identity',
  'client-secret',
];

export const API_SERVICES = ['login', 'graph', 'mde', 'arm', 'loganalytics'] as const;

/** Profile names appear in file names, prompts and `--profile`: keep them plain. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Environment variable names as POSIX shells accept them. */
const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const httpsUrl = z.string().refine((v) => {
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}, 'expected an https:// URL (bearer tokens are only sent over TLS)');

const positive = z.number().positive('must be greater than 0');

const authSchema = z.strictObject({
  method: z.enum(AUTH_METHODS as [AuthMethod, ...AuthMethod[]]),
  clientId: nonEmpty.optional(),
  certificatePath: nonEmpty.optional(),
  clientSecretEnv: z.string().regex(ENV_VAR_NAME, 'expected an environment variable name such as MDE_CLIENT_SECRET').optional(),
  managedIdentityClientId: nonEmpty.optional(),
});

const profileSchema = z
  .strictObject({
    tenantId: nonEmpty,
    cloud: z.enum(CLOUD_NAMES as [CloudName, ...CloudName[]]),
    mdeRegion: z.enum(MDE_REGIONS).optional(),
    auth: authSchema,
    sentinel: z
      .strictObject({
        subscriptionId: nonEmpty,
        resourceGroup: nonEmpty,
        workspaceName: nonEmpty,
        workspaceId: nonEmpty,
      })
      .optional(),
    eventHubNamespaceId: z
      .string()
      .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+$/i, 'expected an ARM resource id /subscriptions/…/resourceGroups/…/providers/Microsoft.EventHub/namespaces/…')
      .optional(),
    endpoints: z.partialRecord(z.enum(API_SERVICES), httpsUrl).optional(),
    caCertFile: nonEmpty.optional(),
    thresholds: z
      .strictObject({
        tableFreshnessMinutes: positive,
        syncWindowMinutes: positive,
        syncLookbackDays: positive,
        streamGapMinutes: positive,
        retentionPolicyDays: positive,
        expiringSoonDays: positive,
      })
      .partial()
      .optional(),
    cost: z.strictObject({ pricePerGb: z.number().nonnegative('must not be negative'), currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD') }).partial().optional(),
    creatorRules: z
      .array(
        z.strictObject({
          class: z.enum(['mdca', 'person', 'app', 'portal', 'other']),
          field: z.enum(['createdBySource', 'createdBy', 'createdByDisplayName', 'sourceType']),
          pattern: z.string().refine((p) => {
            try {
              new RegExp(p, 'i');
              return true;
            } catch {
              return false;
            }
          }, 'expected a valid regular expression'),
        }),
      )
      .optional(),
  })
  .superRefine((p, ctx) => {
    // Each auth method needs its own settings; checking here names the exact key that is missing.
    const need = (key: 'clientId' | 'certificatePath' | 'clientSecretEnv', why: string) => {
      if (!p.auth[key]) ctx.addIssue({ code: 'custom', path: ['auth', key], message: `required for ${why}` });
    };
    if (p.auth.method === 'client-certificate') {
      need('clientId', 'client-certificate auth');
      need('certificatePath', 'client-certificate auth');
    }
    if (p.auth.method === 'client-secret') {
      need('clientId', 'client-secret auth');
      need('clientSecretEnv', 'client-secret auth (the secret is read from that environment variable)');
    }
    if (p.mdeRegion && p.cloud !== 'public') {
      ctx.addIssue({ code: 'custom', path: ['mdeRegion'], message: 'regional MDE API hosts exist only in the public cloud' });
    }
  });

export const configFileSchema = z.strictObject({
  current: z.string().optional(),
  profiles: z.record(z.string(), profileSchema),
});

export type ConfigFile = { current?: string; profiles: Record<string, Profile> };

/** Validates a parsed config file; on failure returns the first problem as "<key.path>: <what is wrong>". */
export function parseConfigFile(raw: unknown): { ok: true; value: ConfigFile } | { ok: false; problem: string } {
  const r = configFileSchema.safeParse(raw);
  if (!r.success) return { ok: false, problem: formatIssue(r.error.issues[0]!, raw) };
  const file = r.data as ConfigFile;
  for (const name of Object.keys(file.profiles)) {
    if (!PROFILE_NAME.test(name)) {
      return { ok: false, problem: `profiles.${name}: invalid profile name (use letters, digits, ".", "_" and "-", at most 64)` };
    }
  }
  if (file.current !== undefined && !(file.current in file.profiles)) {
    const have = Object.keys(file.profiles);
    return { ok: false, problem: `current: no profile named ${JSON.stringify(file.current)} (have: ${have.length ? have.join(', ') : 'none'})` };
  }
  return { ok: true, value: file };
}

/** Validates one profile (used by `profile add`); on failure "<key.path>: <what is wrong>". */
export function parseProfile(raw: unknown): { ok: true; value: Profile } | { ok: false; problem: string } {
  const r = profileSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data as Profile };
  return { ok: false, problem: formatIssue(r.error.issues[0]!, raw) };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export function keyPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/**
 * One issue as "<key.path>: <what is wrong>", e.g.
 * `profiles.prod.cloud: expected one of public, usgov-gcc, usgov-gcchigh, usgov-dod, china (got "gov")`.
 */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path;
  const got = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_value':
      return `${keyPath(path)}: expected one of ${issue.values.map(String).join(', ')} (got ${describe(got)})`;
    case 'invalid_type':
      if (got === undefined) return `${keyPath(path)}: missing (expected ${issue.expected})`;
      return `${keyPath(path)}: expected ${issue.expected} (got ${describe(got)})`;
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '?';
      return `${keyPath([...path, key])}: unknown key`;
    }
    case 'invalid_format':
      return `${keyPath(path)}: ${issue.message} (got ${describe(got)})`;
    default:
      return `${keyPath(path)}: ${issue.message}${got !== undefined && typeof got !== 'object' ? ` (got ${describe(got)})` : ''}`;
  }
}
