/**
 * A real OpenSSH server on 127.0.0.1 for integration tests: its own temp dir, host key, user
 * key and free port. Every instance has its own host key, so a second instance is the
 * "server with another key" for host key tests.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { SshCredentials } from "@/lib/ssh/types";

const run = promisify(execFile);
const SSHD = "/usr/sbin/sshd";
const MISSING_SSHD = "OpenSSH server missing: apt-get install -y openssh-server";

export interface KeyPair {
  privateKeyPath: string;
  privateKey: string;
  publicKey: string;
  /** As printed by `ssh-keygen -lf`, computed independently of lib/ssh. */
  fingerprint: string;
}

export interface StartSshdOptions {
  passwordAuthentication?: boolean;
}

export interface TestSshd {
  host: string;
  port: number;
  /** The listening daemon; each connection's session processes are its descendants. */
  pid: number;
  username: string;
  dir: string;
  userKey: KeyPair;
  hostKey: KeyPair;
  /** Key credentials for the current user, pinned to this server's host key unless overridden. */
  credentials(overrides?: Partial<SshCredentials>): SshCredentials;
  stop(): Promise<void>;
}

const livePids = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed test file must not leave daemons behind.
  process.once("exit", () => {
    for (const pid of livePids) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  });
}

export async function generateKeyPair(dir: string, name: string): Promise<KeyPair> {
  const privateKeyPath = join(dir, name);
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", `gridshift-test-${name}`, "-f", privateKeyPath]);
  const { stdout } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", `${privateKeyPath}.pub`]);
  return {
    privateKeyPath,
    privateKey: await readFile(privateKeyPath, "utf8"),
    publicKey: await readFile(`${privateKeyPath}.pub`, "utf8"),
    fingerprint: stdout.trim().split(/\s+/)[1],
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sshdConfig(dir: string, port: number, options: StartSshdOptions): string {
  return [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${join(dir, "host_key")}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    "StrictModes no",
    "UsePAM no",
    `PasswordAuthentication ${options.passwordAuthentication ? "yes" : "no"}`,
    "KbdInteractiveAuthentication no",
    "PermitRootLogin prohibit-password",
    // Test suites open many connections and channels at once.
    "MaxStartups 100:30:200",
    "MaxSessions 30",
    "LogLevel VERBOSE",
    "",
  ].join("\n");
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startSshd(options: StartSshdOptions = {}): Promise<TestSshd> {
  if (!existsSync(SSHD)) throw new Error(MISSING_SSHD);
  await mkdir("/run/sshd", { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), "gridshift-sshd-"));
  try {
    const hostKey = await generateKeyPair(dir, "host_key");
    const userKey = await generateKeyPair(dir, "user_key");
    await writeFile(join(dir, "authorized_keys"), userKey.publicKey);
    const { port, pid } = await launch(dir, options);
    livePids.add(pid);
    installExitHook();
    const username = userInfo().username;
    return {
      host: "127.0.0.1",
      port,
      pid,
      username,
      dir,
      userKey,
      hostKey,
      credentials: (overrides = {}) => ({
        host: "127.0.0.1",
        port,
        username,
        auth: { kind: "key", privateKey: userKey.privateKey },
        expectedHostKeyFingerprint: hostKey.fingerprint,
        ...overrides,
      }),
      stop: async () => {
        livePids.delete(pid);
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // already gone
        }
        await waitForExit(pid, 5_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Another suite may take the free port between probe and bind: retry on a fresh one. */
async function launch(dir: string, options: StartSshdOptions): Promise<{ port: number; pid: number }> {
  const configPath = join(dir, "sshd_config");
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    await writeFile(configPath, sshdConfig(dir, port, options));
    try {
      // Daemon mode: sshd binds before it forks, so a zero exit means the port is ours.
      await run(SSHD, ["-f", configPath, "-E", join(dir, "sshd.log")]);
    } catch (error) {
      lastError = error;
      continue;
    }
    // The daemon child writes the pid file a moment after the parent has exited.
    const pid = await waitForPidFile(join(dir, "sshd.pid"), 5_000);
    await waitForPort(port);
    return { port, pid };
  }
  const log = await readFile(join(dir, "sshd.log"), "utf8").catch(() => "");
  throw new Error(`sshd did not start: ${String(lastError)}\n${log}`);
}

async function waitForPidFile(path: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
    if (Number.isInteger(pid) && pid > 0) return pid;
    if (Date.now() > deadline) throw new Error(`sshd wrote no pid file at ${path}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface ThrowawayUser {
  username: string;
  password: string;
  remove(): Promise<void>;
}

/** A local user with a known password, for password authentication; root only. */
export async function createThrowawayUser(): Promise<ThrowawayUser | { skipped: string }> {
  if (process.getuid?.() !== 0) return { skipped: "password test needs root to create a throwaway user" };
  const username = `gs${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("base64url");
  await run("useradd", ["-m", "-s", "/bin/sh", username]);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = execFile("chpasswd", (error) => (error ? reject(error) : resolve()));
      child.stdin?.end(`${username}:${password}\n`);
    });
  } catch (error) {
    await run("userdel", ["-r", username]).catch(() => {});
    throw error;
  }
  return {
    username,
    password,
    remove: async () => {
      // -f: its last session may still be closing.
      await run("userdel", ["-r", "-f", username]).catch((error: { stderr?: string }) => {
        // userdel reports a missing mail spool as an error after removing the user.
        if (!/mail spool/.test(error.stderr ?? "")) console.warn(`userdel ${username} failed: ${error.stderr ?? String(error)}`);
      });
    },
  };
}
