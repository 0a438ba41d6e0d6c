// Tails a run's log: fetches only chunks after what it already has, every 2 s while the
// run is active, and stops polling once it has ended and nothing new arrives.
import { useEffect, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/swr/fetcher";
import type { RunLogDto } from "@/lib/data/runs";

const ACTIVE = new Set(["starting", "running", "paused"]);

export function useRunLog(taskId: string, runId: string | null) {
  const [text, setText] = useState("");
  const [after, setAfter] = useState(0);
  useEffect(() => {
    setText("");
    setAfter(0);
  }, [runId]);
  const key = runId ? `/api/tasks/${taskId}/runs/${runId}/log?after=${after}` : null;
  const { data, error } = useSWR<RunLogDto>(key, fetcher, {
    refreshInterval: (latest) => (latest && !ACTIVE.has(latest.status) && latest.chunks.length === 0 ? 0 : 2000),
    onSuccess: (page) => {
      if (page.chunks.length === 0) return;
      setText((t) => t + page.chunks.map((c) => c.content).join(""));
      setAfter(page.nextOffset);
    },
  });
  return { text, status: data?.status, truncated: data?.truncated ?? false, pieces: data?.pieces ?? [], error };
}
