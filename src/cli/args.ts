/**
 * Command-line parsing. Pure: argv in, a discriminated result out. Every mistake becomes one
 * line that names the problem and points at --help; main.ts prints it and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type SubcommandName = 'check' | 'indicators' | 'sync' | 'stream' | 'simulator' | 'profile';

export interface GlobalOptions {
  demo: boolean;
  profile?: string;
  write: boolean;
  /** Seconds between polls of the visible screen; undefined = each screen's default. */
  refreshSeconds?: number;
  color: boolean;
  debug: boolean;
}

export type CliInvocation =
  | { kind: 'help'; topic?: SubcommandName }
  | { kind: 'version' }
  | { kind: 'console'; global: GlobalOptions }
  | { kind: 'command'; name: SubcommandName; global: GlobalOptions; values: Record<string, string | boolean | undefined>; positionals: string[] }
  /** simulator and profile parse their own arguments. */
  | { kind: 'passthrough'; name: 'simulator' | 'profile'; global: GlobalOptions; args: string[] }
  | { kind: 'error'; message: string };

type Options = NonNullable<ParseArgsConfig['options']>;

const GLOBAL_OPTIONS: Options = {
  demo: { type: 'boolean' },
  profile: { type: 'string' },
  write: { type: 'boolean' },
  refresh: { type: 'string' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

/** Options each subcommand adds to the global ones; the values' meaning is the subcommand's. */
export const SUBCOMMAND_OPTIONS: Record<Exclude<SubcommandName, 'simulator' | 'profile'>, Options> = {
  check: { only: { type: 'string' }, output: { type: 'string' } },
  indicators: {
    creator: { type: 'string' },
    scope: { type: 'string' },
    type: { type: 'string' },
    action: { type: 'string' },
    expiring: { type: 'string' },
    expired: { type: 'boolean' },
    search: { type: 'string' },
    output: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean' },
  },
  sync: { since: { type: 'string' }, state: { type: 'string' }, output: { type: 'string' } },
  stream: { window: { type: 'string' }, output: { type: 'string' } },
};

const OUTPUT_CHOICES: Record<string, readonly string[]> = {
  check: ['text', 'json'],
  indicators: ['table', 'json', 'csv'],
  sync: ['text', 'json'],
  stream: ['text', 'json'],
};

const SUBCOMMANDS: readonly SubcommandName[] = ['check', 'indicators', 'sync', 'stream', 'simulator', 'profile'];

function isSubcommand(s: string): s is SubcommandName {
  return (SUBCOMMANDS as readonly string[]).includes(s);
}

/** node:util's messages are long and end with advice for programmers; say it our way. */
function friendly(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) return `unknown option ${unknown[1]} (see mde-console --help)`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(msg);
  if (missing) return `option ${missing[1]?.replace(/^-\w, /, '')} needs a value (see mde-console --help)`;
  const unexpected = /Unexpected argument '([^']+)'/.exec(msg);
  if (unexpected) return `unexpected argument "${unexpected[1]}" (see mde-console --help)`;
  return `${msg.split('\n')[0]} (see mde-console --help)`;
}

function globalFrom(values: Record<string, string | boolean | undefined>): GlobalOptions | string {
  let refreshSeconds: number | undefined;
  if (values.refresh !== undefined) {
    const n = Number(values.refresh);
    // k9s keeps a 2 s floor for the same reason: faster polling burns API budget and CPU.
    if (!Number.isFinite(n) || n < 2 || n > 3600) return `--refresh must be a number of seconds between 2 and 3600 (got "${String(values.refresh)}")`;
    refreshSeconds = n;
  }
  if (values.profile === '') return '--profile needs a profile name (see mde-console profile list)';
  if (values.demo && values.profile !== undefined) return '--demo and --profile cannot be used together: --demo is its own profile';
  return {
    demo: values.demo === true,
    profile: values.profile as string | undefined,
    write: values.write === true,
    refreshSeconds,
    // NO_COLOR (https://no-color.org): any non-empty value disables colour.
    color: values['no-color'] !== true,
    debug: values.debug === true,
  };
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliInvocation {
  const subIndex = argv.findIndex((a) => !a.startsWith('-') && isSubcommand(a));
  // A bare word that is not a subcommand is a typo worth naming.
  const firstWord = argv.find((a, i) => !a.startsWith('-') && (i === 0 || !['--profile', '--refresh'].includes(argv[i - 1] ?? '')));
  if (subIndex === -1 && firstWord !== undefined) {
    return { kind: 'error', message: `unknown command "${firstWord}" (commands: ${SUBCOMMANDS.join(', ')}; see mde-console --help)` };
  }

  const name = subIndex === -1 ? undefined : (argv[subIndex] as SubcommandName);
  const before = subIndex === -1 ? [...argv] : argv.slice(0, subIndex);
  const after = subIndex === -1 ? [] : argv.slice(subIndex + 1);

  if (name === 'simulator' || name === 'profile') {
    let parsedBefore;
    try {
      parsedBefore = parseArgs({ args: before, options: GLOBAL_OPTIONS, strict: true, allowPositionals: false });
    } catch (err) {
      return { kind: 'error', message: friendly(err) };
    }
    if (parsedBefore.values.help || after.includes('--help') || after.includes('-h')) return { kind: 'help', topic: name };
    const global = globalFrom(parsedBefore.values as Record<string, string | boolean | undefined>);
    if (typeof global === 'string') return { kind: 'error', message: global };
    if (env.NO_COLOR) global.color = false;
    return { kind: 'passthrough', name, global, args: after };
  }

  const options: Options = name ? { ...GLOBAL_OPTIONS, ...SUBCOMMAND_OPTIONS[name] } : GLOBAL_OPTIONS;
  let parsed;
  try {
    parsed = parseArgs({ args: [...before, ...after], options, strict: true, allowPositionals: name !== undefined });
  } catch (err) {
    return { kind: 'error', message: friendly(err) };
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return name ? { kind: 'help', topic: name } : { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const global = globalFrom(values);
  if (typeof global === 'string') return { kind: 'error', message: global };
  if (env.NO_COLOR) global.color = false;

  if (!name) return { kind: 'console', global };

  const output = values.output;
  const choices = OUTPUT_CHOICES[name];
  if (typeof output === 'string' && choices && !choices.includes(output)) {
    return { kind: 'error', message: `--output must be one of ${choices.join(', ')} (got "${output}")` };
  }
  return { kind: 'command', name, global, values, positionals: parsed.positionals };
}
