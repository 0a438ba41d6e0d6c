// The long-lived processes of `npm start` (dashboard, worker), each in a process group of its own,
// so that stopping one stops everything it spawned. Signalling only the child is not enough: a
// wrapper (`npx`, `sh -c`, the tsx launcher) may exit without passing SIGTERM on, and the
// dashboard and worker used to outlive a stopped `npm start`.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export type Supervised = { name: string; child: ChildProcess; exited: Promise<number | null> };

export function startProcess(name: string, command: string, args: string[], options: SpawnOptions = {}): Supervised {
  // detached: the child leads a new process group (and keeps the terminal: stdio is inherited).
  const child = spawn(command, args, { stdio: "inherit", ...options, detached: true });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.once("error", () => resolve(1));
  });
  return { name, child, exited };
}

/** Whether any process of the group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal (still alive for our purpose).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SIGTERM to each process group, then SIGKILL to what is left after `graceMs` (the worker lets its
 * running jobs finish first; a stuck one must not keep the product from stopping).
 */
export async function stopProcesses(processes: Supervised[], options: { graceMs: number; log?: (line: string) => void }): Promise<void> {
  const groups = processes.map((p) => p.child.pid).filter((pid): pid is number => pid !== undefined);
  for (const pgid of groups) signalGroup(pgid, "SIGTERM");
  const deadline = Date.now() + options.graceMs;
  while (groups.some(groupAlive) && Date.now() < deadline) await sleep(50);
  for (const p of processes) {
    const pgid = p.child.pid;
    if (pgid === undefined || !groupAlive(pgid)) continue;
    const grace = options.graceMs >= 1000 ? `${Math.round(options.graceMs / 1000)} s` : `${options.graceMs} ms`;
    options.log?.(`${p.name} did not stop within ${grace}: killing it`);
    signalGroup(pgid, "SIGKILL");
  }
  // Bounded: a zombie nobody reaps (a container without an init) still counts as alive.
  const killedBy = Date.now() + 5000;
  while (groups.some(groupAlive) && Date.now() < killedBy) await sleep(20);
}
