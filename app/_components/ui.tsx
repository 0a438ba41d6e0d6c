"use client";
// Small presentational building blocks shared by the pages.
import { createContext, useContext, useEffect, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

export function cx(...parts: (string | false | null | undefined)[]) {
  return parts.filter(Boolean).join(" ");
}

export function Button({ variant = "primary", className, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" | "ghost" }) {
  const styles = {
    primary: "bg-emerald-600 text-white hover:bg-emerald-700 disabled:bg-emerald-600/50",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
    danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50",
    ghost: "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
  }[variant];
  return <button type="button" className={cx("rounded-md px-3 py-1.5 text-sm font-medium transition focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-500", styles, className)} {...props} />;
}

// The ids of the enclosing Field's hint or errors, so its controls point at them (aria-describedby).
const FieldDescription = createContext<string | undefined>(undefined);

export function Field({ label, name, errors, hint, children }: { label: string; name: string; errors?: string[]; hint?: string; children: ReactNode }) {
  const hasErrors = !!errors?.length;
  const describedBy = hasErrors ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium">
        {label}
      </label>
      <FieldDescription.Provider value={describedBy}>{children}</FieldDescription.Provider>
      {hint && !hasErrors && (
        <p id={`${name}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {/* One id and one live region for all of the field's errors (ids must be unique). */}
      {hasErrors && (
        <div id={`${name}-error`} role="alert" className="flex flex-col gap-0.5 text-xs text-red-600 dark:text-red-400">
          {errors.map((e, i) => (
            <p key={i}>{e}</p>
          ))}
        </div>
      )}
    </div>
  );
}

// Important: the base border colour (light and dark) would otherwise win over it.
const INVALID = "border-red-500! dark:border-red-500!";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-emerald-500 focus:outline-none focus:ring-1 focus:ring-emerald-500 dark:border-slate-700 dark:bg-slate-900";

export function Input({ invalid, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return <input aria-invalid={invalid || undefined} aria-describedby={useContext(FieldDescription)} className={cx(inputClass, invalid && INVALID, className)} {...props} />;
}

export function Textarea({ invalid, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} aria-describedby={useContext(FieldDescription)} className={cx(inputClass, "font-mono", invalid && INVALID, className)} {...props} />;
}

export function Select({ invalid, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} aria-describedby={useContext(FieldDescription)} className={cx(inputClass, invalid && INVALID, className)} {...props} />;
}

const STATUS_STYLES: Record<string, string> = {
  queued: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  planned: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
  running: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
  paused: "bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100",
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  failed: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  timed_out: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  cancelled: "bg-slate-100 text-slate-500 line-through dark:bg-slate-800 dark:text-slate-400",
  lost: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  starting: "bg-amber-50 text-amber-700 dark:bg-amber-950 dark:text-amber-200",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="status-badge" className={cx("inline-flex rounded-full px-2 py-0.5 text-xs font-semibold", STATUS_STYLES[status] ?? STATUS_STYLES.queued)}>
      {status.replace("_", " ")}
    </span>
  );
}

/**
 * A dialog closed by its ✕ or Escape. Not by a click beside it: a stray click would throw away a
 * half-filled form.
 */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-black/40 p-4 pt-16">
      <div role="dialog" aria-modal="true" aria-label={title} className="w-full max-w-xl rounded-xl bg-white p-5 shadow-xl dark:bg-slate-900">
        <div className="mb-4 flex items-center justify-between">
          <h2 className="text-lg font-semibold">{title}</h2>
          <Button variant="ghost" aria-label="Close" onClick={onClose}>
            ✕
          </Button>
        </div>
        {children}
      </div>
    </div>
  );
}

export function ErrorNote({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      {message}
    </p>
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx("rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900", className)}>{children}</div>;
}
