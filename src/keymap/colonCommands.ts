/**
 * The k9s-style command line opened with `:`. Parsing and completion are pure; what a command
 * does is decided by the app (screens register handlers for the commands that are theirs).
 */

export interface ColonCommand {
  name: string;
  aliases: readonly string[];
  /** e.g. "COLUMN [asc|desc]". */
  usage?: string;
  description: string;
  /** Screen the command belongs to; undefined = everywhere. */
  screen?: 'health' | 'indicators' | 'sync' | 'stream';
}

import { SCREEN_COLON_COMMANDS } from './screens/index.js';

const SHELL_COLON_COMMANDS: readonly ColonCommand[] = [
  { name: 'health', aliases: ['h', 'he'], description: 'Integration health screen' },
  { name: 'indicators', aliases: ['ind', 'i', 'ioc'], description: 'Indicators screen' },
  { name: 'sync', aliases: ['inc', 'incidents'], description: 'Sentinel incident sync screen' },
  { name: 'stream', aliases: ['streaming', 'tp', 'throughput'], description: 'Streaming throughput screen' },
  { name: 'help', aliases: ['?'], description: 'Show keys and commands' },
  { name: 'quit', aliases: ['q', 'q!', 'exit'], description: 'Quit' },
];

/** Every `:` command: the shell's and each screen's (src/keymap/screens/<screen>.ts). */
export const COLON_COMMANDS: readonly ColonCommand[] = [...SHELL_COLON_COMMANDS, ...SCREEN_COLON_COMMANDS];

export type ParsedCommand =
  | { kind: 'empty' }
  | { kind: 'ok'; command: ColonCommand; args: string[] }
  | { kind: 'unknown'; name: string; message: string };

/** Splits on whitespace, keeping "double quoted" arguments whole. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(m[1] ?? m[2] ?? '');
  return out;
}

function find(name: string, commands: readonly ColonCommand[]): ColonCommand | undefined {
  const n = name.toLowerCase();
  return commands.find((c) => c.name === n || c.aliases.includes(n));
}

export function parseCommandLine(text: string, commands: readonly ColonCommand[] = COLON_COMMANDS): ParsedCommand {
  const [name, ...args] = tokenize(text.trim().replace(/^:/, ''));
  if (!name) return { kind: 'empty' };
  const command = find(name, commands);
  if (!command) {
    const near = completions(name, commands);
    const suggestion = near.length > 0 ? ` — did you mean :${near[0]}?` : '';
    return { kind: 'unknown', name, message: `unknown command ":${name}"${suggestion} (type :help for the list)` };
  }
  return { kind: 'ok', command, args };
}

/** Command names starting with the given prefix (names first, then aliases), without duplicates. */
export function completions(prefix: string, commands: readonly ColonCommand[] = COLON_COMMANDS): string[] {
  const p = prefix.toLowerCase();
  const names = commands.filter((c) => c.name.startsWith(p)).map((c) => c.name);
  return [...new Set(names)];
}

/**
 * Tab completion of the command name (the first word). One match completes it and adds a space;
 * several complete to their longest common prefix; the caller shows the candidates.
 */
export function complete(text: string, commands: readonly ColonCommand[] = COLON_COMMANDS): { text: string; candidates: string[] } {
  if (/\s/.test(text)) return { text, candidates: [] };
  const candidates = completions(text, commands);
  if (candidates.length === 0) return { text, candidates };
  if (candidates.length === 1) return { text: `${candidates[0]} `, candidates };
  let common = candidates[0] ?? '';
  for (const c of candidates) {
    while (!c.startsWith(common)) common = common.slice(0, -1);
  }
  return { text: common.length > text.length ? common : text, candidates };
}
