"use client";
// Grid intensity per zone the organisation's servers use: now, the next 48 h with the
// greenest windows, the last 7 days, and the generation mix where the provider has one.
import Link from "next/link";
import { useState } from "react";
import type { IntensityZoneDto } from "@/lib/data/intensity-overview";
import { useIntensityZones } from "@/lib/swr/use-intensity";
import { BandBadge, formatWhen } from "@/app/_components/intensity-band";
import { Card, ErrorNote, Select } from "@/app/_components/ui";
import { ForecastChart, MixChart, PastChart } from "./zone-charts";

const WINDOW_CHOICES = [1, 2, 3, 4, 6, 8, 12];

export function IntensityClient({ canConfigure }: { canConfigure: boolean }) {
  const [windowHours, setWindowHours] = useState(3);
  const { data, error, isLoading } = useIntensityZones(windowHours);

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Grid intensity</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">Carbon intensity of the electricity your servers draw, in grams of CO2 per kWh.</p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <label htmlFor="window-hours">Greenest windows of</label>
          <Select id="window-hours" value={windowHours} onChange={(e) => setWindowHours(Number(e.target.value))}>
            {WINDOW_CHOICES.map((h) => <option key={h} value={h}>{h} h</option>)}
          </Select>
          {canConfigure && <Link href="/settings/intensity" className="text-emerald-700 hover:underline dark:text-emerald-400">Provider credentials</Link>}
        </div>
      </div>
      {error && <ErrorNote message="Could not load grid intensity." />}
      {isLoading && !data && <p data-testid="intensity-loading" className="animate-pulse text-slate-500">Loading grid intensity…</p>}
      {data && data.zones.length === 0 && (
        <Card><p data-testid="intensity-empty" className="text-slate-500">No servers yet: grid intensity is shown for the zones your servers draw from.</p></Card>
      )}
      {data?.zones.map((zone) => <ZoneSection key={zone.zone} zone={zone} />)}
    </div>
  );
}

function ZoneSection({ zone }: { zone: IntensityZoneDto }) {
  const hasData = zone.forecast.length > 0 || zone.past.length > 0;
  return (
    <Card className="flex flex-col gap-4">
      <section aria-label={`Zone ${zone.zone}`} data-testid="intensity-zone" className="flex flex-col gap-4">
        <header className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 className="text-lg font-semibold">{zone.zone}</h2>
            <p className="text-xs text-slate-500 dark:text-slate-400">Servers: {zone.servers.map((s) => s.name).join(", ")}</p>
          </div>
          <CurrentSummary zone={zone} />
        </header>
        {zone.refresh.lastError && zone.refresh.staleSince && (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
            Stale since {formatWhen(zone.refresh.staleSince)}: the last refresh failed ({zone.refresh.lastError}).{hasData && " Showing the last stored forecast."}
          </p>
        )}
        {!hasData ? (
          <p className="text-sm text-slate-500">No readings stored yet for this zone. The worker fetches them every half hour.</p>
        ) : (
          <>
            <ForecastChart zone={zone} />
            <PastChart zone={zone} />
          </>
        )}
        {zone.generationMix && <MixChart mix={zone.generationMix} />}
      </section>
    </Card>
  );
}

function CurrentSummary({ zone }: { zone: IntensityZoneDto }) {
  const current = zone.current;
  if (current.status === "no_data") return <p className="text-sm text-slate-500">No current reading</p>;
  return (
    <div className="text-right text-sm">
      <div className="flex items-center justify-end gap-3">
        <span><strong className="text-2xl tabular-nums">{Math.round(current.gCO2PerKWh)}</strong> gCO2/kWh</span>
        <BandBadge index={current.index} />
      </div>
      <div className="text-xs text-slate-500 dark:text-slate-400">
        {current.source} · {current.kind}
        {current.stale && current.staleSince && <span className="font-semibold text-amber-700 dark:text-amber-400"> · stale since {formatWhen(current.staleSince)}</span>}
      </div>
    </div>
  );
}
