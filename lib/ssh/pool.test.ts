/** SshPool's idle timeout against a real sshd on loopback. Waits are for states; the only sleeps check that nothing closes. */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { startSshd, type TestSshd } from "@/lib/testing/sshd";
import { DEFAULT_SSH_IDLE_TIMEOUT_MS, SshPool } from "./pool";
import { SshExecutor } from "./ssh-executor";
import { descendants } from "./test-helpers";

const IDLE_MS = 200;

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.stop();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("idle timeout", () => {
  test("an idle connection is closed, on both ends, and the next use reconnects", async () => {
    const pool = new SshPool({ idleTimeoutMs: IDLE_MS });
    try {
      const executor = SshExecutor.fromPool(pool, "s", sshd.credentials(), { runsRoot: join(sshd.dir, "runs") });
      expect(await executor.status(`t-${randomUUID()}`)).toEqual({ state: "unknown" });
      const first = await pool.connection("s", sshd.credentials());
      expect(first.isOpen).toBe(true);

      await until(() => !first.isOpen);
      // The server's per-connection processes go too: the TCP connection really closed.
      await until(() => descendants(sshd.pid).length === 0);

      expect(await executor.status(`t-${randomUUID()}`)).toEqual({ state: "unknown" });
      const second = await pool.connection("s", sshd.credentials());
      expect(second).not.toBe(first);
      expect(second.isOpen).toBe(true);
    } finally {
      await pool.closeAll();
    }
  });

  test("a command streaming output for longer than the timeout keeps its connection", async () => {
    const pool = new SshPool({ idleTimeoutMs: IDLE_MS });
    try {
      const connection = await pool.connection("s", sshd.credentials());
      // At least 1.5 s of output, several idle timeouts long.
      const script = "i=0; while [ $i -lt 15 ]; do echo $i; sleep 0.1; i=$((i+1)); done";
      const result = await connection.exec(script, 60_000);
      expect(result.code).toBe(0);
      expect(result.stdout.toString().trim().split("\n")).toEqual(Array.from({ length: 15 }, (_, i) => String(i)));
      expect(connection.isOpen).toBe(true);
      expect(await pool.connection("s", sshd.credentials())).toBe(connection);
    } finally {
      await pool.closeAll();
    }
  });

  test("a held connection (a long-lived stream) stays open; once released it closes", async () => {
    const pool = new SshPool({ idleTimeoutMs: IDLE_MS });
    try {
      const connection = await pool.connection("s", sshd.credentials());
      const release = connection.hold();
      await new Promise((r) => setTimeout(r, IDLE_MS * 5));
      expect(connection.isOpen).toBe(true);
      expect((await connection.exec("echo still", 30_000)).stdout.toString()).toBe("still\n");
      release();
      await until(() => !connection.isOpen);
    } finally {
      await pool.closeAll();
    }
  });

  test("idle timers never hold the process open and closeAll clears them", async () => {
    const IDLE = 4_321; // distinct from any other timer's delay
    const set = vi.spyOn(globalThis, "setTimeout");
    const clear = vi.spyOn(globalThis, "clearTimeout");
    const pool = new SshPool({ idleTimeoutMs: IDLE });
    try {
      await pool.connection("s", sshd.credentials());
      const timers = set.mock.calls.flatMap((call, i) => (call[1] === IDLE ? [set.mock.results[i].value as NodeJS.Timeout] : []));
      expect(timers.length).toBeGreaterThan(0);
      for (const timer of timers) expect(timer.hasRef()).toBe(false);
      await pool.closeAll();
      expect(clear).toHaveBeenCalledWith(timers.at(-1));
    } finally {
      await pool.closeAll();
    }
  });

  test("0 disables it; a nonsensical value is refused", async () => {
    expect(() => new SshPool({ idleTimeoutMs: Number.NaN })).toThrow(RangeError);
    expect(() => new SshPool({ idleTimeoutMs: -1 })).toThrow(RangeError);
    expect(() => new SshPool({ idleTimeoutMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    const set = vi.spyOn(globalThis, "setTimeout");
    const pool = new SshPool({ idleTimeoutMs: 0 });
    try {
      await pool.connection("s", sshd.credentials());
      // Neither a zero delay nor the default: 0 must not fall back to 5 minutes.
      expect(set.mock.calls.some((call) => call[1] === 0 || call[1] === DEFAULT_SSH_IDLE_TIMEOUT_MS)).toBe(false);
    } finally {
      await pool.closeAll();
    }
  });
});
