/** One ssh2 client: typed connect errors, host key pinning, a bound on concurrent channels, use tracking. */
import { Client, type ConnectConfig } from "ssh2";
import {
  AuthenticationError,
  ConnectionFailedError,
  ConnectionLostError,
  HostKeyMismatchError,
  TimeoutError,
  UnreachableError,
} from "./errors";
import { fingerprintOfKey, fingerprintsEqual, normaliseFingerprint } from "./fingerprint";
import type { ExecResult, SshCredentials } from "./types";

export interface ConnectOptions {
  /** Covers TCP connect, handshake and authentication. */
  connectTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  /** Unanswered keep-alives before the connection counts as dropped. */
  keepaliveCountMax?: number;
  /** OpenSSH's MaxSessions defaults to 10 channels per connection. */
  maxConcurrentChannels?: number;
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET"]);
const MAX_STDERR_CHARS = 64 * 1024;

type Ssh2Error = Error & { level?: string; code?: string };

function mapConnectError(error: Ssh2Error, credentials: SshCredentials, mismatch?: HostKeyMismatchError): Error {
  const target = `${credentials.host}:${credentials.port}`;
  if (mismatch) return mismatch;
  if (error.level === "client-authentication") {
    return new AuthenticationError(`Authentication failed for ${credentials.username}@${target}`, { cause: error });
  }
  if (error.level === "client-timeout") return new TimeoutError(`Timed out connecting to ${target}`, { cause: error });
  if (error.code === "ETIMEDOUT") return new TimeoutError(`Timed out connecting to ${target}`, { cause: error });
  if (error.code && UNREACHABLE_CODES.has(error.code)) {
    return new UnreachableError(`Cannot reach ${target}: ${error.code}`, { cause: error });
  }
  if (error.level === "client-dns") return new UnreachableError(`Cannot resolve ${credentials.host}`, { cause: error });
  return new ConnectionFailedError(`SSH connection to ${target} failed: ${error.message}`, { cause: error });
}

class Semaphore {
  private waiting: Array<() => void> = [];
  private active = 0;

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export class SshConnection {
  private open = true;
  private readonly channels: Semaphore;
  private users = 0;
  private readonly idleListeners = new Set<() => void>();

  private constructor(
    private readonly client: Client,
    readonly hostKeyFingerprint: string,
    maxConcurrentChannels: number,
  ) {
    this.channels = new Semaphore(maxConcurrentChannels);
    client.setMaxListeners(maxConcurrentChannels * 2 + 10);
    client.on("close", () => {
      this.open = false;
    });
    // Errors after ready (keep-alive timeout, reset) end in "close"; without a listener they would crash the process.
    client.on("error", () => {
      this.open = false;
    });
  }

  static connect(credentials: SshCredentials, options: ConnectOptions = {}): Promise<SshConnection> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      const expected = credentials.expectedHostKeyFingerprint?.trim();
      let fingerprint = "";
      let mismatch: HostKeyMismatchError | undefined;
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        client.end();
        reject(error);
      };

      client.once("ready", () => {
        if (settled) return;
        settled = true;
        resolve(new SshConnection(client, fingerprint, options.maxConcurrentChannels ?? 8));
      });
      client.on("error", (error: Ssh2Error) => fail(mapConnectError(error, credentials, mismatch)));
      client.once("close", () => fail(mismatch ?? new ConnectionFailedError("Connection closed during handshake")));

      const config: ConnectConfig = {
        host: credentials.host,
        port: credentials.port,
        username: credentials.username,
        readyTimeout: options.connectTimeoutMs ?? 15_000,
        keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: options.keepaliveCountMax ?? 3,
        tryKeyboard: false,
        hostVerifier: (key: Buffer) => {
          fingerprint = fingerprintOfKey(key);
          if (expected && !fingerprintsEqual(expected, fingerprint)) {
            mismatch = new HostKeyMismatchError(normaliseFingerprint(expected), fingerprint);
            return false;
          }
          return true;
        },
        ...(credentials.auth.kind === "key"
          ? { privateKey: credentials.auth.privateKey, passphrase: credentials.auth.passphrase }
          : { password: credentials.auth.password }),
      };
      try {
        client.connect(config);
      } catch (error) {
        // ssh2 throws synchronously on an unparsable key or a wrong passphrase.
        fail(new AuthenticationError(`Unusable private key: ${(error as Error).message}`, { cause: error }));
      }
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** True while a command runs or waits for a channel, or a hold is not yet released. */
  get inUse(): boolean {
    return this.users > 0;
  }

  /**
   * Marks the connection in use until the returned function is called, so an idle timeout
   * (SshPool) leaves it open. `exec` holds it for its own duration; anything that keeps a
   * channel open between calls (a long-lived stream) must hold it too.
   */
  hold(): () => void {
    this.users++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users === 0) for (const listener of [...this.idleListeners]) listener();
    };
  }

  /** Calls `listener` each time the last user lets go; returns the unsubscribe function. */
  onIdle(listener: () => void): () => void {
    this.idleListeners.add(listener);
    return () => this.idleListeners.delete(listener);
  }

  /** Runs a command in a new channel; `stdin`, when given, is written and then closed. */
  exec(command: string, timeoutMs: number, stdin?: string): Promise<ExecResult> {
    const release = this.hold();
    return this.channels.run(() => this.execNow(command, timeoutMs, stdin)).finally(release);
  }

  close(): Promise<void> {
    if (!this.open) return Promise.resolve();
    // Closed from now on, not once the server answers: a caller in between must see a
    // lost connection (which callers retry on a fresh one), not a failure to open a channel.
    this.open = false;
    return new Promise((resolve) => {
      this.client.once("close", () => resolve());
      this.client.end();
    });
  }

  private execNow(command: string, timeoutMs: number, stdin?: string): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      if (!this.open) return reject(new ConnectionLostError());
      const stdout: Buffer[] = [];
      let stderr = "";
      let code: number | null = null;
      let signal: string | null = null;
      let settled = false;
      let closeChannel = () => {};

      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.client.removeListener("close", onClientClose);
        if (error) return reject(error);
        if (code === null && signal === null && !this.open) return reject(new ConnectionLostError());
        resolve({ code, signal, stdout: Buffer.concat(stdout), stderr });
      };
      const onClientClose = () => finish(new ConnectionLostError());
      const timer = setTimeout(() => {
        closeChannel();
        finish(new TimeoutError(`Remote command timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.client.once("close", onClientClose);

      try {
        this.client.exec(command, (error, stream) => {
          if (error) return finish(this.open ? new ConnectionFailedError(`Cannot open channel: ${error.message}`, { cause: error }) : new ConnectionLostError());
          closeChannel = () => stream.close();
          stream.on("data", (chunk: Buffer) => stdout.push(chunk));
          stream.stderr.on("data", (chunk: Buffer) => {
            if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString("utf8");
          });
          stream.on("exit", (exitCode: number | null, exitSignal?: string) => {
            code = exitCode ?? null;
            signal = exitSignal ?? null;
          });
          stream.on("close", () => finish());
          if (stdin !== undefined) stream.end(stdin);
        });
      } catch (error) {
        this.open = false;
        finish(new ConnectionLostError("SSH connection not usable", { cause: error }));
      }
    });
  }
}
