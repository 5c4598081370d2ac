/**
 * `mde-console profile list|show|add|use|remove`. Profiles hold no secrets: client-secret auth names the
 * environment variable that holds the secret, so `--client-secret` is refused. Exit 0 ok, 2 bad input.
 */
import { resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  AUTH_METHODS,
  CLOUD_NAMES,
  ConfigError,
  PROFILE_NAME,
  loadConfig,
  parseProfile,
  saveConfig,
  type ConfigFile,
  type Profile,
} from '../config/index.js';
import type { ApiService, AuthMethod, CloudName, SentinelWorkspaceRef } from '../config/types.js';

export interface ProfileCommandIO {
  stdout: Pick<Writable, 'write'>;
  stderr: Pick<Writable, 'write'>;
  stdin: Readable;
  /** Whether to ask interactively for what the flags did not give. */
  isTTY: boolean;
  env?: NodeJS.ProcessEnv;
}

const USAGE = 'usage: mde-console profile list | show [NAME] | add NAME [flags] | use NAME | remove NAME';

const VALUE_FLAGS = new Set([
  '--tenant',
  '--cloud',
  '--auth',
  '--client-id',
  '--certificate',
  '--client-secret-env',
  '--managed-identity-client-id',
  '--mde-region',
  '--workspace-id',
  '--subscription',
  '--resource-group',
  '--workspace-name',
  '--eventhub-namespace-id',
  '--endpoint',
  '--ca-cert',
]);

class UsageError extends Error {}

