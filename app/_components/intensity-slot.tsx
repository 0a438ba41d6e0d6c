"use client";
// The current grid intensity of the selected server's zone. From md up it floats bottom-left within
// the server list's width, so it never covers task cards. Below md there is no side column to
// float over: fixed, it would cover cards mid-scroll, so it sits in the page's flow instead.
import Link from "next/link";
import { useIntensity } from "@/lib/swr/hooks";
import { BandBadge, formatWhen } from "@/app/_components/intensity-band";

export function IntensitySlot({ serverId }: { serverId: string | null }) {
  const { data, error, isLoading } = useIntensity(serverId);
  let body: React.ReactNode;
  if (!serverId) body = <span className="text-slate-500">Select a server</span>;
  else if (error) body = <span className="text-red-600 dark:text-red-400">Intensity unavailable</span>;
  else if (isLoading || !data) body = <span className="animate-pulse text-slate-500">Loading intensity…</span>;
  else if (data.status === "no_data") body = <span className="text-slate-500">{data.zone}: no data yet</span>;
  else
    body = (
      <span className="flex flex-col gap-0.5">
        <span className="flex items-center gap-3">
          <span>
            <strong data-testid="intensity-value" className="text-lg tabular-nums">{Math.round(data.gCO2PerKWh)}</strong> gCO2/kWh
          </span>
          <BandBadge index={data.index} />
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {data.zone} · source {data.source} · {data.kind}
          {data.stale && data.staleSince && (
            <span data-testid="intensity-stale" className="ml-1 font-semibold text-amber-700 dark:text-amber-400">
              · stale since {formatWhen(data.staleSince)}
            </span>
          )}
        </span>
      </span>
    );
  return (
    <div data-testid="intensity-slot" aria-live="polite" className="mx-4 mt-4 rounded-xl border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm md:fixed md:bottom-4 md:left-4 md:z-30 md:m-0 md:max-w-[16.5rem] md:shadow-lg dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-baseline justify-between gap-4 text-xs uppercase tracking-wide text-slate-500">
        <span>Grid intensity now</span>
        <Link href="/intensity" className="normal-case tracking-normal text-emerald-700 hover:underline dark:text-emerald-400">Forecast →</Link>
      </div>
      {body}
    </div>
  );
}
