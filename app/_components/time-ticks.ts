// Time-axis labels as fine as the span drawn needs: minutes for a short run read "07:34" three
// times, and days for a single day's points read "12/5/2026" at both ends.
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function timeTickFormat(spanMs: number): (t: number) => string {
  if (spanMs < 10 * MINUTE) return (t) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  if (spanMs < DAY) return (t) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (spanMs < 3 * DAY) return (t) => new Date(t).toLocaleString([], { weekday: "short", hour: "2-digit", minute: "2-digit" });
  return (t) => new Date(t).toLocaleDateString([], { day: "numeric", month: "short" });
}

export function spanOf(points: { t?: unknown }[]): number {
  const times = points.map((p) => Number(p.t)).filter(Number.isFinite);
  return times.length ? Math.max(...times) - Math.min(...times) : 0;
}
