import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { planReasonForViewer } from "@/app/_components/plan-reason";
import { TaskCard } from "@/app/_components/task-card";
import type { TaskDto } from "@/lib/data/tasks";

const task: TaskDto = {
  id: "t1", serverId: "s1", name: "long", description: "d".repeat(300), workingDirectory: "/srv/" + "w".repeat(200), command: "python train.py " + "--flag=value".repeat(15),
  position: 0, expectedDurationMinutes: 60, deadline: null, carbonPolicy: "greenest", carbonThresholdGPerKwh: null, carbonIndexBand: null, timeoutMinutes: null,
  maxRetries: 0, interruptible: false, eligibleServerTags: [], functionalUnit: null, functionalUnitCount: null, status: "queued", plannedStart: null, planReason: null, plannedAt: null,
  plannedCarbonG: null, counterfactualCarbonG: null, cancelRequestedAt: null, failure: null, failedAttempt: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
};

/** The class list of the element whose text is `text`. */
function classOf(html: string, text: string): string[] {
  const match = new RegExp(`<(\\w+) class="([^"]*)"[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}<`).exec(html);
  if (!match) throw new Error(`no element with text ${text.slice(0, 20)}…`);
  return match[2].split(" ");
}

describe("task card", () => {
  // An unbroken command, directory or description must wrap inside the card, never widen the dashboard.
  it("lets long unbroken text wrap", () => {
    const html = renderToStaticMarkup(createElement(TaskCard, { task }));
    expect(classOf(html, task.command)).toEqual(expect.arrayContaining(["whitespace-pre-wrap", "wrap-anywhere"]));
    expect(classOf(html, task.command)).not.toContain("overflow-x-auto");
    expect(classOf(html, task.workingDirectory)).toContain("wrap-anywhere");
    expect(classOf(html, task.description)).toContain("wrap-anywhere");
    expect(html).toMatch(/<article[^>]*class="[^"]*\bmin-w-0\b/);
    expect(html).toMatch(/<div class="min-w-0 flex-1">/);
  });

  it("shows the plan's reason while the task waits or runs, not once it has finished", () => {
    const reason = "waiting for 22:00 UTC on gpu-1 (uk:national), forecast 40 g/kWh vs 212 now; saves ~81%";
    for (const status of ["queued", "planned", "running", "paused"] as const) expect(renderToStaticMarkup(createElement(TaskCard, { task: { ...task, status, planReason: reason } }))).toContain("waiting for 22:00");
    for (const status of ["succeeded", "failed", "cancelled"] as const) expect(renderToStaticMarkup(createElement(TaskCard, { task: { ...task, status, planReason: reason } }))).not.toContain("waiting for 22:00");
  });

  it("shows the reason's UTC times in the viewer's zone, relative to when the worker planned", () => {
    const planned = { ...task, planReason: "waiting for 23:30 UTC on s1 (GB)", plannedAt: "2026-01-05T10:00:00.000Z", updatedAt: "2026-01-07T00:00:00.000Z" };
    expect(planReasonForViewer(planned, "Europe/Berlin")).toBe("waiting for Tue 6 Jan 00:30 CET on s1 (GB)");
    expect(planReasonForViewer(planned, "UTC")).toBe("waiting for 23:30 UTC on s1 (GB)");
    // Never planned by this worker version: the last update stands in for the planning time.
    expect(planReasonForViewer({ ...planned, plannedAt: null }, "Europe/Berlin")).toBe("waiting for Thu 8 Jan 00:30 CET on s1 (GB)");
    expect(planReasonForViewer({ ...planned, planReason: null }, "Europe/Berlin")).toBeNull();
  });

  it("says why a failed task failed, clipped to a few lines with the full text on hover", () => {
    const failure = "could not start after 3 attempts: " + "E".repeat(600);
    const html = renderToStaticMarkup(createElement(TaskCard, { task: { ...task, status: "failed", failure } }));
    expect(classOf(html, failure)).toEqual(expect.arrayContaining(["line-clamp-3", "wrap-anywhere", "text-red-700"]));
    expect(html).toContain(`title="${failure}"`);
  });

  it("shows no failure line unless the task failed or waits to run again", () => {
    for (const status of ["running", "succeeded", "cancelled"] as const) {
      expect(renderToStaticMarkup(createElement(TaskCard, { task: { ...task, status, failure: "exited with code 3", failedAttempt: 1 } }))).not.toContain("exited with code 3");
    }
    expect(renderToStaticMarkup(createElement(TaskCard, { task: { ...task, status: "failed", failure: null } }))).not.toContain('data-testid="task-failure"');
  });

  it("says a queued task is running again after a failed attempt, and which attempt comes next", () => {
    for (const status of ["queued", "planned"] as const) {
      const html = renderToStaticMarkup(createElement(TaskCard, { task: { ...task, status, maxRetries: 2, failure: "exited with code 3", failedAttempt: 1 } }));
      expect(html).toContain("attempt 1 failed (exited with code 3); running again as attempt 2 of 3");
      expect(html).not.toContain('data-testid="task-failure"');
    }
    // Retries lowered after the failure: the queued attempt still runs, and the count says so.
    const lowered = renderToStaticMarkup(createElement(TaskCard, { task: { ...task, maxRetries: 0, failure: "lost", failedAttempt: 2 } }));
    expect(lowered).toContain("running again as attempt 3 of 3");
  });
});
