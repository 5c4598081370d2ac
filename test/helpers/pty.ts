/**
 * Runs the BUILT console in a real pseudo-terminal and reads the screen through a headless xterm,
 * as a user would see it (tui-notes §5.2). Tests wait on what the screen shows, never on sleeps.
 */
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { resolve } from 'node:path';

const { Terminal } = xterm;

export const BIN = resolve(import.meta.dirname, '../../bin/mde-console.js');

export interface PtySession {
  pty: IPty;
  term: InstanceType<typeof Terminal>;
  /** Bytes the program wrote to the terminal so far. */
  bytesWritten(): number;
  screen(): Promise<string>;
  lines(): Promise<string[]>;
  write(data: string): void;
  waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  resize(cols: number, rows: number): void;
  bufferType(): 'normal' | 'alternate';
  /** Resolves with the exit code. */
  exited: Promise<number>;
  kill(): void;
}

export function startConsole(args: string[], opts: { cols?: number; rows?: number; env?: Record<string, string | undefined> } = {}): PtySession {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', FORCE_COLOR: '1', ...opts.env })) {
    if (v !== undefined) env[k] = v;
  }
  // Ink treats CI as non-interactive; the console overrides that, but keep the test honest about
  // what a user's terminal looks like.
  delete env.CI;
  const pty = spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols, rows, cwd: process.cwd(), env });
  let bytes = 0;
  pty.onData((d) => {
    bytes += Buffer.byteLength(d);
    term.write(d);
  });
  // Let the emulator answer terminal queries (DSR, DA) the program sends.
  term.onData((d) => pty.write(d));
  const exited = new Promise<number>((res) => pty.onExit(({ exitCode }) => res(exitCode)));

  const flush = () => new Promise<void>((res) => term.write('', () => res()));
  const lines = async () => {
    await flush();
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < term.rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out;
  };
  const screen = async () => (await lines()).join('\n');
  const waitFor = async (predicate: (s: string) => boolean, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await screen();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
  };
  return {
    pty,
    term,
    bytesWritten: () => bytes,
    screen,
    lines,
    write: (d) => pty.write(d),
    waitFor,
    waitForText: (text, timeoutMs) =>
      waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), `text ${String(text)}`, timeoutMs),
    resize: (c, r) => {
      pty.resize(c, r);
      term.resize(c, r);
    },
    bufferType: () => term.buffer.active.type,
    exited,
    kill: () => {
      try {
        pty.kill();
      } catch {
        // already gone
      }
    },
  };
}
