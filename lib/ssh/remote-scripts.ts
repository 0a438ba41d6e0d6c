/**
 * The POSIX sh snippets run on the target, as pure string builders. Layout of a run directory:
 * `output.log` (stdout+stderr), `pid` (the wrapper, leader of the run's session and process
 * group), `exit` (exit code, written by tmp + mv), `killed` (the last signal we sent),
 * `boot` (the kernel boot id at start), `command` (for humans).
 * `mkdir` of the run directory is the start guard: atomic, so a repeated start never launches twice.
 */
import { InvalidRunSpecError } from "./errors";
import { shellPath, shellQuote } from "./shell-quote";
import type { KillSignal, RunSpec } from "./types";

export const DEFAULT_RUNS_ROOT = "~/.gridshift/runs";

const RUN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function assertRunId(runId: string): void {
  if (!RUN_ID.test(runId)) throw new InvalidRunSpecError(`Invalid run id: ${JSON.stringify(runId)}`);
}

export function assertRunsRoot(root: string): void {
  if (!(root.startsWith("/") || root === "~" || root.startsWith("~/"))) {
    throw new InvalidRunSpecError(`Runs root must be absolute or start with ~/: ${root}`);
  }
}

/**
 * Runs inside `setsid`, so it leads the run's session and process group. It traps the
 * catchable kill signals (a trap, not an ignore, so the command still gets default handlers)
 * to outlive the command and record its exit code; $? is 128+n when the command died of signal n.
 */
export const WRAPPER_SCRIPT = [
  "trap : HUP INT TERM QUIT",
  'd=$1; wd=$2; c=$3; shift 3',
  'echo $$ > "$d/pid.tmp" && mv -f "$d/pid.tmp" "$d/pid"',
  'if cd "$wd"; then env "$@" sh -c "$c" </dev/null; code=$?; else code=127; fi',
  `printf '%s\\n' "$code" > "$d/exit.tmp" && mv -f "$d/exit.tmp" "$d/exit"`,
].join("\n");

/** Prints key=value lines (state, pid, stat, killed, exit) parsed by parseStatusOutput. */
const STATUS_FUNCTION = `gs_status() {
  if [ ! -d "$dir" ]; then echo state=unknown; return 0; fi
  echo state=present
  i=0
  while [ ! -f "$dir/pid" ] && [ ! -f "$dir/exit" ] && [ "$i" -lt 40 ]; do sleep 0.05; i=$((i+1)); done
  if [ -f "$dir/pid" ]; then
    p=$(cat "$dir/pid")
    echo "pid=$p"
    if [ -r "/proc/$p/stat" ]; then echo "stat=$(cat "/proc/$p/stat" 2>/dev/null)"; fi
  fi
  if [ -f "$dir/boot" ]; then echo "boot=$(cat "$dir/boot")"; echo "bootnow=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)"; fi
  if [ -f "$dir/killed" ]; then echo "killed=$(cat "$dir/killed")"; fi
  if [ -f "$dir/exit" ]; then echo "exit=$(cat "$dir/exit")"; fi
  return 0
}`;

/** False after a reboot: the recorded pid then names some other process and must never be signalled. */
const SAME_BOOT_FUNCTION = `gs_same_boot() {
  [ ! -f "$dir/boot" ] || [ "$(cat "$dir/boot")" = "$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)" ]
}`;

/** Counts the group's members that are not zombies (kill -0 also succeeds on zombies awaiting reaping). */
const GROUP_LIVE_FUNCTION = `gs_live() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '{ s = $0; sub(/^.*\\) /, "", s); split(s, a, " "); if (a[3] == g && a[1] != "Z" && a[1] != "X") n++ } END { print n + 0 }'
}`;

/** Sets $pid to the run's process group when it has live members, else prints result=$1 and the status, and exits. */
function requireLiveGroup(resultWhenNot: string): string {
  return `pid=$(cat "$dir/pid" 2>/dev/null || true)
case "$pid" in ''|*[!0-9]*) echo result=${resultWhenNot}; gs_status; exit 0;; esac
if [ -f "$dir/exit" ] || ! gs_same_boot || [ "$(gs_live "$pid")" = 0 ]; then echo result=${resultWhenNot}; gs_status; exit 0; fi`;
}

