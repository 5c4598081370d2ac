/**
 * An in-process terminal for Ink: a stdout with a fixed size that records when each write
 * happened, and a stdin that delivers keys the way Ink 7 reads them ('readable' + read()).
 * Timing a keystroke = stdin.write → the next stdout.write (the frame Ink produced for it).
 */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  bytes = 0;
  private waiters: ((at: number) => void)[] = [];
  constructor(readonly columns: number, readonly rows: number) {
    super();
  }
  write = (chunk: string | Uint8Array, encodingOrCb?: unknown, cb?: unknown): boolean => {
    const at = performance.now();
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(at);
    const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    if (typeof done === 'function') queueMicrotask(done as () => void);
    return true;
  };
  /** Resolves with the time of the next write; set it up BEFORE causing the write. */
  nextWrite(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  isRaw = false;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(mode: boolean): void {
    this.isRaw = mode;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** stdin.write(key) → time until Ink writes the next frame. */
export async function timeKey(stdin: FakeStdin, stdout: FakeStdout, key: string): Promise<number> {
  const frame = stdout.nextWrite(2000);
  const t0 = performance.now();
  stdin.write(key);
  return (await frame) - t0;
}
