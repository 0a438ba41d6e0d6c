/**
 * The one error type every carbon provider throws. `kind` drives the caller's reaction:
 * retry later (timeout, rate_limited, server_error), fix configuration (unauthorised,
 * unsupported), or report a provider bug (malformed).
 */
export type ProviderErrorKind =
  | "timeout"
  | "unauthorised"
  | "rate_limited"
  | "server_error"
  | "malformed"
  | "not_found"
  | "bad_request"
  | "unsupported";

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  provider: string;
  message: string;
  /** HTTP status when the error came from a response. */
  status?: number;
  /** rate_limited only: the provider's Retry-After, when it sent one. */
  retryAfterSeconds?: number;
  /** malformed only: where in the payload the problem is, e.g. `data[3].intensity.forecast`. */
  path?: string;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly path?: string;

  constructor(init: ProviderErrorInit) {
    super(`${init.provider}: ${init.message}`, { cause: init.cause });
    this.name = "ProviderError";
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.path = init.path;
  }
}

export function isProviderError(error: unknown, kind?: ProviderErrorKind): error is ProviderError {
  return error instanceof ProviderError && (kind === undefined || error.kind === kind);
}
