/** The shared executor contract, run against a real sshd and against the local host. */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSshd } from "@/lib/testing/sshd";
import { InvalidRunSpecError, RunActiveError, RunNotFoundError, WorkingDirectoryError } from "./errors";
import { LocalExecutor } from "./local-executor";
import { shellQuote } from "./shell-quote";
import { SshExecutor } from "./ssh-executor";
import { isExited, liveGroupMembers, readWholeLog, waitForStatus } from "./test-helpers";
import type { Executor } from "./types";

interface Target {
  executor: Executor;
  dir: string;
  teardown(): Promise<void>;
}

const targets: Array<{ name: string; setup(): Promise<Target> }> = [
  {
    name: "SshExecutor",
    setup: async () => {
      const sshd = await startSshd();
      const executor = new SshExecutor(sshd.credentials(), { runsRoot: join(sshd.dir, "runs") });
      return {
        executor,
        dir: sshd.dir,
        teardown: async () => {
          await executor.close();
          await sshd.stop();
        },
      };
    },
  },
  {
    name: "LocalExecutor",
    setup: async () => {
      const dir = await mkdtemp(join(tmpdir(), "gridshift-local-"));
      return {
        executor: new LocalExecutor({ runsRoot: join(dir, "runs") }),
        dir,
        teardown: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];

describe.each(targets)("$name", ({ setup }) => {
  let target: Target;
  let executor: Executor;
  const started: string[] = [];
  const newRunId = () => {
    const id = `t-${randomUUID()}`;
    started.push(id);
    return id;
  };

  beforeAll(async () => {
    target = await setup();
    executor = target.executor;
  });

  afterAll(async () => {
    // Nothing a failed test started may outlive the suite.
    await Promise.all(started.map((id) => executor.kill(id, { signal: "KILL" }).catch(() => {})));
    await target?.teardown();
  });

  test("runs a command and captures stdout, stderr and exit 0", async () => {
    const runId = newRunId();
    const result = await executor.start({ runId, workingDirectory: "/tmp", command: "echo out; echo err >&2; printf 'x=%s' \"$X\"", env: { X: "a 'b' $c" } });
    expect(result.started).toBe(true);
    expect(await waitForStatus(executor, runId, isExited)).toEqual({ state: "exited", exitCode: 0 });
    const log = await executor.readLog(runId, 0);
    expect(log.data.toString()).toBe("out\nerr\nx=a 'b' $c");
    expect(log.nextOffset).toBe(log.data.length);
  });

  test("gives the job its own variables and none of the worker's", async () => {
    // The test process stands in for the worker: it holds the database URL and the secret key.
    expect(process.env.DATABASE_URL).toBeTruthy();
    const runId = newRunId();
    await executor.start({ runId, workingDirectory: "/tmp", command: "env", env: { GRIDSHIFT_RUN_ID: runId } });
    await waitForStatus(executor, runId, isExited);
    const names = (await executor.readLog(runId, 0)).data.toString().split("\n").map((line) => line.split("=")[0]);
    expect(names).toContain("GRIDSHIFT_RUN_ID");
    expect(names).toContain("PATH");
    expect(names).not.toContain("DATABASE_URL");
    expect(names).not.toContain("GRIDSHIFT_SECRET_KEY");
  });

  test("reports a non-zero exit code", async () => {
    const runId = newRunId();
    await executor.start({ runId, workingDirectory: "/tmp", command: "exit 42" });
    expect(await waitForStatus(executor, runId, isExited)).toEqual({ state: "exited", exitCode: 42 });
  });

  test("runs in a working directory with spaces and quotes", async () => {
    const runId = newRunId();
    const workingDirectory = join(target.dir, `it's a "dir" with $pace & \`ticks\``);
    await mkdir(workingDirectory);
    await executor.start({ runId, workingDirectory, command: "pwd" });
    await waitForStatus(executor, runId, isExited);
    expect((await executor.readLog(runId, 0)).data.toString()).toBe(`${workingDirectory}\n`);
  });

  test("a missing working directory fails start and leaves no run behind", async () => {
    const runId = newRunId();
    await expect(executor.start({ runId, workingDirectory: join(target.dir, "nope"), command: "true" })).rejects.toBeInstanceOf(
      WorkingDirectoryError,
    );
    expect(await executor.status(runId)).toEqual({ state: "unknown" });
  });

  test("rejects an unsafe run id before touching the target", async () => {
    await expect(executor.start({ runId: "../escape", workingDirectory: "/tmp", command: "true" })).rejects.toBeInstanceOf(
      InvalidRunSpecError,
    );
  });

  test("start is idempotent: repeated and concurrent starts launch once", async () => {
    const runId = newRunId();
    const spec = { runId, workingDirectory: "/tmp", command: "echo launched; sleep 1" };
    const results = await Promise.all([executor.start(spec), executor.start(spec), executor.start(spec)]);
    expect(results.filter((r) => r.started)).toHaveLength(1);
    for (const r of results) expect(["running", "exited"]).toContain(r.status.state);
    const again = await executor.start({ ...spec, command: "echo second" });
    expect(again.started).toBe(false);
    await waitForStatus(executor, runId, isExited);
    expect((await executor.start(spec)).status).toEqual({ state: "exited", exitCode: 0 });
    expect((await executor.readLog(runId, 0)).data.toString()).toBe("launched\n");
  });

  test("kill sends TERM to the whole group", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "sleep 300 & sleep 300; wait" });
    if (status.state !== "running") throw new Error("not running");
    await waitForChildren(status.pid, 3);
    const killed = await executor.kill(runId, { graceMs: 5_000 });
    expect(killed).toEqual({ state: "exited", exitCode: 143, killedBy: "TERM" });
    expect(liveGroupMembers(status.pid)).toEqual([]);
  });

  test("kill escalates to KILL after the grace when TERM is ignored", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "trap '' TERM; sleep 300" });
    if (status.state !== "running") throw new Error("not running");
    await waitForChildren(status.pid, 3);
    const before = Date.now();
    const killed = await executor.kill(runId, { graceMs: 800 });
    expect(Date.now() - before).toBeGreaterThanOrEqual(700);
    expect(killed).toEqual({ state: "exited", exitCode: 137, killedBy: "KILL" });
    expect(liveGroupMembers(status.pid)).toEqual([]);
    expect(await executor.status(runId)).toEqual(killed);
  });

  test("kill of a finished run changes nothing; of an unknown run throws", async () => {
    const runId = newRunId();
    await executor.start({ runId, workingDirectory: "/tmp", command: "exit 7" });
    await waitForStatus(executor, runId, isExited);
    expect(await executor.kill(runId)).toEqual({ state: "exited", exitCode: 7 });
    await expect(executor.kill(`t-${randomUUID()}`)).rejects.toBeInstanceOf(RunNotFoundError);
  });

  test("pause stops every process of the group (state T) and resume continues it", async () => {
    const runId = newRunId();
    // The loop runs until the test opens a gate, so no amount of machine load lets it finish early.
    const gate = join(tmpdir(), `gridshift-gate-${runId}`);
    const command = `i=0; while [ ! -e '${gate}' ]; do i=$((i+1)); echo $i; sleep 0.1; done`;
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command });
    if (status.state !== "running") throw new Error("not running");
    await waitForChildren(status.pid, 2);
    expect(await executor.pause(runId)).toEqual({ state: "running", pid: status.pid, paused: true });
    // Zombies (a sleep that ended just before the stop, unreaped by its stopped parent) do not count.
    const members = liveGroupMembers(status.pid);
    expect(members.length).toBeGreaterThanOrEqual(1);
    for (const p of members) expect(p.state).toBe("T");
    // While stopped the loop makes no progress.
    const before = (await executor.readLog(runId, 0)).nextOffset;
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await executor.readLog(runId, 0)).nextOffset).toBe(before);
    expect(await executor.status(runId)).toEqual({ state: "running", pid: status.pid, paused: true });
    const resumed = await executor.resume(runId);
    expect(resumed).toEqual({ state: "running", pid: status.pid, paused: false });
    for (const p of liveGroupMembers(status.pid)) expect(p.state).not.toBe("T");
    await waitFor(async () => (await executor.readLog(runId, 0)).nextOffset > before);
    await writeFile(gate, "");
    expect(await waitForStatus(executor, runId, isExited)).toEqual({ state: "exited", exitCode: 0 });
    await rm(gate, { force: true });
    const lines = (await executor.readLog(runId, 0)).data.toString().trim().split("\n");
    expect(lines).toEqual(lines.map((_, i) => String(i + 1)));
  }, 60_000);

  test("kill works on a paused run", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "sleep 300" });
    if (status.state !== "running") throw new Error("not running");
    await waitForChildren(status.pid, 2);
    expect((await executor.pause(runId)).state).toBe("running");
    expect(await executor.kill(runId, { graceMs: 5_000 })).toEqual({ state: "exited", exitCode: 143, killedBy: "TERM" });
  });

  test("killing a lost run's leftovers records the signal without waiting the whole grace", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "sleep 300" });
    if (status.state !== "running") throw new Error("not running");
    await waitForChildren(status.pid, 2);
    // The wrapper dies alone: its sleep lives on in the group with nobody to record an exit code.
    process.kill(status.pid, "SIGKILL");
    await waitForStatus(executor, runId, (s) => s.state === "lost");
    const before = Date.now();
    expect(await executor.kill(runId, { graceMs: 25_000 })).toEqual({ state: "exited", exitCode: 143, killedBy: "TERM" });
    expect(Date.now() - before).toBeLessThan(12_000);
    expect(liveGroupMembers(status.pid)).toEqual([]);
  });

  test("after a reboot the recorded pid is never trusted nor signalled", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "sleep 300" });
    if (status.state !== "running") throw new Error("not running");
    // Pretend the run was started under another boot: the live pid now stands for a stranger.
    await writeFile(join(target.dir, "runs", runId, "boot"), "another-boot-id\n");
    expect(await executor.status(runId)).toEqual({ state: "lost", pid: status.pid });
    expect(await executor.kill(runId, { signal: "KILL" })).toEqual({ state: "lost", pid: status.pid });
    expect(liveGroupMembers(status.pid).length).toBeGreaterThan(0);
    await executor.cleanup(runId);
    process.kill(-status.pid, "SIGKILL");
  });

  test("a run whose processes vanish without an exit code is lost", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "sleep 300" });
    if (status.state !== "running") throw new Error("not running");
    process.kill(-status.pid, "SIGKILL");
    const lost = await waitForStatus(executor, runId, (s) => s.state !== "running");
    expect(lost).toEqual({ state: "lost", pid: status.pid });
  });

  test("streams a growing log incrementally by byte offset", async () => {
    const runId = newRunId();
    const gate = join(target.dir, `${runId}.gate`);
    // The second half is only written once the test has read the first: no timing assumptions.
    const command = `echo first-ü; while [ ! -e ${shellQuote(gate)} ]; do sleep 0.05; done; echo second-✓`;
    await executor.start({ runId, workingDirectory: "/tmp", command });
    let offset = 0;
    let text = "";
    while (!text.endsWith("first-ü\n")) {
      const chunk = await executor.readLog(runId, offset, 4096);
      expect(chunk.nextOffset).toBe(offset + chunk.data.length);
      offset = chunk.nextOffset;
      text += chunk.data.toString();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toBe("first-ü\n");
    expect((await executor.status(runId)).state).toBe("running");
    await writeFile(gate, "");
    await waitForStatus(executor, runId, isExited);
    const rest = await executor.readLog(runId, offset, 4096);
    expect(rest.data.toString()).toBe("second-✓\n");
    expect(rest.nextOffset).toBe(Buffer.byteLength("first-ü\nsecond-✓\n"));
    expect((await executor.readLog(runId, rest.nextOffset)).data.length).toBe(0);
  });

  test("streams 20 MB of multi-byte output in chunks without corrupting characters", async () => {
    const runId = newRunId();
    const size = 20 * 1024 * 1024;
    const line = "línea ✓ 日本語 ok\n";
    await executor.start({ runId, workingDirectory: "/tmp", command: `yes '${line.trimEnd()}' | head -c ${size}` });
    expect(await waitForStatus(executor, runId, isExited, 30_000)).toEqual({ state: "exited", exitCode: 0 });

    // An odd chunk size splits multi-byte characters across chunk boundaries.
    const chunks = await readWholeLog(executor, runId, 1_000_003);
    const expected = Buffer.from(line.repeat(Math.ceil(size / Buffer.byteLength(line)))).subarray(0, size);
    const all = Buffer.concat(chunks);
    expect(all.length).toBe(size);
    expect(sha256(all)).toBe(sha256(expected));
    expect(chunks.some((c) => c.toString("utf8").includes("\uFFFD"))).toBe(true);
    const decoder = new StringDecoder("utf8");
    const decoded = chunks.map((c) => decoder.write(c)).join("") + decoder.end();
    expect(decoded).toBe(expected.toString("utf8"));
  }, 60_000);

  test("sample reports the group's CPU and memory and the host's", async () => {
    const runId = newRunId();
    const { status } = await executor.start({ runId, workingDirectory: "/tmp", command: "while :; do :; done" });
    if (status.state !== "running") throw new Error("not running");
    const sample = await executor.sample(runId, { intervalMs: 700 });
    expect(sample.intervalSeconds).toBeGreaterThan(0.5);
    expect(sample.group).not.toBeNull();
    expect(sample.group!.processCount).toBeGreaterThanOrEqual(1);
    // A busy loop, but this 2-core machine may be shared with other suites: only demand a clear signal.
    expect(sample.group!.cpuCores).toBeGreaterThan(0.05);
    expect(sample.group!.cpuCores).toBeLessThanOrEqual(sample.host.cpuCount);
    expect(sample.group!.rssBytes).toBeGreaterThan(100 * 1024);
    expect(sample.host.cpuUtilisation).toBeGreaterThan(0);
    expect(sample.host.cpuUtilisation).toBeLessThanOrEqual(1);
    expect(sample.host.memoryUsedBytes).toBeGreaterThan(0);
    expect(sample.host.memoryUsedBytes).toBeLessThan(sample.host.memoryTotalBytes);
    for (const watts of [sample.energy.raplWatts, sample.energy.gpuWatts]) {
      if (watts !== null) expect(watts).toBeGreaterThanOrEqual(0);
    }
    await executor.kill(runId, { signal: "KILL" });
    const after = await executor.sample(runId, { intervalMs: 100 });
    expect(after.group).toBeNull();
  });

  test("unknown runs: status unknown, readLog throws, cleanup is a no-op", async () => {
    const runId = `t-${randomUUID()}`;
    expect(await executor.status(runId)).toEqual({ state: "unknown" });
    await expect(executor.readLog(runId, 0)).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(executor.cleanup(runId)).resolves.toBeUndefined();
  });

  test("cleanup refuses a live run and removes a finished one", async () => {
    const runId = newRunId();
    await executor.start({ runId, workingDirectory: "/tmp", command: "sleep 300" });
    await expect(executor.cleanup(runId)).rejects.toBeInstanceOf(RunActiveError);
    await executor.kill(runId, { graceMs: 2_000 });
    await executor.cleanup(runId);
    expect(await executor.status(runId)).toEqual({ state: "unknown" });
  });
});

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Waits until the wrapper's group has at least `count` live members (wrapper, sh, child). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForChildren(pgid: number, count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (liveGroupMembers(pgid).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}
