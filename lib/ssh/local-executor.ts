/** Runs on the worker's own host with the same scripts, hence the same semantics, as SshExecutor. */
import { spawn } from "node:child_process";
import { TimeoutError } from "./errors";
import { localRunEnvironment } from "./local-environment";
import { ScriptExecutor, type ScriptExecutorOptions } from "./script-executor";
import type { ExecResult } from "./types";

const MAX_STDERR_CHARS = 64 * 1024;

export class LocalExecutor extends ScriptExecutor {
  constructor(options: ScriptExecutorOptions = {}) {
    super(options);
  }

  protected runScript(script: string, timeoutMs: number): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      // Not the worker's environment: it holds the database URL and the keys to every secret.
      const child = spawn("/bin/sh", ["-c", script], { stdio: ["ignore", "pipe", "pipe"], env: localRunEnvironment(process.env) as NodeJS.ProcessEnv });
      const stdout: Buffer[] = [];
      let stderr = "";
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new TimeoutError(`Local command timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => {
        if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString("utf8");
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout: Buffer.concat(stdout), stderr });
      });
    });
  }

  async close(): Promise<void> {}
}