function prelude(runsRoot: string, runId: string): string {
  assertRunId(runId);
  assertRunsRoot(runsRoot);
  return ["set -u", `root=${shellPath(runsRoot)}`, `dir="$root"/${shellQuote(runId)}`, STATUS_FUNCTION, GROUP_LIVE_FUNCTION, SAME_BOOT_FUNCTION].join("\n");
}

function envArguments(env: Record<string, string> | undefined): string {
  return Object.entries(env ?? {})
    .map(([name, value]) => {
      if (!ENV_NAME.test(name)) throw new InvalidRunSpecError(`Invalid environment variable name: ${name}`);
      return shellQuote(`${name}=${value}`);
    })
    .join(" ");
}

/** Output: result=started|existing|nowd, then the status lines. */
export function startScript(runsRoot: string, spec: RunSpec): string {
  const launch = [
    "setsid sh -c",
    shellQuote(WRAPPER_SCRIPT),
    "gridshift-run",
    '"$dir"',
    '"$PWD"',
    shellQuote(spec.command),
    envArguments(spec.env),
    '</dev/null >"$dir/output.log" 2>&1 &',
  ].join(" ");
  return `${prelude(runsRoot, spec.runId)}
mkdir -p "$root" || exit 70
if mkdir "$dir" 2>/dev/null; then
  if ! cd ${shellPath(spec.workingDirectory)} 2>/dev/null; then rmdir "$dir"; echo result=nowd; exit 0; fi
  if ! command -v setsid >/dev/null 2>&1; then rmdir "$dir"; echo "setsid not found on target" >&2; exit 71; fi
  printf '%s\\n' ${shellQuote(spec.command)} > "$dir/command"
  # After a reboot the pid may belong to someone else: the boot id tells.
  cat /proc/sys/kernel/random/boot_id > "$dir/boot" 2>/dev/null || rm -f "$dir/boot"
  ${launch}
  echo result=started
else
  echo result=existing
fi
gs_status`;
}

export function statusScript(runsRoot: string, runId: string): string {
  return `${prelude(runsRoot, runId)}\ngs_status`;
}

const SIGNAL_NUMBERS: Record<KillSignal, number> = { HUP: 1, INT: 2, KILL: 9, TERM: 15 };

/**
 * Signals the whole group, lets a stopped group run so it can handle the signal, waits up to
 * the grace for the wrapper to record an exit code, then SIGKILLs whatever is left. When the
 * wrapper itself was killed, the script records the exit code (137 after SIGKILL) so the run
 * never looks lost.
 */
export function killScript(runsRoot: string, runId: string, signal: KillSignal, graceMs: number): string {
  const ticks = signal === "KILL" ? 0 : Math.max(0, Math.ceil(graceMs / 100));
  return `${prelude(runsRoot, runId)}
if [ ! -d "$dir" ]; then echo result=unknown; gs_status; exit 0; fi
pid=$(cat "$dir/pid" 2>/dev/null || true)
case "$pid" in ''|*[!0-9]*) echo result=notrunning; gs_status; exit 0;; esac
if ! gs_same_boot || [ "$(gs_live "$pid")" = 0 ]; then echo result=notrunning; gs_status; exit 0; fi
# The command already exited but left children in its group: they go too.
if [ -f "$dir/exit" ]; then kill -KILL -"$pid" 2>/dev/null; echo result=leftovers; gs_status; exit 0; fi
gs_mark() { printf '%s\\n' "$1" > "$dir/killed.tmp" && mv -f "$dir/killed.tmp" "$dir/killed"; }
gs_mark ${signal}
kill -${signal} -"$pid" 2>/dev/null
kill -CONT -"$pid" 2>/dev/null
i=0
while [ ! -f "$dir/exit" ] && [ "$i" -lt ${ticks} ]; do
  sleep 0.1; i=$((i+1))
  # A lost run (wrapper gone) never writes an exit code: stop waiting once its group is empty.
  if [ $((i % 5)) -eq 0 ] && [ "$(gs_live "$pid")" = 0 ]; then break; fi
done
code=$((128 + ${SIGNAL_NUMBERS[signal]}))
if [ ! -f "$dir/exit" ] && [ "$(gs_live "$pid")" != 0 ]; then gs_mark KILL; code=137; fi
kill -KILL -"$pid" 2>/dev/null
# SIGKILL is asynchronous: return only once nothing of the group still runs (bounded).
i=0
while [ "$(gs_live "$pid")" != 0 ] && [ "$i" -lt 50 ]; do sleep 0.05; i=$((i+1)); done
if [ ! -f "$dir/exit" ]; then printf '%s\\n' "$code" > "$dir/exit.kill" && mv -f "$dir/exit.kill" "$dir/exit"; fi
echo result=signalled
gs_status`;
}

