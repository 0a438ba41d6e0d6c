import type { z } from "zod";
import { ProviderError } from "./errors";

/**
 * The one way carbon providers talk HTTP: a timeout per attempt, retries with exponential
 * backoff and jitter on 5xx, timeouts and connection failures, 429 honoured through
 * Retry-After up to a cap, and every failure mapped to a ProviderError.
 */
export interface HttpOptions {
  /** Provider id used in errors. */
  provider: string;
  timeoutMs?: number;
  /** Retries after the first attempt. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the 429 is reported instead. */
  maxRetryAfterSeconds?: number;
  userAgent?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
}

// NESO asks heavy users to identify themselves; deployments can add a contact via `userAgent`.
export const DEFAULT_USER_AGENT = "GridShift/0.1 (carbon-aware job scheduler)";

const DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterSeconds: 120,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function getJson(request: HttpRequest, options: HttpOptions): Promise<unknown> {
  const settings: Settings = { ...DEFAULTS, ...withoutUndefined(options), provider: options.provider };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  let attempt = 0;
  for (;;) {
    const outcome = await attemptOnce(request, settings);
    if (outcome.ok) return parseJsonBody(outcome.body, settings.provider);
    const error = outcome.error;
    if (attempt >= settings.retries) throw error;
    const wait = retryDelayMs(error, attempt, settings, random);
    if (wait === null) throw error;
    attempt += 1;
    await sleep(wait);
  }
}

type Settings = typeof DEFAULTS & HttpOptions;
type Outcome = { ok: true; body: string } | { ok: false; error: ProviderError };

async function attemptOnce(request: HttpRequest, settings: Settings): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  try {
    const response = await fetch(request.url, {
      headers: {
        Accept: "application/json",
        "User-Agent": settings.userAgent ?? DEFAULT_USER_AGENT,
        ...request.headers,
      },
      signal: controller.signal,
    });
    // The body is read under the same timer: a server that stalls mid-body is a timeout too.
    const body = await response.text();
    if (response.ok) return { ok: true, body };
    return { ok: false, error: errorForStatus(response, body, settings) };
  } catch (cause) {
    if (controller.signal.aborted) {
      const message = `no answer within ${settings.timeoutMs} ms from ${describeUrl(request.url)}`;
      return { ok: false, error: new ProviderError({ kind: "timeout", provider: settings.provider, message, cause }) };
    }
    const message = `could not reach ${describeUrl(request.url)}`;
    return { ok: false, error: new ProviderError({ kind: "server_error", provider: settings.provider, message, cause }) };
  } finally {
    clearTimeout(timer);
  }
}

function errorForStatus(response: Response, body: string, settings: Settings): ProviderError {
  const status = response.status;
  const provider = settings.provider;
  const detail = `HTTP ${status}${bodySnippet(body)}`;
  if (status === 401 || status === 403) return new ProviderError({ kind: "unauthorised", provider, status, message: detail });
  if (status === 404) return new ProviderError({ kind: "not_found", provider, status, message: detail });
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), (settings.now ?? (() => new Date()))());
    return new ProviderError({ kind: "rate_limited", provider, status, message: detail, retryAfterSeconds });
  }
  if (status >= 500) return new ProviderError({ kind: "server_error", provider, status, message: detail });
  return new ProviderError({ kind: "bad_request", provider, status, message: detail });
}

function retryDelayMs(error: ProviderError, attempt: number, settings: Settings, random: () => number): number | null {
  if (error.kind === "rate_limited") {
    if (error.retryAfterSeconds === undefined) return backoffMs(attempt, settings, random);
    if (error.retryAfterSeconds > settings.maxRetryAfterSeconds) return null;
    return error.retryAfterSeconds * 1000;
  }
  if (error.kind === "server_error" || error.kind === "timeout") return backoffMs(attempt, settings, random);
  return null;
}

/** Full jitter on top of the exponential step, so that many workers do not retry in lock-step. */
function backoffMs(attempt: number, settings: Settings, random: () => number): number {
  const step = settings.baseDelayMs * 2 ** attempt;
  return Math.min(settings.maxDelayMs, step + random() * settings.baseDelayMs);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - now.getTime()) / 1000);
}

function parseJsonBody(body: string, provider: string): unknown {
  try {
    return JSON.parse(body);
  } catch (cause) {
    throw new ProviderError({ kind: "malformed", provider, path: "(body)", message: `response is not JSON${bodySnippet(body)}`, cause });
  }
}

/**
 * Parses a raw payload at the edge. A failure names the provider and the first bad field,
 * e.g. `data[3].intensity.forecast`.
 */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown, provider: string): z.output<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = deepestIssue(result.error.issues[0]);
  const path = formatPath(issue.path);
  throw new ProviderError({
    kind: "malformed",
    provider,
    path,
    message: `unexpected payload at ${path}: ${issue.message}`,
    cause: result.error,
  });
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  errors?: readonly (readonly IssueLike[])[];
}

/**
 * A union (e.g. the UK API's object-or-array `data`) fails as a whole at its own path; the
 * useful field is inside the branch that got furthest, so report that one.
 */
function deepestIssue(issue: IssueLike | undefined): { path: PropertyKey[]; message: string } {
  if (!issue) return { path: [], message: "invalid" };
  if (issue.code !== "invalid_union" || !issue.errors?.length) return { path: [...issue.path], message: issue.message };
  let best: { path: PropertyKey[]; message: string } | null = null;
  for (const branch of issue.errors) {
    const inner = deepestIssue(branch[0]);
    if (!best || inner.path.length > best.path.length) best = inner;
  }
  return { path: [...issue.path, ...(best?.path ?? [])], message: best?.message ?? issue.message };
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

function bodySnippet(body: string): string {
  const text = body.trim().replace(/\s+/g, " ");
  if (text === "") return "";
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

/** URLs may carry credentials in query strings for some APIs: log the origin and path only. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "the provider";
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
