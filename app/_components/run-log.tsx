"use client";
import { useEffect, useMemo, useRef } from "react";
import { asTerminalShows } from "@/lib/domain/terminal-text";
import { useRunLog } from "@/lib/swr/use-run-log";

export function RunLog({ taskId, runId }: { taskId: string; runId: string }) {
  const { text: raw, status, pieces, error } = useRunLog(taskId, runId);
  const text = useMemo(() => asTerminalShows(raw), [raw]);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <div className="flex flex-col gap-2">
      {pieces.length > 1 && (
        <ol aria-label="Pieces" className="flex flex-wrap gap-2 text-xs text-slate-600 dark:text-slate-300">
          {pieces.map((p, i) => (
            <li key={p.startedAt} className="rounded bg-violet-50 px-2 py-0.5 dark:bg-violet-950">
              piece {i + 1}: {new Date(p.startedAt).toLocaleTimeString()} – {p.endedAt ? new Date(p.endedAt).toLocaleTimeString() : "now"}
            </li>
          ))}
        </ol>
      )}
      {error && <p className="text-sm text-red-600">Could not load the log.</p>}
      <pre ref={box} data-testid="run-log" aria-live="polite" className="max-h-96 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-950 p-3 font-mono text-xs text-slate-100">
        {text || (status && ["starting", "running", "paused"].includes(status) ? "Waiting for output…" : "No output.")}
      </pre>
    </div>
  );
}
