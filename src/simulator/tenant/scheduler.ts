/**
 * Lazy, deterministic evolution: everything that happens in simulated time is an event in one
 * queue ordered by (time, sequence). `runUntil(now)` applies every due event in order, so the
 * same seed and the same clock give the same state no matter how often the APIs were polled.
 */
export interface ScheduledEvent {
  at: number;
  seq: number;
  run: () => void;
}

export class Scheduler {
  private heap: ScheduledEvent[] = [];
  private seq = 0;
  /** Time up to which events have been applied. */
  private applied = -Infinity;

  at(at: number, run: () => void): void {
    this.push({ at, seq: this.seq++, run });
  }

  get appliedUntil(): number {
    return this.applied;
  }

  runUntil(now: number): void {
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const e = this.pop();
      this.applied = Math.max(this.applied, e.at);
      e.run();
    }
    this.applied = Math.max(this.applied, now);
  }

  private less(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: ScheduledEvent): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): ScheduledEvent {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
