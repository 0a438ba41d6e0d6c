// The greenest windows of a forecast: the contiguous spans of a given length with the lowest
// time-weighted mean intensity, not overlapping each other, best first. Pure: data in, data out.

const FLAT_EPSILON = 1e-9;

export interface IntensityPoint {
  start: Date;
  end: Date;
  gCO2PerKWh: number;
}

export interface GreenWindow {
  start: Date;
  end: Date;
  meanGCO2PerKWh: number;
}

export interface GreenestWindowOptions {
  /** Length of each window. */
  durationMinutes: number;
  /** How many windows at most. */
  count: number;
  /** Ignore readings ending at or before this instant (e.g. now). */
  from?: Date;
}

/**
 * Candidate windows start at each reading's start (clipped to `from`) and must be covered by
 * readings without gaps; the lowest means are taken greedily, skipping any that overlap one
 * already chosen. Ties go to the earlier window, so the answer is deterministic.
 */
export function greenestWindows(points: IntensityPoint[], options: GreenestWindowOptions): GreenWindow[] {
  const durationMs = options.durationMinutes * 60_000;
  if (durationMs <= 0 || options.count <= 0) return [];
  const from = options.from?.getTime() ?? -Infinity;
  const slots = points
    .filter((p) => p.end.getTime() > from && Number.isFinite(p.gCO2PerKWh))
    .map((p) => ({ start: Math.max(p.start.getTime(), from), end: p.end.getTime(), value: p.gCO2PerKWh }))
    .sort((a, b) => a.start - b.start);

  const candidates: { start: number; end: number; mean: number }[] = [];
  for (let i = 0; i < slots.length; i++) {
    const mean = meanOver(slots, i, slots[i].start + durationMs);
    if (mean !== null) candidates.push({ start: slots[i].start, end: slots[i].start + durationMs, mean });
  }
  candidates.sort((a, b) => a.mean - b.mean || a.start - b.start);
  // A flat forecast (e.g. an annual average) has no greener window: answer none rather than the earliest.
  if (candidates.length === 0 || candidates[candidates.length - 1].mean - candidates[0].mean < FLAT_EPSILON) return [];

  const chosen: typeof candidates = [];
  for (const c of candidates) {
    if (chosen.length >= options.count) break;
    if (chosen.some((w) => c.start < w.end && w.start < c.end)) continue;
    chosen.push(c);
  }
  return chosen.map((c) => ({ start: new Date(c.start), end: new Date(c.end), meanGCO2PerKWh: c.mean }));
}

/** Time-weighted mean of slots from index i up to `end`, or null when a gap or the data's end interrupts. */
function meanOver(slots: { start: number; end: number; value: number }[], i: number, end: number): number | null {
  let covered = slots[i].start;
  let weighted = 0;
  for (let j = i; j < slots.length && covered < end; j++) {
    const slot = slots[j];
    if (slot.start > covered) return null;
    const until = Math.min(slot.end, end);
    if (until <= covered) continue;
    weighted += slot.value * (until - covered);
    covered = until;
  }
  if (covered < end) return null;
  return weighted / (end - slots[i].start);
}
