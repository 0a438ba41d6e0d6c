import { describe, expect, it } from "vitest";
import { insidePieces, lastPieceEnd, parsePieces, samePieces } from "@/lib/domain/planned-pieces";

describe("planned pieces", () => {
  it("knows whether now is inside an interruptible plan's pieces", () => {
    const pieces = [
      { start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:30:00Z" },
      { start: "2026-01-01T02:00:00Z", end: "2026-01-01T03:00:00Z" },
    ];
    expect(insidePieces(pieces, new Date("2026-01-01T00:10:00Z"))).toBe(true);
    expect(insidePieces(pieces, new Date("2026-01-01T01:00:00Z"))).toBe(false);
    expect(insidePieces(pieces, new Date("2026-01-01T02:30:00Z"))).toBe(true);
    expect(insidePieces(null, new Date("2026-01-01T01:00:00Z"))).toBeNull();
    expect(insidePieces([], new Date("2026-01-01T01:00:00Z"))).toBeNull();
  });

  it("keeps a run going once its last piece has begun: that piece ends when the work is done", () => {
    const pieces = [
      { start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:30:00Z" },
      { start: "2026-01-01T02:00:00Z", end: "2026-01-01T03:00:00Z" },
    ];
    // Outlasting its estimate, the run is not paused for good after the planned end.
    expect(insidePieces(pieces, new Date("2026-01-01T05:00:00Z"))).toBe(true);
    // A paused run planned again in one piece waits for it, then runs to the end.
    const rest = [{ start: "2026-01-01T04:00:00Z", end: "2026-01-01T04:30:00Z" }];
    expect(insidePieces(rest, new Date("2026-01-01T03:30:00Z"))).toBe(false);
    expect(insidePieces(rest, new Date("2026-01-01T04:40:00Z"))).toBe(true);
  });

  it("compares stored pieces by their times, whatever order jsonb gave their keys", () => {
    const pieces = [{ start: "2026-01-01T00:00:00.000Z", end: "2026-01-01T00:30:00.000Z" }];
    expect(samePieces([{ end: "2026-01-01T00:30:00.000Z", start: "2026-01-01T00:00:00.000Z" }], pieces)).toBe(true);
    expect(samePieces([{ start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:30:00Z" }], pieces)).toBe(true);
    expect(samePieces([{ start: "2026-01-01T00:00:00Z", end: "2026-01-01T01:00:00Z" }], pieces)).toBe(false);
    expect(samePieces(null, pieces)).toBe(false);
    expect(samePieces([...pieces, ...pieces], pieces)).toBe(false);
  });

  it("reads only well-formed stored pieces", () => {
    const ok = [{ start: "2026-01-01T00:00:00.000Z", end: "2026-01-01T00:30:00.000Z" }];
    expect(parsePieces(ok)).toEqual(ok);
    expect(parsePieces([])).toBeNull();
    expect(parsePieces(null)).toBeNull();
    expect(parsePieces([{ start: "soon", end: "later" }])).toBeNull();
    expect(parsePieces([{ start: "2026-01-01T01:00:00Z", end: "2026-01-01T00:30:00Z" }])).toBeNull();
  });

  it("takes a run claimed a few seconds early as inside its piece, but not a paused run an hour early", () => {
    const rest = [{ start: "2026-01-01T04:00:00Z", end: "2026-01-01T04:30:00Z" }, { start: "2026-01-01T06:00:00Z", end: "2026-01-01T07:00:00Z" }];
    expect(insidePieces(rest, new Date("2026-01-01T03:59:55Z"))).toBe(true);
    expect(insidePieces(rest, new Date("2026-01-01T03:00:00Z"))).toBe(false);
    expect(insidePieces(rest, new Date("2026-01-01T04:30:00Z"))).toBe(false);
  });

  it("finds when the latest piece that is over ended", () => {
    const pieces = [{ start: "2026-01-01T00:00:00Z", end: "2026-01-01T00:30:00Z" }, { start: "2026-01-01T02:00:00Z", end: "2026-01-01T03:00:00Z" }];
    expect(lastPieceEnd(pieces, new Date("2026-01-01T00:10:00Z"))).toBeNull();
    expect(lastPieceEnd(pieces, new Date("2026-01-01T00:30:00Z"))).toEqual(new Date("2026-01-01T00:30:00Z"));
    expect(lastPieceEnd(pieces, new Date("2026-01-01T05:00:00Z"))).toEqual(new Date("2026-01-01T03:00:00Z"));
    expect(lastPieceEnd(null, new Date("2026-01-01T05:00:00Z"))).toBeNull();
  });
});
