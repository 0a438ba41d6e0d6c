"use client";
// Bottom-left: the current grid intensity of the selected server's zone.
import { useIntensity } from "@/lib/swr/hooks";

const BAND_COLOURS: Record<string, string> = {
  "very low": "bg-emerald-500",
  low: "bg-lime-500",
  moderate: "bg-amber-400",
  high: "bg-orange-500",
  "very high": "bg-red-600",
};

export function IntensitySlot({ serverId }: { serverId: string | null }) {
  const { data, error, isLoading } = useIntensity(serverId);
  let body: React.ReactNode;
  if (!serverId) body = <span className="text-slate-500">Select a server</span>;
  else if (error) body = <span className="text-red-600 dark:text-red-400">Intensity unavailable</span>;
  else if (isLoading || !data) body = <span className="animate-pulse text-slate-500">Loading intensity…</span>;
  else if (data.status === "no_data") body = <span className="text-slate-500">{data.zone}: no data yet</span>;
  else
    body = (
      <span className="flex items-center gap-2">
        <span aria-hidden className={`inline-block h-3 w-3 rounded-full ${BAND_COLOURS[data.index ?? ""] ?? "bg-slate-400"}`} />
        <strong className="text-lg tabular-nums">{Math.round(data.gCO2PerKWh)}</strong> gCO2/kWh
        {data.index && <span className="font-medium">{data.index}</span>}
        <span className="text-xs text-slate-500">
          {data.zone} · {data.source}
          {data.stale && data.staleSince && ` · stale since ${new Date(data.staleSince).toLocaleTimeString()}`}
        </span>
      </span>
    );
  return (
    <div data-testid="intensity-slot" aria-live="polite" className="fixed bottom-4 left-4 z-30 rounded-xl border border-slate-200 bg-white px-4 py-2 text-sm shadow-lg dark:border-slate-800 dark:bg-slate-900">
      <div className="text-xs uppercase tracking-wide text-slate-500">Grid intensity now</div>
      {body}
    </div>
  );
}