export async function runProfileCommand(args: string[], io: ProfileCommandIO): Promise<number> {
  const out = (s: string) => io.stdout.write(`${s}\n`);
  const err = (s: string) => io.stderr.write(`${s}\n`);
  const [sub, ...rest] = args;
  try {
    const loaded = loadConfig({ env: io.env ?? process.env });
    for (const w of loaded.warnings) err(w);
    const file = loaded.file;
    switch (sub) {
      case 'list':
      case undefined: {
        const names = Object.keys(file.profiles).sort();
        if (names.length === 0) {
          out(`no profiles in ${loaded.path}; add one with: mde-console profile add NAME`);
          return 0;
        }
        for (const n of names) {
          const p = file.profiles[n]!;
          out(`${n === file.current ? '*' : ' '} ${n.padEnd(16)} ${p.cloud.padEnd(13)} ${p.auth.method.padEnd(18)} tenant ${p.tenantId}`);
        }
        return 0;
      }
      case 'show': {
        const name = rest[0] ?? file.current;
        if (!name) throw new UsageError('profile show: no current profile; name one: mde-console profile show NAME');
        const p = file.profiles[name];
        if (!p) throw new UsageError(`profile show: no profile named "${name}" in ${loaded.path}`);
        for (const line of describeProfile(name, p, name === file.current)) out(line);
        return 0;
      }
      case 'use': {
        const name = needName(rest, 'use');
        if (!file.profiles[name]) throw new UsageError(`profile use: no profile named "${name}" in ${loaded.path}`);
        saveConfig(loaded.path, { ...file, current: name });
        out(`current profile: ${name}`);
        return 0;
      }
      case 'remove': {
        const name = needName(rest, 'remove');
        if (!file.profiles[name]) throw new UsageError(`profile remove: no profile named "${name}" in ${loaded.path}`);
        const profiles = { ...file.profiles };
        delete profiles[name];
        const next: ConfigFile = { profiles };
        if (file.current && file.current !== name) next.current = file.current;
        saveConfig(loaded.path, next);
        out(`removed profile ${name}${file.current === name ? ' (it was current; pick another with: mde-console profile use NAME)' : ''}`);
        return 0;
      }
      case 'add': {
        const name = needName(rest, 'add');
        if (!PROFILE_NAME.test(name)) throw new UsageError(`profile add: invalid name "${name}" (use letters, digits, ".", "_" and "-", at most 64)`);
        if (file.profiles[name]) throw new UsageError(`profile add: "${name}" already exists; remove it first or choose another name`);
        const flags = parseFlags(rest.slice(1));
        const profile = await buildProfile(flags, io);
        const checked = parseProfile(profile);
        if (!checked.ok) throw new UsageError(`profile add: ${checked.problem}`);
        const next: ConfigFile = { ...file, profiles: { ...file.profiles, [name]: checked.value } };
        if (!next.current) next.current = name;
        saveConfig(loaded.path, next);
        out(`added profile ${name} to ${loaded.path}${next.current === name ? ' (current)' : ''}`);
        if (checked.value.auth.method === 'client-secret') out(`sign-in will read the client secret from $${checked.value.auth.clientSecretEnv}`);
        return 0;
      }
      default:
        throw new UsageError(`profile: unknown subcommand "${sub}"; ${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
}

function needName(rest: string[], sub: string): string {
  const name = rest[0];
  if (!name || name.startsWith('-')) throw new UsageError(`profile ${sub}: missing profile NAME; ${USAGE}`);
  return name;
}

type Flags = Map<string, string[]>;

function parseFlags(argv: string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    if (flag === '--client-secret') {
      throw new UsageError('profile add: --client-secret is refused (command lines end up in shell history and process lists); put the secret in an environment variable and pass --client-secret-env VAR');
    }
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`profile add: unknown flag ${flag}`);
    const value = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`profile add: ${flag} needs a value`);
    flags.set(flag, [...(flags.get(flag) ?? []), value]);
  }
  return flags;
}

async function buildProfile(flags: Flags, io: ProfileCommandIO): Promise<Profile> {
  const one = (f: string) => flags.get(f)?.at(-1);
  // Lines are read through the async iterator, which buffers them: answers typed (or piped) ahead of a prompt
  // are kept rather than lost, unlike rl.question().
  const rl = io.isTTY ? createInterface({ input: io.stdin, terminal: false }) : undefined;
  const lines = rl?.[Symbol.asyncIterator]();
  const ask = async (question: string, fallback?: string): Promise<string | undefined> => {
    if (!lines) return fallback;
    io.stdout.write(`${question}${fallback ? ` [${fallback}]` : ''}: `);
    const next = await lines.next();
    const answer = next.done ? '' : String(next.value).trim();
    return answer || fallback;
  };
  try {
    const tenantId = one('--tenant') ?? (await ask('Tenant id (GUID or domain)'));
    if (!tenantId) throw new UsageError('profile add: --tenant is required (or run in a terminal to be asked)');
    const cloud = (one('--cloud') ?? (await ask(`Cloud (${CLOUD_NAMES.join(', ')})`, 'public'))) as CloudName;
    const method = (one('--auth') ?? (await ask(`Auth method (${AUTH_METHODS.join(', ')})`, 'device-code'))) as AuthMethod;
    const auth: Profile['auth'] = { method };
    const clientId = one('--client-id') ?? (method === 'client-certificate' || method === 'client-secret' ? await ask('App (client) id') : undefined);
    if (clientId) auth.clientId = clientId;
    const cert = one('--certificate') ?? (method === 'client-certificate' ? await ask('Certificate PEM file (with private key)') : undefined);
    if (cert) auth.certificatePath = resolvePath(cert);
    const secretEnv = one('--client-secret-env') ?? (method === 'client-secret' ? await ask('Environment variable holding the client secret', 'MDE_CONSOLE_CLIENT_SECRET') : undefined);
    if (secretEnv) auth.clientSecretEnv = secretEnv;
    const mi = one('--managed-identity-client-id');
    if (mi) auth.managedIdentityClientId = mi;

    const profile: Profile = { tenantId, cloud, auth };
    const region = one('--mde-region');
    if (region) profile.mdeRegion = region;

    let ws = {
      subscriptionId: one('--subscription'),
      resourceGroup: one('--resource-group'),
      workspaceName: one('--workspace-name'),
      workspaceId: one('--workspace-id'),
    };
    const anyWs = Object.values(ws).some(Boolean);
    if (!anyWs && rl && (await ask('Add a Sentinel workspace? (y/N)', 'n'))?.toLowerCase().startsWith('y')) {
      ws = {
        subscriptionId: await ask('Subscription id'),
        resourceGroup: await ask('Resource group'),
        workspaceName: await ask('Workspace name'),
        workspaceId: await ask('Workspace id (GUID)'),
      };
    }
    if (Object.values(ws).some(Boolean)) {
      const missing = Object.entries({ '--subscription': ws.subscriptionId, '--resource-group': ws.resourceGroup, '--workspace-name': ws.workspaceName, '--workspace-id': ws.workspaceId })
        .filter(([, v]) => !v)
        .map(([k]) => k);
      if (missing.length) throw new UsageError(`profile add: a Sentinel workspace needs ${missing.join(', ')} as well`);
      profile.sentinel = ws as SentinelWorkspaceRef;
    }
    const eh = one('--eventhub-namespace-id') ?? (rl ? await ask('Event Hubs namespace resource id (optional)') : undefined);
    if (eh) profile.eventHubNamespaceId = eh;

    const endpoints: Partial<Record<ApiService, string>> = {};
    for (const spec of flags.get('--endpoint') ?? []) {
      const m = /^([a-z]+)=(.+)$/.exec(spec);
      if (!m || !['login', 'graph', 'mde', 'arm', 'loganalytics'].includes(m[1]!)) {
        throw new UsageError(`profile add: --endpoint expects SERVICE=URL with SERVICE one of login, graph, mde, arm, loganalytics (got "${spec}")`);
      }
      endpoints[m[1] as ApiService] = m[2]!;
    }
    if (Object.keys(endpoints).length) profile.endpoints = endpoints;
    const ca = one('--ca-cert');
    if (ca) profile.caCertFile = resolvePath(ca);
    return profile;
  } finally {
    rl?.close();
  }
}

/** Human view of a profile. Config files hold no secrets; the secret's env var is named, its value never read. */
function describeProfile(name: string, p: Profile, current: boolean): string[] {
  const lines = [`profile ${name}${current ? ' (current)' : ''}`, `  tenant        ${p.tenantId}`, `  cloud         ${p.cloud}${p.mdeRegion ? ` (MDE region ${p.mdeRegion})` : ''}`, `  auth          ${p.auth.method}`];
  if (p.auth.clientId) lines.push(`  client id     ${p.auth.clientId}`);
  if (p.auth.certificatePath) lines.push(`  certificate   ${p.auth.certificatePath}`);
  if (p.auth.clientSecretEnv) lines.push(`  secret from   $${p.auth.clientSecretEnv}`);
  if (p.auth.managedIdentityClientId) lines.push(`  identity      ${p.auth.managedIdentityClientId}`);
  if (p.sentinel) {
    lines.push(`  sentinel      ${p.sentinel.subscriptionId}/${p.sentinel.resourceGroup}/${p.sentinel.workspaceName} (workspace id ${p.sentinel.workspaceId})`);
  }
  if (p.eventHubNamespaceId) lines.push(`  event hubs    ${p.eventHubNamespaceId}`);
  for (const [svc, url] of Object.entries(p.endpoints ?? {})) lines.push(`  endpoint      ${svc} = ${url}`);
  if (p.caCertFile) lines.push(`  trusts CA     ${p.caCertFile}`);
  return lines;
}
