/**
 * Cheapest choice of `need` whole slots out of [from, to) forming at most `maxPieces` contiguous
 * runs, skipping slots where `allowed` is false. Dynamic programme over (slots chosen, runs used,
 * previous slot chosen): O(window × need × maxPieces), exact.
 * Returns the runs as [startSlot, endSlot) pairs, or undefined when no choice exists.
 */
export function cheapestPieces(
  cost: (k: number) => number,
  allowed: (k: number) => boolean,
  from: number,
  to: number,
  need: number,
  maxPieces: number,
): { runs: [number, number][]; cost: number } | undefined {
  const width = to - from;
  if (need <= 0 || width < need || maxPieces < 1) return undefined;
  const P = maxPieces;
  const states = (need + 1) * (P + 1);
  const idx = (j: number, p: number) => j * (P + 1) + p;
  let off = new Float64Array(states).fill(Infinity);
  let on = new Float64Array(states).fill(Infinity);
  let nextOff = new Float64Array(states);
  let nextOn = new Float64Array(states);
  off[idx(0, 0)] = 0;
  // back[i][state][onFlag] = 1 when the predecessor of this state at slot i had the previous slot chosen.
  const back = scratch(width * states * 2);

  for (let i = 0; i < width; i++) {
    const k = from + i;
    nextOff.fill(Infinity);
    nextOn.fill(Infinity);
    const c = allowed(k) ? cost(k) : Infinity;
    for (let j = 0; j <= need; j++) {
      for (let p = 0; p <= P; p++) {
        const s = idx(j, p);
        const base = (i * states + s) * 2;
        // Slot k left out.
        if (on[s] < off[s]) {
          nextOff[s] = on[s];
          back[base] = 1;
        } else nextOff[s] = off[s];
        if (c === Infinity || j === need) continue;
        const t = idx(j + 1, p);
        const tBase = (i * states + t) * 2 + 1;
        // Slot k chosen: continue a run, or open a new one.
        if (on[s] + c < nextOn[t]) {
          nextOn[t] = on[s] + c;
          back[tBase] = 1;
        }
        if (p < P) {
          const u = idx(j + 1, p + 1);
          const uBase = (i * states + u) * 2 + 1;
          if (off[s] + c < nextOn[u]) {
            nextOn[u] = off[s] + c;
            back[uBase] = 0;
          }
        }
      }
    }
    [off, nextOff] = [nextOff, off];
    [on, nextOn] = [nextOn, on];
  }

  let best = Infinity;
  let bestP = -1;
  let bestOn = 0;
  for (let p = 1; p <= P; p++) {
    const s = idx(need, p);
    if (on[s] < best) [best, bestP, bestOn] = [on[s], p, 1];
    if (off[s] < best) [best, bestP, bestOn] = [off[s], p, 0];
  }
  if (bestP < 0) return undefined;
  return { runs: backtrack(back, width, states, idx, need, bestP, bestOn, from), cost: best };
}

let buffer = new Uint8Array(1 << 16);

/** One reusable buffer: the planner is synchronous, and this runs thousands of times per tick. */
function scratch(size: number): Uint8Array {
  if (buffer.length < size) buffer = new Uint8Array(size * 2);
  buffer.fill(0, 0, size);
  return buffer;
}

function backtrack(
  back: Uint8Array,
  width: number,
  states: number,
  idx: (j: number, p: number) => number,
  need: number,
  pieces: number,
  lastOn: number,
  from: number,
): [number, number][] {
  const chosen: number[] = [];
  let j = need;
  let p = pieces;
  let curOn = lastOn;
  for (let i = width - 1; i >= 0; i--) {
    const prevOn = back[(i * states + idx(j, p)) * 2 + curOn];
    if (curOn === 1) {
      chosen.push(from + i);
      if (prevOn === 0) p--;
      j--;
    }
    curOn = prevOn;
  }
  chosen.reverse();
  const runs: [number, number][] = [];
  for (const k of chosen) {
    const last = runs[runs.length - 1];
    if (last && last[1] === k) last[1] = k + 1;
    else runs.push([k, k + 1]);
  }
  return runs;
}
