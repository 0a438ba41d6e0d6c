import { expect, test } from "vitest";
import { runFailure, type RunOutcome } from "./run-failure";

test.each<[string, RunOutcome, string | null]>([
  ["the stored reason wins", { status: "failed", exitCode: 3, errorMessage: "exited with code 3" }, "exited with code 3"],
  ["a reason without an exit code", { status: "timed_out", exitCode: null, errorMessage: "killed after the 30-minute timeout" }, "killed after the 30-minute timeout"],
  ["a failed run with only a non-zero exit code", { status: "failed", exitCode: 137, errorMessage: null }, "exited with code 137"],
  ["a negative exit code", { status: "failed", exitCode: -1, errorMessage: null }, "exited with code -1"],
  ["a blank reason falls back to the code", { status: "failed", exitCode: 2, errorMessage: "  " }, "exited with code 2"],
  ["a cancelled run's kill is not a failure", { status: "cancelled", exitCode: 143, errorMessage: null }, null],
  ["a failed run without a code or reason says nothing", { status: "failed", exitCode: null, errorMessage: null }, null],
  ["a success says nothing", { status: "succeeded", exitCode: 0, errorMessage: null }, null],
  ["a run still going says nothing", { status: "running", exitCode: null, errorMessage: null }, null],
])("%s", (_, run, out) => expect(runFailure(run)).toBe(out));
