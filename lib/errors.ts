// One error type with codes; lib/web/respond.ts maps codes to HTTP statuses.
export type AppErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "internal";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (why = "You do not have permission to do that") => new AppError("forbidden", why);
export const conflict = (why: string, fieldErrors?: FieldErrors) => new AppError("conflict", why, fieldErrors);
export const invalid = (why: string, fieldErrors?: FieldErrors) => new AppError("validation", why, fieldErrors);

export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};
