// Plan reasons name their times in UTC ("waiting for 02:30 UTC", "Tue 24 Nov 02:30 UTC"; see
// utcWhen in lib/domain/planner/describe.ts), since the worker writes them for anyone. The
// dashboard shows every other time in the viewer's zone, so it rewrites a reason's times the
// same way. Pure: the zone is passed in.

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const UTC_TIME = new RegExp(`\\b(?:(?:${DAYS.join("|")}) (\\d{1,2}) (${MONTHS.join("|")}) )?([01]\\d|2[0-3]):([0-5]\\d) UTC\\b`, "g");

/** The instant a reason's time stands for: on the UTC day it was written, or the dated day nearest to it. */
function instantOf(writtenAt: Date, day: string | undefined, month: string | undefined, hh: string, mm: string): Date {
  const minutes = Number(hh) * 60 + Number(mm);
  if (day === undefined || month === undefined) {
    const midnight = Date.UTC(writtenAt.getUTCFullYear(), writtenAt.getUTCMonth(), writtenAt.getUTCDate());
    return new Date(midnight + minutes * 60_000);
  }
  const year = writtenAt.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) => Date.UTC(y, MONTHS.indexOf(month), Number(day)) + minutes * 60_000);
  const nearest = candidates.reduce((a, b) => (Math.abs(b - writtenAt.getTime()) < Math.abs(a - writtenAt.getTime()) ? b : a));
  return new Date(nearest);
}

function localDay(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** "03:30 CET" on the viewer's day of writing, else "Wed 25 Nov 03:30 CET" (fixed English, as the reasons are). */
function localWhen(d: Date, writtenAt: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(d);
  if (localDay(d, timeZone) === localDay(writtenAt, timeZone)) return time;
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${time}`;
}

/**
 * The reason with each UTC time rewritten in `timeZone` (an IANA name). Unchanged when the zone is
 * UTC itself, unknown to this runtime, or when the reason names no time.
 */
export function localiseReasonTimes(reason: string, writtenAt: Date, timeZone: string): string {
  if (!Number.isFinite(writtenAt.getTime())) return reason;
  try {
    if (new Intl.DateTimeFormat("en-GB", { timeZone }).resolvedOptions().timeZone === "UTC") return reason;
  } catch {
    return reason; // a zone this runtime does not know
  }
  return reason.replace(UTC_TIME, (_all, day: string | undefined, month: string | undefined, hh: string, mm: string) =>
    localWhen(instantOf(writtenAt, day, month, hh, mm), writtenAt, timeZone),
  );
}
