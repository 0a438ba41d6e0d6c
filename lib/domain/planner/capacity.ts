import type { TimeGrid } from "./intensity-grid";
import type { PlannerServer } from "./types";

/**
 * Per-server slot counters. A run that touches a slot at all occupies it, so the
 * counters over-approximate real overlap and the concurrency limit can never be exceeded.
 */
export class CapacityTimeline {
  readonly used: Uint16Array;

  constructor(
    readonly server: PlannerServer,
    private readonly grid: TimeGrid,
  ) {
    this.used = new Uint16Array(grid.slots);
    for (const b of server.busy) this.reserveInterval(b.start.getTime(), b.end.getTime());
  }

  /** True when every slot in [from, to) has room for one more task. */
  fits(from: number, to: number): boolean {
    if (to > this.used.length) return false;
    const max = this.server.maxConcurrent;
    for (let k = from; k < to; k++) if (this.used[k] >= max) return false;
    return true;
  }

  hasRoom(k: number): boolean {
    return k < this.used.length && this.used[k] < this.server.maxConcurrent;
  }

  reserveSlots(from: number, to: number): void {
    const end = Math.min(to, this.used.length);
    for (let k = Math.max(0, from); k < end; k++) this.used[k]++;
  }

  releaseSlots(from: number, to: number): void {
    const end = Math.min(to, this.used.length);
    for (let k = Math.max(0, from); k < end; k++) this.used[k]--;
  }

  /** Busy work is clipped to `now`: what ended before this instant no longer occupies anything. */
  private reserveInterval(startMs: number, endMs: number): void {
    const { t0, stepMs, nowMs } = this.grid;
    const a = Math.max(startMs, nowMs);
    if (!(endMs > a)) return;
    this.reserveSlots(Math.floor((a - t0) / stepMs), Math.ceil((endMs - t0) / stepMs));
  }
}
