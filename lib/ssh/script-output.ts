/** Parsing of the key=value lines printed by the remote scripts. */
import { isLiveState, isStoppedState, parseProcStat } from "./proc-sampling";
import type { KillSignal, RunStatus } from "./types";

const KILL_SIGNALS: readonly string[] = ["TERM", "INT", "HUP", "KILL"];

/** Last value wins; a value may contain `=`. */
export function parseKeyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return values;
}

export function parseStatusOutput(text: string): RunStatus {
  const values = parseKeyValues(text);
  if (values.get("state") !== "present") return { state: "unknown" };

  const exitCode = Number(values.get("exit"));
  if (values.has("exit") && Number.isInteger(exitCode)) {
    const killed = values.get("killed");
    return killed && KILL_SIGNALS.includes(killed)
      ? { state: "exited", exitCode, killedBy: killed as KillSignal }
      : { state: "exited", exitCode };
  }

  const pid = Number(values.get("pid"));
  if (!Number.isInteger(pid) || pid <= 0) return { state: "lost" };
  const boot = values.get("boot");
  if (boot && values.get("bootnow") && boot !== values.get("bootnow")) return { state: "lost", pid };
  const stat = parseProcStat(values.get("stat") ?? "");
  // pgrp === pid guards against the pid having been reused by an unrelated process.
  if (stat && stat.pgrp === pid && isLiveState(stat.state)) {
    return { state: "running", pid, paused: isStoppedState(stat.state) };
  }
  return { state: "lost", pid };
}
