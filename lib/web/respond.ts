// Errors to HTTP: AppError codes map to statuses with field-level messages; anything else
// is logged with its cause and answered "Internal error", never echoed.
import { NextResponse } from "next/server";
import { AppError, STATUS_BY_CODE } from "@/lib/errors";

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fields: error.fieldErrors } : {}) } },
      { status: STATUS_BY_CODE[error.code] },
    );
  }
  console.error("[api] unexpected error", error);
  return NextResponse.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}

export function json<T>(body: T, status = 200): NextResponse {
  return NextResponse.json(body, { status });
}
