import { pick, rng } from "./rng";

/** A job in slot units (30 min) of the region's series. */
export type Job = { id: string; submit: number; duration: number; deadline: number; interruptible: boolean; batch: number };

export type Family = {
  name: "nightly" | "adhoc" | "contended" | "interruptible";
  /** Servers in the region and their concurrency. */
  servers: number;
  maxConcurrent: number;
  maxPauses: number;
  jobs: Job[];
};

const DAY = 48;

/**
 * Jobs are submitted on every `everyDays`-th day of the year (all seasons and weekdays are covered;
 * windows never reach the next sampled day, so days are independent). First day: 1 (skip the edge).
 */
export function makeFamilies(slots: number, everyDays: number, seed: number): Family[] {
  const days: number[] = [];
  for (let d = 1; (d + 2) * DAY < slots; d += everyDays) days.push(d);
  return [nightly(days, seed), adhoc(days, seed + 1), contended(days, seed + 2), interruptible(days, seed + 3)];
}

/** Scheduled nightly jobs: 1-8 h, submitted 18:00-23:30, 8-24 h of flexibility. */
function nightly(days: number[], seed: number): Family {
  const r = rng(seed);
  const jobs = days.flatMap((d) =>
    [0, 1, 2].map((k) => {
      const submit = d * DAY + 36 + Math.floor(r() * 12);
      const duration = 2 * (1 + Math.floor(r() * 8));
      const flex = 16 + Math.floor(r() * 33);
      return { id: `n${d}-${k}`, submit, duration, deadline: submit + duration + flex, interruptible: false, batch: d };
    }),
  );
  return { name: "nightly", servers: 1, maxConcurrent: 8, maxPauses: 0, jobs };
}

/** Ad-hoc jobs at random times: 0.5-4 h, 2-24 h of flexibility. */
function adhoc(days: number[], seed: number): Family {
  const r = rng(seed);
  const jobs = days.flatMap((d) =>
    [0, 1, 2, 3].map((k) => {
      const submit = d * DAY + Math.floor(r() * DAY);
      const duration = 1 + Math.floor(r() * 8);
      const flex = 4 + Math.floor(r() * 45);
      return { id: `a${d}-${k}`, submit, duration, deadline: submit + duration + flex, interruptible: false, batch: d };
    }),
  );
  return { name: "adhoc", servers: 1, maxConcurrent: 8, maxPauses: 0, jobs };
}

/** Five 1-3 h jobs submitted together at 18:00 on one server that runs one job at a time, due at 12:00. */
function contended(days: number[], seed: number): Family {
  const r = rng(seed);
  const jobs = days.flatMap((d) =>
    [0, 1, 2, 3, 4].map((k) => {
      const submit = d * DAY + 36;
      return { id: `c${d}-${k}`, submit, duration: pick(r, [2, 3, 4, 5, 6]), deadline: (d + 1) * DAY + 24, interruptible: false, batch: d };
    }),
  );
  return { name: "contended", servers: 1, maxConcurrent: 1, maxPauses: 0, jobs };
}

/** "Next workday" ML-style jobs (as in Let's Wait Awhile): 2-8 h, submitted 09:00-17:00, due 09:00 next day, pausable. */
function interruptible(days: number[], seed: number): Family {
  const r = rng(seed);
  const jobs = days.flatMap((d) =>
    [0, 1, 2].map((k) => {
      const submit = d * DAY + 18 + Math.floor(r() * 16);
      const duration = 4 + 2 * Math.floor(r() * 7);
      return { id: `i${d}-${k}`, submit, duration, deadline: (d + 1) * DAY + 18, interruptible: true, batch: d };
    }),
  );
  return { name: "interruptible", servers: 1, maxConcurrent: 8, maxPauses: 3, jobs };
}
