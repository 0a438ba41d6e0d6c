/** Helpers for the executor integration tests (targets are always this machine). */
import { readdirSync, readFileSync } from "node:fs";
import { parseProcStat, type ProcStat } from "./proc-sampling";
import type { Executor, RunStatus } from "./types";

/** Live and zombie members of a process group, read straight from this host's /proc. */
export function groupMembers(pgid: number): ProcStat[] {
  return allProcesses().filter((p) => p.pgrp === pgid);
}

/** Every descendant of `pid` on this host. */
export function descendants(pid: number): ProcStat[] {
  const all = allProcesses();
  const found: ProcStat[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = all.filter((p) => parents.has(p.ppid));
    found.push(...children);
    parents = new Set(children.map((p) => p.pid));
  }
  return found;
}

function allProcesses(): ProcStat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
        return stat ? [stat] : [];
      } catch {
        return [];
      }
    });
}

export function liveGroupMembers(pgid: number): ProcStat[] {
  return groupMembers(pgid).filter((p) => p.state !== "Z" && p.state !== "X");
}

export async function waitForStatus(
  executor: Executor,
  runId: string,
  done: (status: RunStatus) => boolean,
  timeoutMs = 15_000,
): Promise<RunStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await executor.status(runId);
    if (done(status)) return status;
    if (Date.now() > deadline) throw new Error(`Run ${runId} still ${JSON.stringify(status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const isExited = (status: RunStatus) => status.state === "exited";

export async function readWholeLog(executor: Executor, runId: string, chunkBytes: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await executor.readLog(runId, offset, chunkBytes);
    if (chunk.data.length === 0) return chunks;
    chunks.push(chunk.data);
    offset = chunk.nextOffset;
  }
}
