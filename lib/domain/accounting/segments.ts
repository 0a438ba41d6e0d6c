// Turns samples and pauses into segments: stretches inside one 30-minute period and one
// active piece over which the run's behaviour is taken as constant (the manifest's rows).
import { PERIOD_SECONDS, type Coefficients } from "./coefficients";
import { allocatedVcpus, machineShare } from "./share";
import type { AccountingInput, Sample, Segment } from "./types";

type Interval = [number, number]; // whole seconds since the epoch, [start, end)

// Whole seconds everywhere: IF's Sci needs every row to last at least one second.
const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Active time: the pieces clipped to the run's span (paused time uses no CPU), merged. */
export function activeIntervals(input: Pick<AccountingInput, "startedAt" | "finishedAt" | "pieces">): Interval[] {
  const from = sec(input.startedAt);
  const to = sec(input.finishedAt);
  const raw: Interval[] = input.pieces.length
    ? input.pieces.map((p) => [Math.max(from, sec(p.start)), Math.min(to, sec(p.end ?? input.finishedAt))])
    : [[from, to]];
  const sorted = raw.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

type Behaviour = Omit<Segment, "start" | "durationS" | "networkGb">;

/** The sample that describes time t: the last one before it within the hold, else the next one within it. */
function governing(times: number[], t: number, hold: number): number | null {
  let i = -1;
  for (let k = 0; k < times.length && times[k] <= t; k++) i = k;
  if (i >= 0 && t - times[i] < hold) return i; // the hold covers [sample, sample + hold)
  const next = i + 1;
  if (next < times.length && times[next] - t <= hold) return next;
  return null;
}

/** Host RAPL power over [sample i, sample i+1] from the counter, else the sampled power. */
function raplWatts(samples: Sample[], i: number): number | null {
  const s = samples[i];
  const n = samples[i + 1];
  if (s.raplEnergyUj !== null && n?.raplEnergyUj != null) {
    const seconds = (n.at.getTime() - s.at.getTime()) / 1000;
    const joules = (n.raplEnergyUj - s.raplEnergyUj) / 1e6;
    if (seconds > 0 && joules >= 0) return joules / seconds; // a wrapped counter goes backwards
  }
  return s.raplPowerWatts;
}

/** What one sample says, or null for each quantity it did not record. */
function sampleBehaviour(input: AccountingInput, samples: Sample[], i: number) {
  const { server } = input;
  const s = samples[i];
  const host = raplWatts(samples, i);
  // The package counter is host-wide: the run's part is its share of the busy CPU.
  const share = s.cpuRunPercent !== null && s.cpuHostPercent ? clamp(s.cpuRunPercent / s.cpuHostPercent, 0, 1) : machineShare(server);
  return {
    cpu: s.cpuRunPercent === null ? null : clamp((s.cpuRunPercent * server.vcpusTotal) / allocatedVcpus(server), 0, 100),
    measuredCpuWatts: host === null ? null : host * share,
    gpuWatts: s.gpuPowerWatts,
    memoryGb: s.memoryRunMb === null ? null : s.memoryRunMb / 1024,
  };
}

type Observed = ReturnType<typeof sampleBehaviour>;

const toBehaviour = (o: Observed, fallback: Behaviour): Behaviour =>
  o.measuredCpuWatts !== null
    ? { cpuUtilisation: "off", measuredCpuWatts: o.measuredCpuWatts, gpuWatts: o.gpuWatts ?? fallback.gpuWatts, memoryGb: o.memoryGb ?? fallback.memoryGb }
    : { cpuUtilisation: o.cpu ?? (fallback.cpuUtilisation === "off" ? 0 : fallback.cpuUtilisation), measuredCpuWatts: 0, gpuWatts: o.gpuWatts ?? fallback.gpuWatts, memoryGb: o.memoryGb ?? fallback.memoryGb };

/** For time no sample describes: the run's means, else CCF's 50 % and the server's memory share. */
function fallbackBehaviour(observed: Observed[], input: AccountingInput, c: Coefficients): Behaviour {
  const pick = (f: (o: Observed) => number | null) => mean(observed.flatMap((o) => (f(o) === null ? [] : [f(o) as number])));
  const measured = pick((o) => o.measuredCpuWatts);
  const memoryGb = pick((o) => o.memoryGb) ?? input.server.memoryGb * machineShare(input.server);
  const gpuWatts = pick((o) => o.gpuWatts) ?? 0;
  if (measured !== null) return { cpuUtilisation: "off", measuredCpuWatts: measured, gpuWatts, memoryGb };
  return { cpuUtilisation: pick((o) => o.cpu) ?? c.defaultCpuUtilisation, measuredCpuWatts: 0, gpuWatts, memoryGb };
}

const sameBehaviour = (a: Behaviour, b: Behaviour) =>
  a.cpuUtilisation === b.cpuUtilisation && a.measuredCpuWatts === b.measuredCpuWatts && a.gpuWatts === b.gpuWatts && a.memoryGb === b.memoryGb;

/** Segments of the run as it happened, in time order. */
export function buildSegments(input: AccountingInput, c: Coefficients): Segment[] {
  const samples = [...input.samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  const times = samples.map((s) => sec(s.at));
  const hold = c.maxSampleHoldSeconds;
  const intervals = activeIntervals(input);
  const total = intervals.reduce((t, [a, b]) => t + (b - a), 0);
  const networkPerSecond = total > 0 ? (input.networkGb ?? 0) / total : 0;
  const observed = samples.map((_, i) => sampleBehaviour(input, samples, i));
  const fallback = fallbackBehaviour(observed, input, c);
  const behaviours = observed.map((o) => toBehaviour(o, fallback));
  const segments: Segment[] = [];
  for (const [from, to] of intervals) {
    const cuts = new Set<number>([from, to]);
    for (let p = Math.ceil(from / PERIOD_SECONDS) * PERIOD_SECONDS; p < to; p += PERIOD_SECONDS) cuts.add(p);
    for (const t of times) for (const cut of [t, t + hold, t - hold]) if (cut > from && cut < to) cuts.add(cut);
    const points = [...cuts].sort((a, b) => a - b);
    let open: { start: number; end: number; behaviour: Behaviour } | null = null;
    const close = () => {
      if (!open) return;
      const durationS = open.end - open.start;
      segments.push({ start: new Date(open.start * 1000), durationS, ...open.behaviour, networkGb: networkPerSecond * durationS });
    };
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const i = governing(times, a, hold);
      const behaviour = i === null ? fallback : behaviours[i];
      const samePeriod = open && Math.floor(open.start / PERIOD_SECONDS) === Math.floor(a / PERIOD_SECONDS);
      if (open && samePeriod && sameBehaviour(open.behaviour, behaviour)) open.end = b;
      else {
        close();
        open = { start: a, end: b, behaviour };
      }
    }
    close();
  }
  return segments;
}

export const periodStartOf = (d: Date): Date => new Date(Math.floor(d.getTime() / (PERIOD_SECONDS * 1000)) * PERIOD_SECONDS * 1000);

/** The same segments laid end to end from `start`, without pauses, re-cut at period boundaries. */
export function shiftSegments(segments: Segment[], start: Date): Segment[] {
  const out: Segment[] = [];
  let t = sec(start);
  for (const s of segments) {
    let left = s.durationS;
    while (left > 0) {
      const room = PERIOD_SECONDS - (t % PERIOD_SECONDS);
      const d = Math.min(left, room);
      out.push({ ...s, start: new Date(t * 1000), durationS: d, networkGb: (s.networkGb * d) / s.durationS });
      t += d;
      left -= d;
    }
  }
  return out;
}
