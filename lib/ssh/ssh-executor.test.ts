/** SSH-only behaviour: host keys, typed connection errors, reuse and re-attachment. */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createThrowawayUser, freePort, generateKeyPair, startSshd, type TestSshd } from "@/lib/testing/sshd";
import { SshConnection } from "./connection";
import { AuthenticationError, ConnectionLostError, HostKeyMismatchError, TimeoutError, UnreachableError } from "./errors";
import { SshPool } from "./pool";
import { SshExecutor } from "./ssh-executor";
import { descendants, isExited, waitForStatus } from "./test-helpers";

const run = promisify(execFile);

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

let sshd: TestSshd;
let other: TestSshd;
let runsRoot: string;

beforeAll(async () => {
  [sshd, other] = await Promise.all([startSshd(), startSshd()]);
  runsRoot = join(sshd.dir, "runs");
});

afterAll(async () => {
  await Promise.all([sshd?.stop(), other?.stop()]);
});

describe("host keys", () => {
  test("without a pin, connects and reports the fingerprint ssh-keygen prints", async () => {
    const executor = new SshExecutor(sshd.credentials({ expectedHostKeyFingerprint: "" }));
    try {
      expect(await executor.connect()).toEqual({ hostKeyFingerprint: sshd.hostKey.fingerprint });
    } finally {
      await executor.close();
    }
  });

  test("a pin without the SHA256: prefix or with padding still matches", async () => {
    const bare = `${sshd.hostKey.fingerprint.slice("SHA256:".length)}=`;
    const executor = new SshExecutor(sshd.credentials({ expectedHostKeyFingerprint: bare }));
    try {
      await expect(executor.connect()).resolves.toEqual({ hostKeyFingerprint: sshd.hostKey.fingerprint });
    } finally {
      await executor.close();
    }
  });

  test("another server's key is refused with expected and actual", async () => {
    const executor = new SshExecutor(other.credentials({ expectedHostKeyFingerprint: sshd.hostKey.fingerprint }));
    const error = await executor.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect(error).toMatchObject({ expected: sshd.hostKey.fingerprint, actual: other.hostKey.fingerprint, code: "HOST_KEY_MISMATCH" });
  });

  test("a mismatch refuses before any command runs", async () => {
    const runId = `t-${randomUUID()}`;
    const executor = new SshExecutor(other.credentials({ expectedHostKeyFingerprint: sshd.hostKey.fingerprint }), { runsRoot });
    await expect(executor.start({ runId, workingDirectory: "/tmp", command: "true" })).rejects.toBeInstanceOf(HostKeyMismatchError);
  });
});

