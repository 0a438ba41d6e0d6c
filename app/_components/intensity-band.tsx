"use client";
// The NESO index band as a colour and a word, shared by the slot and the intensity page.
import { cx } from "@/app/_components/ui";

const BAND_DOT: Record<string, string> = {
  "very low": "bg-emerald-500",
  low: "bg-lime-500",
  moderate: "bg-amber-400",
  high: "bg-orange-500",
  "very high": "bg-red-600",
};

export function BandBadge({ index, className }: { index: string | null; className?: string }) {
  return (
    <span data-testid="intensity-band" data-band={index ?? "unknown"} className={cx("inline-flex items-center gap-1.5 font-medium", className)}>
      <span aria-hidden className={cx("inline-block h-3 w-3 rounded-full ring-1 ring-black/10 dark:ring-white/20", BAND_DOT[index ?? ""] ?? "bg-slate-400")} />
      {index ?? "no band"}
    </span>
  );
}

/** "14:30" today, "Mon 3, 14:30" otherwise, in the viewer's time zone. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  return at.toLocaleString(undefined, sameDay ? { hour: "2-digit", minute: "2-digit" } : { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A span within the coming days, both ends with their weekday: "Tue 23:30 – Wed 02:30". */
export function formatSpan(startIso: string, endIso: string): string {
  const format = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  return `${format(startIso)} – ${format(endIso)}`;
}
