import { z } from "zod";

/** The pieces of a task's plan as stored in `Task.plannedPieces` (jsonb): ISO times, start before end. */
export const ZPlannedPieces = z.array(
  z
    .object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
    .refine((p) => Date.parse(p.start) < Date.parse(p.end), { error: "a piece must end after it starts" }),
);
export type TPlannedPieces = z.infer<typeof ZPlannedPieces>;