describe("connection errors", () => {
  test("a closed port is unreachable", async () => {
    const port = await freePort();
    const executor = new SshExecutor(sshd.credentials({ port }));
    await expect(executor.connect()).rejects.toBeInstanceOf(UnreachableError);
  });

  test("a server that never answers times out", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const executor = new SshExecutor(sshd.credentials({ port }), { connectTimeoutMs: 500 });
      const before = Date.now();
      await expect(executor.connect()).rejects.toBeInstanceOf(TimeoutError);
      expect(Date.now() - before).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test("an unknown key fails authentication", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gridshift-key-"));
    try {
      const stranger = await generateKeyPair(dir, "stranger");
      const executor = new SshExecutor(sshd.credentials({ auth: { kind: "key", privateKey: stranger.privateKey } }));
      await expect(executor.connect()).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a passphrase-protected key needs its passphrase", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gridshift-key-"));
    try {
      const keyPath = join(dir, "locked");
      // Few KDF rounds: ssh2 derives the key in pure JS.
      await run("ssh-keygen", ["-q", "-t", "ed25519", "-a", "2", "-N", "s3cret phrase", "-f", keyPath]);
      await appendFile(join(sshd.dir, "authorized_keys"), await readFile(`${keyPath}.pub`, "utf8"));
      const privateKey = await readFile(keyPath, "utf8");
      const good = new SshExecutor(sshd.credentials({ auth: { kind: "key", privateKey, passphrase: "s3cret phrase" } }));
      await expect(good.connect()).resolves.toEqual({ hostKeyFingerprint: sshd.hostKey.fingerprint });
      await good.close();
      const wrong = new SshExecutor(sshd.credentials({ auth: { kind: "key", privateKey, passphrase: "nope" } }));
      await expect(wrong.connect()).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a garbage private key is an authentication error, not a crash", async () => {
    const executor = new SshExecutor(sshd.credentials({ auth: { kind: "key", privateKey: "not a key" } }));
    await expect(executor.connect()).rejects.toBeInstanceOf(AuthenticationError);
  });

  test("a wrong password fails authentication", async () => {
    const executor = new SshExecutor(sshd.credentials({ auth: { kind: "password", password: "wrong" } }));
    await expect(executor.connect()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("password authentication", () => {
  let passwordSshd: TestSshd | undefined;
  let user: Awaited<ReturnType<typeof createThrowawayUser>> | undefined;

  beforeAll(async () => {
    user = await createThrowawayUser();
    if ("skipped" in user) {
      console.log(`Skipping password authentication: ${user.skipped}`);
      return;
    }
    passwordSshd = await startSshd({ passwordAuthentication: true });
  });

  afterAll(async () => {
    await passwordSshd?.stop();
    if (user && !("skipped" in user)) await user.remove();
  });

  test("a throwaway user logs in with its password and runs under its home", async (context) => {
    if (!user || "skipped" in user || !passwordSshd) return context.skip();
    const credentials = passwordSshd.credentials({ username: user.username, auth: { kind: "password", password: user.password } });
    const executor = new SshExecutor(credentials);
    try {
      const runId = `t-${randomUUID()}`;
      await executor.start({ runId, workingDirectory: "~", command: "whoami; pwd" });
      await waitForStatus(executor, runId, isExited);
      expect((await executor.readLog(runId, 0)).data.toString()).toBe(`${user.username}\n/home/${user.username}\n`);
      // The default runs root is ~/.gridshift/runs of the login user.
      await stat(`/home/${user.username}/.gridshift/runs/${runId}/exit`);
      await expect(new SshExecutor({ ...credentials, auth: { kind: "password", password: "nope" } }).connect()).rejects.toBeInstanceOf(
        AuthenticationError,
      );
    } finally {
      await executor.close();
    }
  });
});

describe("connection reuse", () => {
  test("the pool shares one connection per server and reconnects when it drops", async () => {
    const pool = new SshPool();
    try {
      const first = await pool.connection("server-a", sshd.credentials());
      expect(await pool.connection("server-a", sshd.credentials())).toBe(first);
      const [x, y] = await Promise.all([pool.connection("server-b", other.credentials()), pool.connection("server-b", other.credentials())]);
      expect(x).toBe(y);
      expect(x).not.toBe(first);

      await first.close();
      const executor = SshExecutor.fromPool(pool, "server-a", sshd.credentials(), { runsRoot });
      expect(await executor.status(`t-${randomUUID()}`)).toEqual({ state: "unknown" });
      const second = await pool.connection("server-a", sshd.credentials());
      expect(second).not.toBe(first);
      expect(second.isOpen).toBe(true);
    } finally {
      await pool.closeAll();
    }
  });

  test("pinning the key a connection presented keeps it; another expected key reconnects and is refused", async () => {
    const pool = new SshPool();
    try {
      const unpinned = await pool.connection("s", sshd.credentials({ expectedHostKeyFingerprint: "" }));
      const pinned = await pool.connection("s", sshd.credentials({ expectedHostKeyFingerprint: unpinned.hostKeyFingerprint }));
      expect(pinned).toBe(unpinned);
      const wrong = "SHA256:" + "A".repeat(43);
      await expect(pool.connection("s", sshd.credentials({ expectedHostKeyFingerprint: wrong }))).rejects.toBeInstanceOf(HostKeyMismatchError);
      expect(unpinned.isOpen).toBe(false);
    } finally {
      await pool.closeAll();
    }
  });

  test("rotated credentials open a new connection", async () => {
    const pool = new SshPool();
    try {
      const first = await pool.connection("s", sshd.credentials());
      const rotated = sshd.credentials({ auth: { kind: "key", privateKey: `${sshd.userKey.privateKey}\n` } });
      const second = await pool.connection("s", rotated);
      expect(second).not.toBe(first);
      await until(() => !first.isOpen);
    } finally {
      await pool.closeAll();
    }
  });

  // Root's .bashrc here is slow (pyenv): every exec costs ~200 ms on this machine.
  test("many concurrent operations on one connection stay under the channel limit", async () => {
    const connection = await SshConnection.connect(sshd.credentials(), { maxConcurrentChannels: 4 });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => connection.exec(`echo ${i}`, 10_000)));
      expect(results.map((r) => r.stdout.toString().trim())).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    } finally {
      await connection.close();
    }
  });
});

describe("detached runs", () => {
  test("a run survives its connection closing and is re-attached by a new executor", async () => {
    const runId = `t-${randomUUID()}`;
    const gate = join(sshd.dir, `${runId}.gate`);
    const command = `echo begin; while [ ! -e '${gate}' ]; do sleep 0.05; done; echo end; exit 5`;
    const first = new SshExecutor(sshd.credentials(), { runsRoot });
    await first.start({ runId, workingDirectory: "/tmp", command });
    await first.close();

    const second = new SshExecutor(sshd.credentials(), { runsRoot });
    try {
      expect((await second.status(runId)).state).toBe("running");
      await writeFile(gate, "");
      expect(await waitForStatus(second, runId, isExited)).toEqual({ state: "exited", exitCode: 5 });
      expect((await second.readLog(runId, 0)).data.toString()).toBe("begin\nend\n");
    } finally {
      await second.close();
    }
  });

  test("a run survives its worker being SIGKILLed mid-connection", async () => {
    const runId = `t-${randomUUID()}`;
    const spec = { runId, workingDirectory: "/tmp", command: "sleep 2; echo survived; exit 3" };
    const script = fileURLToPath(new URL("./fixtures/start-and-die.ts", import.meta.url));
    const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
    const child = await run(tsx, [script, JSON.stringify({ credentials: sshd.credentials(), runsRoot, spec })]).catch(
      (error: { stdout?: string; signal?: string }) => error,
    );
    // tsx reports its killed child as a failure (exit 137 or SIGKILL, depending on the wrapper).
    expect(child).toBeInstanceOf(Error);
    expect(JSON.parse(String(child.stdout))).toMatchObject({ started: true });

    const executor = new SshExecutor(sshd.credentials(), { runsRoot });
    try {
      expect(await waitForStatus(executor, runId, isExited)).toEqual({ state: "exited", exitCode: 3 });
      expect((await executor.readLog(runId, 0)).data.toString()).toBe("survived\n");
    } finally {
      await executor.close();
    }
  }, 30_000);
});

describe("dropped connections", () => {
  let dropping: TestSshd;

  beforeAll(async () => {
    dropping = await startSshd();
  });

  afterAll(async () => {
    signalSessions("SIGKILL");
    await dropping?.stop();
  });

  /** Signals the per-connection sshd processes (and their commands) of this suite's own daemon. */
  function signalSessions(signal: NodeJS.Signals): void {
    for (const p of descendants(dropping.pid)) {
      try {
        process.kill(p.pid, signal);
      } catch {
        // already gone
      }
    }
  }

  test("a command in flight fails with ConnectionLostError and the pool reconnects", async () => {
    const pool = new SshPool();
    try {
      const connection = await pool.connection("s", dropping.credentials());
      const inFlight = connection.exec("sleep 30", 60_000);
      inFlight.catch(() => {});
      await until(() => descendants(dropping.pid).some((p) => p.comm === "sleep"));
      signalSessions("SIGKILL");
      await expect(inFlight).rejects.toBeInstanceOf(ConnectionLostError);
      await until(() => !connection.isOpen);

      const executor = SshExecutor.fromPool(pool, "s", dropping.credentials(), { runsRoot: join(dropping.dir, "runs") });
      expect(await executor.status(`t-${randomUUID()}`)).toEqual({ state: "unknown" });
      expect(await pool.connection("s", dropping.credentials())).not.toBe(connection);
    } finally {
      await pool.closeAll();
    }
  });

  test("keep-alives detect a server that stopped answering", async () => {
    const connection = await SshConnection.connect(dropping.credentials(), { keepaliveIntervalMs: 200, keepaliveCountMax: 2 });
    try {
      signalSessions("SIGSTOP");
      await until(() => !connection.isOpen);
      await expect(connection.exec("true", 1_000)).rejects.toBeInstanceOf(ConnectionLostError);
    } finally {
      signalSessions("SIGKILL");
      await connection.close();
    }
  });
});
