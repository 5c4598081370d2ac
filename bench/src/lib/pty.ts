/**
 * A program in a real pseudo-terminal with a headless xterm reading its output — the same
 * arrangement as test/helpers/pty.ts (tui-notes §5.2), plus what a benchmark needs: the time of
 * each chunk, byte counts and the process id for /proc sampling.
 */
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export interface BenchPty {
  pty: IPty;
  pid: number;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  bytes(): number;
  /** Resolves with the performance.now() of the first chunk after which the screen satisfies `predicate`. */
  frameWhere(predicate: (screen: string) => boolean, timeoutMs: number, what: string): Promise<number>;
  screen(): string;
  write(data: string): void;
  /** Waits until no output arrived for `quietMs` (bounded by timeoutMs). */
  settle(quietMs: number, timeoutMs: number): Promise<void>;
  resize(cols: number, rows: number): void;
  kill(): Promise<void>;
}

export function startInPty(args: string[], opts: { cols: number; rows: number; env?: Record<string, string | undefined> }): BenchPty {
  const term = new Terminal({ cols: opts.cols, rows: opts.rows, allowProposedApi: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', FORCE_COLOR: '1', ...opts.env })) {
    if (v !== undefined) env[k] = v;
  }
  delete env.CI;
  const spawnedAt = performance.now();
  const pty = spawn(process.execPath, args, { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, cwd: process.cwd(), env });
  let bytes = 0;
  let lastDataAt = performance.now();
  const waiters = new Set<(at: number) => void>();
  pty.onData((d) => {
    bytes += Buffer.byteLength(d);
    lastDataAt = performance.now();
    const at = lastDataAt;
    // The screen is read after the emulator has parsed this chunk; `at` is when the chunk arrived.
    term.write(d, () => {
      for (const w of [...waiters]) w(at);
    });
  });
  term.onData((d) => pty.write(d));
  let exited = false;
  const exit = new Promise<void>((res) => pty.onExit(() => ((exited = true), res())));

  const screen = () => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < term.rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out.join('\n');
  };

  return {
    pty,
    pid: pty.pid,
    spawnedAt,
    bytes: () => bytes,
    screen,
    write: (d) => pty.write(d),
    frameWhere(predicate, timeoutMs, what) {
      return new Promise<number>((resolve, reject) => {
        const check = (at: number) => {
          if (predicate(screen())) {
            cleanup();
            resolve(at);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen was:\n${screen()}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        // The screen may already show it (drawn before anyone waited): check once now, after the
        // emulator has parsed what arrived so far.
        term.write('', () => check(performance.now()));
      });
    },
    async settle(quietMs, timeoutMs) {
      // At least `quietMs` from now (output caused by a key just sent may not have arrived yet),
      // then until nothing arrived for `quietMs`.
      const startedAt = performance.now();
      const deadline = startedAt + timeoutMs;
      while (performance.now() < deadline && (performance.now() - startedAt < quietMs || performance.now() - lastDataAt < quietMs)) {
        await new Promise((r) => setTimeout(r, Math.min(50, quietMs)));
      }
      await new Promise<void>((r) => term.write('', () => r()));
    },
    resize(cols, rows) {
      pty.resize(cols, rows);
      term.resize(cols, rows);
    },
    async kill() {
      if (!exited) {
        try {
          pty.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
      await Promise.race([exit, new Promise((r) => setTimeout(r, 2000))]);
      term.dispose();
    },
  };
}
