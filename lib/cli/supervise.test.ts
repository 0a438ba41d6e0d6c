// Real processes: a wrapper shell with children of its own, as `npx next start` is.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupAlive, startProcess, stopProcesses } from "@/lib/cli/supervise";

/** Pids of the group's members, read from /proc (field 5 of stat is the process group). */
function membersOf(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z") out.push(Number(entry));
    } catch {
      // Exited while listing.
    }
  }
  return out;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("supervised processes", () => {
  it("stops a wrapper and the processes it spawned, which SIGTERM to the wrapper alone would leave behind", async () => {
    // `sh -c` waiting on background children: a SIGTERM to sh alone leaves both sleeps running.
    const p = startProcess("wrapper", "sh", ["-c", "sleep 300 & sleep 300 & wait"], { stdio: "ignore" });
    const pgid = p.child.pid!;
    await until(() => membersOf(pgid).length === 3);
    await stopProcesses([p], { graceMs: 5000 });
    expect(groupAlive(pgid)).toBe(false);
    expect(membersOf(pgid)).toEqual([]);
    expect(await p.exited).not.toBe(0);
  });

  it("kills what ignores SIGTERM once the grace period is over, and says so", async () => {
    // An ignored signal stays ignored across exec, so the sleep ignores SIGTERM as well.
    const p = startProcess("stubborn", "sh", ["-c", "trap '' TERM; sleep 300 & wait"], { stdio: "ignore" });
    const pgid = p.child.pid!;
    await until(() => membersOf(pgid).length === 2);
    const lines: string[] = [];
    await stopProcesses([p], { graceMs: 300, log: (l) => lines.push(l) });
    expect(membersOf(pgid)).toEqual([]);
    expect(lines).toEqual(["stubborn did not stop within 300 ms: killing it"]);
  });

  it("has nothing to kill for processes that have already exited", async () => {
    const p = startProcess("done", "true", [], { stdio: "ignore" });
    expect(await p.exited).toBe(0);
    const lines: string[] = [];
    await stopProcesses([p], { graceMs: 60_000, log: (l) => lines.push(l) });
    expect(lines).toEqual([]);
  });
});
