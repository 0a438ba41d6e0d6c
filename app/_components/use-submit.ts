"use client";
import { useState } from "react";
import { ApiError } from "@/lib/swr/fetcher";

/** Runs a submit action and keeps field-level and form-level errors for display. */
export function useSubmit() {
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setFields({});
    setFormError(null);
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError) {
        setFields(error.fields);
        const hasFieldErrors = Object.keys(error.fields).some((k) => k !== "_form");
        setFormError(hasFieldErrors ? "Please correct the highlighted fields." : error.message);
      } else {
        setFormError("Something went wrong. Please try again.");
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { fields, formError, busy, submit };
}

/** FormData to a plain object, dropping empty optional fields so defaults apply. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string" && value.trim() !== "") out[key] = value;
  }
  return out;
}