/** Counts the group's members in the stopped state. */
const STOPPED_COUNT_FUNCTION = `gs_stopped() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '{ s = $0; sub(/^.*\\) /, "", s); split(s, a, " "); if (a[3] == g && (a[1] == "T" || a[1] == "t")) n++ } END { print n + 0 }'
}`;

/** SIGSTOP / SIGCONT the group, then wait briefly until every member shows the new state. */
export function pauseScript(runsRoot: string, runId: string, pause: boolean): string {
  const signal = pause ? "STOP" : "CONT";
  const waitWhile = pause ? `[ "$(gs_stopped "$pid")" != "$(gs_live "$pid")" ]` : `[ "$(gs_stopped "$pid")" != 0 ]`;
  return `${prelude(runsRoot, runId)}
${STOPPED_COUNT_FUNCTION}
if [ ! -d "$dir" ]; then echo result=unknown; gs_status; exit 0; fi
${requireLiveGroup("notrunning")}
kill -${signal} -"$pid" 2>/dev/null
i=0
while ${waitWhile} && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i+1)); done
echo result=ok
gs_status`;
}

/** Exit code 3: no such run. Otherwise raw bytes [offset, offset + maxBytes) of the log on stdout. */
export function readLogScript(runsRoot: string, runId: string, offset: number, maxBytes: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new InvalidRunSpecError(`Invalid log offset: ${offset}`);
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new InvalidRunSpecError(`Invalid maxBytes: ${maxBytes}`);
  return `${prelude(runsRoot, runId)}
[ -d "$dir" ] || exit 3
[ -f "$dir/output.log" ] || exit 0
tail -c +${offset + 1} "$dir/output.log" | head -c ${maxBytes}`;
}

/** Output: result=unknown|active|removed. */
export function cleanupScript(runsRoot: string, runId: string): string {
  return `${prelude(runsRoot, runId)}
if [ ! -d "$dir" ]; then echo result=unknown; exit 0; fi
pid=$(cat "$dir/pid" 2>/dev/null || true)
case "$pid" in
  ''|*[!0-9]*) ;;
  *) if gs_same_boot && [ "$(gs_live "$pid")" != 0 ]; then echo result=active; exit 0; fi;;
esac
rm -rf "$dir"
echo result=removed`;
}

/**
 * Two readings of /proc (and RAPL counters) around a sleep, in sections parsed by
 * parseSampleOutput. Only the run's group lines of /proc/<pid>/stat are kept (field 5, pgrp).
 */
export function sampleScript(runsRoot: string, runId: string, intervalMs: number): string {
  const seconds = (Math.max(50, Math.min(10_000, Math.round(intervalMs))) / 1000).toFixed(3);
  return `${prelude(runsRoot, runId)}
pid=$(cat "$dir/pid" 2>/dev/null || true)
case "$pid" in ''|*[!0-9]*) pid=-1;; esac
if [ -f "$dir/exit" ] || ! gs_same_boot; then pid=-1; fi
gs_snap() {
  echo @uptime; cat /proc/uptime
  echo @cpu; head -n 1 /proc/stat
  echo @procs
  if [ "$pid" != -1 ]; then
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$pid" '{ s = $0; sub(/^.*\\) /, "", s); split(s, a, " "); if (a[3] == g) print }'
  fi
  echo @rapl
  for f in /sys/class/powercap/intel-rapl:*/energy_uj; do
    [ -r "$f" ] || continue
    v=$(cat "$f" 2>/dev/null) || continue
    m=$(cat "\${f%/energy_uj}/max_energy_range_uj" 2>/dev/null || echo 0)
    echo "\${f%/energy_uj} $v $m"
  done
}
echo @ncpu; grep -c '^cpu[0-9]' /proc/stat
echo @pagesize; getconf PAGESIZE 2>/dev/null || echo 4096
echo @meminfo; grep -E '^(MemTotal|MemAvailable):' /proc/meminfo
echo @snap1; gs_snap
sleep ${seconds}
echo @snap2; gs_snap
echo @gpu
if command -v nvidia-smi >/dev/null 2>&1; then
  timeout 5 nvidia-smi --query-gpu=power.draw --format=csv,noheader,nounits </dev/null 2>/dev/null || true
fi
echo @end`;
}
