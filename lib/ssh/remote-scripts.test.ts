import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { InvalidRunSpecError } from "./errors";
import {
  WRAPPER_SCRIPT,
  assertRunId,
  cleanupScript,
  killScript,
  pauseScript,
  readLogScript,
  sampleScript,
  startScript,
  statusScript,
} from "./remote-scripts";

const root = "~/.gridshift/runs";
const spec = { runId: "run-1", workingDirectory: "/srv/it's here", command: "echo 'hi' && exit 3", env: { A_B: "x 'y'" } };

describe("run ids", () => {
  test.each(["abc", "run_1.2-3", "0", "a".repeat(128)])("accepts %j", (id) => {
    expect(() => assertRunId(id)).not.toThrow();
  });

  test.each(["", ".", "..", "../x", "a/b", "-x", "a b", "a'b", "a".repeat(129), "é"])("rejects %j", (id) => {
    expect(() => assertRunId(id)).toThrow(InvalidRunSpecError);
  });
});

describe("script builders", () => {
  const scripts = {
    start: startScript(root, spec),
    status: statusScript(root, "run-1"),
    kill: killScript(root, "run-1", "TERM", 2500),
    killNow: killScript(root, "run-1", "KILL", 2500),
    pause: pauseScript(root, "run-1", true),
    resume: pauseScript(root, "run-1", false),
    readLog: readLogScript(root, "run-1", 10, 100),
    cleanup: cleanupScript(root, "run-1"),
    sample: sampleScript(root, "run-1", 300),
    wrapper: WRAPPER_SCRIPT,
  };

  test.each(Object.entries(scripts))("%s parses as POSIX sh", (_name, script) => {
    expect(() => execFileSync("/bin/sh", ["-n", "-c", script])).not.toThrow();
  });

  test("start guards with mkdir, detaches with setsid and quotes user input", () => {
    const script = scripts.start;
    expect(script).toContain('if mkdir "$dir" 2>/dev/null; then');
    expect(script).toContain("setsid sh -c");
    expect(script).toContain(`cd '/srv/it'\\''s here'`);
    expect(script).toContain(`'echo '\\''hi'\\'' && exit 3'`);
    expect(script).toContain(`'A_B=x '\\''y'\\'''`);
    expect(script).toContain('</dev/null >"$dir/output.log" 2>&1 &');
    expect(script).toContain(`root="$HOME"/'.gridshift/runs'`);
  });

  test("the wrapper records the exit code atomically", () => {
    expect(WRAPPER_SCRIPT).toContain(`> "$d/exit.tmp" && mv -f "$d/exit.tmp" "$d/exit"`);
  });

  test("kill waits the grace in 100 ms ticks, KILL does not wait", () => {
    expect(scripts.kill).toContain('[ "$i" -lt 25 ]');
    expect(scripts.kill).toContain('kill -TERM -"$pid"');
    expect(scripts.killNow).toContain('[ "$i" -lt 0 ]');
  });

  test("readLog reads a byte range", () => {
    expect(scripts.readLog).toContain('tail -c +11 "$dir/output.log" | head -c 100');
  });

  test("sample interval is bounded", () => {
    expect(sampleScript(root, "r", 1)).toContain("sleep 0.050");
    expect(sampleScript(root, "r", 1e9)).toContain("sleep 10.000");
  });

  test.each([
    () => startScript(root, { ...spec, env: { "BAD NAME": "x" } }),
    () => startScript("relative/root", spec),
    () => readLogScript(root, "r", -1, 10),
    () => readLogScript(root, "r", 0, 0),
  ])("rejects bad input %#", (build) => {
    expect(build).toThrow(InvalidRunSpecError);
  });
});
