/**
 * At most `slots` large responses in transfer at once (operations marked `large` in operations.ts).
 *
 * Why: a screen's first load asks for several big collections together. At tenant scale three MDE
 * pages of 10,000 rows (indicators, machines, antivirus health) are ~9–10 MB of JSON each, and
 * every one of them exists, for a moment, as socket chunks, one joined buffer, one string and then
 * its parsed objects. Read side by side they made a burst of ~120 MB of C heap and ~200 MB of
 * JavaScript heap in the first seconds. The C allocator keeps that high-water mark resident for the
 * rest of the session (it only returns memory at the top of its heap), so the burst, not the data
 * kept, decided the console's resident memory (issue 9). One at a time, the burst is one page.
 *
 * The gate sits below the rate budget and the token in the pipeline, so a request waiting here has
 * already been allowed by the service's limits and holds no slot while it waits for them. Small
 * requests (single resources, health checks) never wait.
 */
export class TransferGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly slots: number) {
    if (!(slots >= 1)) throw new Error(`TransferGate needs at least one slot (got ${slots})`);
  }

  /** Run `transfer` when a slot is free; a cancelled wait rejects with the signal's reason. */
  async run<T>(transfer: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await transfer();
    } finally {
      this.release();
    }
  }

  /** Transfers running now, and waiting (for tests and diagnostics). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}

function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}
