/** The bundle's entry: parse the command line, then run the console or a command. */
import { parseCli } from './args.js';
import { describeError, UserError } from './errors.js';
import { helpText } from './help.js';
import { VERSION } from '../version.js';

async function run(argv: string[]): Promise<number> {
  const inv = parseCli(argv, process.env);
  switch (inv.kind) {
    case 'error':
      process.stderr.write(`mde-console: ${inv.message}\n`);
      return 2;
    case 'help':
      process.stdout.write(`${helpText(inv.topic)}\n`);
      return 0;
    case 'version':
      process.stdout.write(`mde-console ${VERSION}\n`);
      return 0;
    case 'console': {
      const { runConsole } = await import('./runConsole.js');
      const code = await runConsole(inv.global);
      // Sockets, timers or a pending device-code sign-in must not keep a quit console alive.
      process.exit(code);
    }
    case 'passthrough':
      if (inv.name === 'simulator') {
        const { runSimulatorCommand } = await import('../simulator/cli.js');
        return runSimulatorCommand(inv.args);
      } else {
        const { runProfileCommand } = await import('./profileCommand.js');
        return runProfileCommand(inv.args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, isTTY: Boolean(process.stdin.isTTY) });
      }
    case 'command': {
      const commands = {
        check: () => import('./commands/check.js'),
        indicators: () => import('./commands/indicators.js'),
        sync: () => import('./commands/sync.js'),
        stream: () => import('./commands/stream.js'),
      } as const;
      const { run } = await commands[inv.name as keyof typeof commands]();
      const code = await run(inv);
      // process.exit drops stdout still queued for a pipe (seen cutting `--output json` at 128 KiB): flush first.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      // Close sockets, timers and the in-process simulator a command may leave behind.
      process.exit(code);
    }
  }
}

const debug = process.argv.includes('--debug') || process.env.MDE_CONSOLE_DEBUG === '1';
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mde-console: ${describeError(err, debug)}\n`);
    process.exitCode = err instanceof UserError ? err.exitCode : 1;
  },
);
