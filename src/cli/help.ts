/** --help texts. Kept next to the parser so a new flag and its help land together. */
import type { SubcommandName } from './args.js';

export const MAIN_HELP = `mde-console — a keyboard-driven console for Microsoft Defender for Endpoint and its integrations
(Defender for Cloud Apps, Microsoft Sentinel, the Streaming API).

Usage
  mde-console [--demo | --profile NAME] [--write] [--refresh SECONDS] [--no-color] [--debug]
  mde-console <command> [options]

Interactive console (needs a terminal)
  --demo              run against the built-in simulated tenant (no sign-in, nothing leaves this machine)
  --profile NAME      use this profile from the config file (default: the current profile)
  --write             allow changes to the tenant (each one is planned and confirmed first);
                      without it the console is read-only, enforced in the API client
  --refresh SECONDS   poll the visible screen every SECONDS (2–3600; default per screen)
  --no-color          no colours (also when NO_COLOR is set); status is always shown as a word too
  --debug             show stack traces for errors
  -v, --version       print the version
  -h, --help          this help; "mde-console <command> --help" for a command

Commands (for scripts and quick checks; they print and exit)
  check               integration health checks; exit 0 OK, 1 WARN, 2 FAIL, 3 UNKNOWN
  indicators          list, import or delete custom indicators
  sync                Defender ↔ Sentinel incident sync report
  stream              Streaming API throughput, gaps, capacity and ingestion cost
  simulator           run the simulated tenant on its own (for other tools and tests)
  profile             list, show, add, use or remove profiles

Examples
  npx mde-console --demo                       try it on the simulated tenant
  mde-console --profile contoso                 watch a real tenant, read-only
  mde-console check --demo --output json        health checks as JSON
  mde-console indicators list --creator mdca --expired --output csv
  mde-console simulator --port 8443 --scale large

Keys: 1–4 switch screens, : opens the command line, ? shows every key, q quits.
Config: $MDE_CONSOLE_CONFIG or $XDG_CONFIG_HOME/mde-console/config.json (~/.config/mde-console/config.json).`;

const COMMAND_HELP: Record<SubcommandName, string> = {
  check: `Usage: mde-console check [--only AREA,…] [--output text|json] [--profile NAME | --demo]

Runs the integration health checks once and prints them.
  --only AREA,…       licences, mdca, network-protection, devices, office-identity, sentinel, streaming,
                      retention, incident-sync
  --output text|json  text for people (default), JSON with a stable schema for machines
Exit codes (monitoring-plugin convention): 0 all OK, 1 some WARN, 2 some FAIL, 3 UNKNOWN or could not run.

Examples
  mde-console check --demo
  mde-console check --only sentinel,streaming --output json`,
  indicators: `Usage:
  mde-console indicators list [--creator C] [--scope G] [--type T] [--action A] [--expiring DAYS] [--expired]
                              [--search TEXT] [--output table|json|csv]
  mde-console indicators import FILE [--dry-run] [--write]
  mde-console indicators delete [filters] --write [--yes]

  --creator C   mdca, person, app, portal, other, or class:name (e.g. person:alice@contoso.com)
  --scope G     a device-group name, or "all" for indicators that apply to all devices
  --output csv  the Defender portal's CSV import format (a backup you can import again)
Exit codes: 0 success, 1 partial failure, 2 bad input or refused.

Examples
  mde-console indicators list --demo --creator mdca --scope Finance
  mde-console indicators import new.csv --dry-run
  mde-console indicators delete --expired --write`,
  sync: `Usage: mde-console sync [--since DURATION] [--state STATE,…] [--output text|json]

Compares Defender incidents with their Microsoft Sentinel copies.
  --since DURATION   window of Defender incidents, e.g. 24h, 7d (default 7d)
  --state STATE,…    inSync, pending, missing, drifted, duplicated, orphaned
Exit codes: 0 all in sync, 1 pending or drift within tolerance, 2 missing, drifted or duplicated, 3 could not run.`,
  stream: `Usage: mde-console stream [--window DURATION] [--output text|json]

Streaming API throughput per table, gaps, Event Hubs capacity and ingestion cost, once.
  --window DURATION   per-minute history to read, e.g. 15m, 1h, 6h (default 1h, at most 24h)
  --output text|json  text for people (default), JSON schema mde-console/stream-report@1 for machines
Exit codes: 0 no findings, 1 warnings only (ingress ≥ 80 % of capacity), 2 a gap, ingress over capacity,
throttling or too many hubs, 3 could not run completely.

Examples
  mde-console stream --demo
  mde-console stream --window 6h --output json`,
  simulator: `Usage: mde-console simulator [--port N] [--seed N] [--scale demo|large] [--speed X] [--faults SPEC] [--http-port N]
                            [--auto-approve-ms N]

Runs the simulated tenant on its own on loopback HTTPS and prints how to connect (base URLs, tenant,
client id and secret, where its CA certificate is); Ctrl-C stops it.
  --scale large        15,000 indicators, ~50,000 incidents per side, 20,000 devices
  --speed X            simulated time runs X times faster
  --faults SPEC        e.g. mde:429:5,graph:503:2,arm:latency:300 (see README, "Control API and faults")
  --auto-approve-ms N  approve device-code sign-ins after N ms (default 5000; 0 = only via /_sim)`,
  profile: `Usage: mde-console profile list|show [NAME]|add NAME [flags]|use NAME|remove NAME

Profiles live in $MDE_CONSOLE_CONFIG or $XDG_CONFIG_HOME/mde-console/config.json.
"profile add NAME" asks for what it needs, or takes flags (see README). A client secret is never
accepted on the command line: name the environment variable that holds it instead.`,
};

export function helpText(topic?: SubcommandName): string {
  return topic ? COMMAND_HELP[topic] : MAIN_HELP;
}
