/** A task for a server that runs one at a time, in slot units of the grid. */
export type SequencedTask = {
  /** Earliest and latest start slot. */
  first: number;
  latest: number;
  /** Carbon of starting at slot s (grams; Infinity where the task may not start). */
  cost: (s: number) => number;
  /** Slots [from, to) a start at s occupies (from = s). */
  span: (s: number) => [number, number];
};

/** Beyond this many tasks on one server the 2^n states are not worth it: the greedy placement stands. */
export const MAX_SEQUENCED_TASKS = 10;

/**
 * The cheapest way to run every task on one server that runs one task at a time: dynamic programme
 * over (first free slot, set of tasks done), where at each free slot the server idles or starts a
 * remaining task that fits (`free`). Exact: O(slots × 2^n × n). Greedy placement, cheapest task
 * first, can take a slot a later task needed more (the benchmark's one-at-a-time family loses up to
 * 1.5% of the oracle's saving that way with perfect forecasts). Undefined when not all of them fit.
 */
export function cheapestSequence(tasks: SequencedTask[], free: (from: number, to: number) => boolean): { starts: number[]; costG: number } | undefined {
  const n = tasks.length;
  if (n === 0 || n > MAX_SEQUENCED_TASKS) return undefined;
  const first = Math.min(...tasks.map((t) => t.first));
  const end = Math.max(...tasks.map((t) => t.span(t.latest)[1]));
  const width = end - first + 1;
  const masks = 1 << n;
  const full = masks - 1;
  const best = new Float64Array(width * masks).fill(Infinity);
  // How each state was reached: `startedTask` -1 idle since the slot before, j ≥ 0 task j started at `startedAt`.
  const startedTask = new Int8Array(width * masks).fill(-2);
  const startedAt = new Int32Array(width * masks);
  const at = (t: number, mask: number) => (t - first) * masks + mask;
  best[at(first, 0)] = 0;
  for (let t = first; t < end; t++) {
    for (let mask = 0; mask < full; mask++) {
      const here = best[at(t, mask)];
      if (here === Infinity) continue;
      relax(at(t + 1, mask), here, -1, t);
      for (let j = 0; j < n; j++) {
        const task = tasks[j];
        if (mask & (1 << j) || t < task.first || t > task.latest) continue;
        const c = task.cost(t);
        if (!(c < Infinity)) continue;
        const [a, b] = task.span(t);
        if (b > end || !free(a, b)) continue;
        relax(at(b, mask | (1 << j)), here + c, j, t);
      }
    }
  }
  let finish = -1;
  for (let t = first; t <= end; t++) if (best[at(t, full)] < (finish < 0 ? Infinity : best[at(finish, full)])) finish = t;
  if (finish < 0) return undefined;
  const starts = new Array<number>(n).fill(-1);
  for (let t = finish, mask = full; !(t === first && mask === 0); ) {
    const k = at(t, mask);
    const j = startedTask[k];
    if (j === -1) t--;
    else {
      starts[j] = startedAt[k];
      mask &= ~(1 << j);
      t = startedAt[k];
    }
  }
  return { starts, costG: best[at(finish, full)] };

  function relax(k: number, value: number, j: number, start: number): void {
    if (!(value < best[k])) return;
    best[k] = value;
    startedTask[k] = j;
    startedAt[k] = start;
  }
}
