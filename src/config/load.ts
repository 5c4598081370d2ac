/** Reads and validates config.json; every fault is a ConfigError with one line naming file and key. */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { jsonErrorOffset, lineColumn } from './jsonPosition.js';
import { configFilePath } from './paths.js';
import { parseConfigFile, type ConfigFile } from './schema.js';

export interface LoadedConfig {
  path: string;
  /** False when the file does not exist yet (an empty config is returned). */
  exists: boolean;
  file: ConfigFile;
  /** One-line warnings to show the operator (e.g. file permissions). */
  warnings: string[];
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Explicit path; default from the environment (see configFilePath). */
  path?: string;
  platform?: NodeJS.Platform;
}

export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const path = opts.path ?? configFilePath(opts.env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, file: { profiles: {} }, warnings: [] };
    throw new ConfigError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions`);
  }
  const file = parseConfigText(text, path);
  const warnings: string[] = [];
  const w = permissionWarning(path, file, opts.platform ?? process.platform);
  if (w) warnings.push(w);
  return { path, exists: true, file, warnings };
}

export function parseConfigText(text: string, path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path}: not valid JSON (${jsonErrorWhere(text, err)}); fix the file or move it away and run \`mde-console profile add\``);
  }
  const r = parseConfigFile(raw);
  if (!r.ok) throw new ConfigError(`${path}: ${r.problem}`);
  return r.value;
}

/** "line L column C" of the first syntax error, plus the engine's short reason. */
function jsonErrorWhere(text: string, err: unknown): string {
  const reason = (err instanceof Error ? err.message : String(err)).split(/, "|\n/)[0]!.slice(0, 80);
  const offset = jsonErrorOffset(text);
  if (offset < 0) return reason;
  if (offset >= text.length) return 'unexpected end of file';
  const { line, column } = lineColumn(text, offset);
  return `line ${line} column ${column}: ${reason}`;
}

/**
 * A config that names a private-key certificate should not be readable by others: the file tells an attacker
 * exactly which key file unlocks the tenant. Client secrets are never in the file (only an env var name).
 */
export function permissionWarning(path: string, file: ConfigFile, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return undefined; // POSIX mode bits are meaningless there.
  const named = Object.entries(file.profiles).find(([, p]) => p.auth.certificatePath);
  if (!named) return undefined;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return `warning: ${path} is readable by group/others (mode ${mode.toString(8).padStart(4, '0')}) and names a certificate file (profiles.${named[0]}.auth.certificatePath); run: chmod 600 ${path}`;
}
