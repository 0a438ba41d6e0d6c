// The pieces of a task's plan, as the tick stores them and the watcher follows them. Pure.
import type { Piece } from "@/lib/domain/planner";
import { ZPlannedPieces } from "@/lib/validation/planned-pieces";

export type PlannedPiece = { start: string; end: string };

/**
 * A run claimed a few seconds before its piece (dispatch tolerance) or looked at by a watcher whose
 * clock runs a little behind the planner's is inside that piece, not paused at once.
 */
const START_TOLERANCE_MS = 60_000;

/** A plan's pieces as they are stored. */
export function toStoredPieces(pieces: Piece[]): PlannedPiece[] {
  return pieces.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() }));
}

/** Stored pieces, or null when there are none or the row holds something else (then nothing pauses). */
export function parsePieces(stored: unknown): PlannedPiece[] | null {
  const parsed = ZPlannedPieces.safeParse(stored);
  return parsed.success && parsed.data.length > 0 ? parsed.data : null;
}

/**
 * Whether `now` falls in a planned piece; null without pieces (the run is never paused). Once the
 * last piece has begun the run is inside until it exits: that piece ends when the work is done, and
 * a run that outlasts its estimate must not be paused for good.
 */
export function insidePieces(pieces: PlannedPiece[] | null, now: Date): boolean | null {
  if (!pieces || pieces.length === 0) return null;
  const t = now.getTime() + START_TOLERANCE_MS;
  const lastStart = Math.max(...pieces.map((p) => Date.parse(p.start)));
  return t >= lastStart || pieces.some((p) => Date.parse(p.start) <= t && now.getTime() < Date.parse(p.end));
}

/** The same pieces, however they were stored (jsonb orders an object's keys its own way). */
export function samePieces(stored: unknown, pieces: PlannedPiece[]): boolean {
  const parsed = parsePieces(stored) ?? [];
  if (parsed.length !== pieces.length) return false;
  return pieces.every((p, i) => Date.parse(parsed[i].start) === Date.parse(p.start) && Date.parse(parsed[i].end) === Date.parse(p.end));
}

/** When the latest piece that is over at `now` ended, or null when none is. */
export function lastPieceEnd(pieces: PlannedPiece[] | null, now: Date): Date | null {
  const ended = (pieces ?? []).map((p) => Date.parse(p.end)).filter((end) => end <= now.getTime());
  return ended.length ? new Date(Math.max(...ended)) : null;
}
