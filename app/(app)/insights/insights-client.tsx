"use client";
import { useState } from "react";
import { monthToDate } from "@/lib/domain/insights/insights";
import { formatCarbon, formatEnergy, formatNumber, formatPercent } from "@/lib/domain/insights/format";
import { insightsKeys, useInsights } from "@/lib/swr/use-insights";
import type { TInsightsQuery } from "@/lib/validation/insights";
import { BandsChart, CarbonByChart, CumulativeChart, SciTrendChart } from "@/app/_components/insights-charts";
import { Card, ErrorNote, Input, Select } from "@/app/_components/ui";
import type { Equivalent } from "@/lib/domain/insights/equivalents";

function Equivalents({ title, items }: { title: string; items: Equivalent[] }) {
  return (
    <Card>
      <h2 className="mb-2 font-semibold">{title}</h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        {items.map((e) => (
          <li key={e.key} data-testid={`equivalent-${e.key}`} className="text-sm">
            <span className="text-lg font-semibold">{formatNumber(e.value, 2)}</span> {e.label}
            <p className="text-xs text-slate-500">{e.constant} · <a className="underline" href={e.sourceUrl} target="_blank" rel="noreferrer">{e.source}</a></p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function InsightsClient() {
  const [filters, setFilters] = useState<TInsightsQuery>(() => monthToDate(new Date()));
  const { data, error } = useInsights(filters);
  const set = (patch: Partial<TInsightsQuery>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold">Insights</h1>
      <form aria-label="Filters" className="flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col gap-1">From<Input type="date" aria-label="From" value={filters.from ?? ""} onChange={(e) => set({ from: e.target.value || undefined })} /></label>
        <label className="flex flex-col gap-1">To<Input type="date" aria-label="To" value={filters.to ?? ""} onChange={(e) => set({ to: e.target.value || undefined })} /></label>
        <label className="flex flex-col gap-1">Server
          <Select aria-label="Server" className="w-full max-w-full sm:w-auto sm:max-w-64" value={filters.serverId ?? ""} onChange={(e) => set({ serverId: e.target.value || undefined, taskId: undefined })}>
            <option value="">All servers</option>
            {data?.options.servers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </Select>
        </label>
        <label className="flex flex-col gap-1">Task
          <Select aria-label="Task" className="w-full max-w-full sm:w-auto sm:max-w-64" value={filters.taskId ?? ""} onChange={(e) => set({ taskId: e.target.value || undefined })}>
            <option value="">All tasks</option>
            {data?.options.tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </Select>
        </label>
        <span className="ml-auto flex gap-3">
          <a className="text-emerald-700 hover:underline dark:text-emerald-400" href={insightsKeys.exportRuns(filters, "csv")} download>Export CSV</a>
          <a className="text-emerald-700 hover:underline dark:text-emerald-400" href={insightsKeys.exportRuns(filters, "json")} download>Export JSON</a>
        </span>
      </form>
      {error && <ErrorNote message={error.message ?? "Could not load insights."} />}
      {!data ? <p className="animate-pulse text-slate-500">Loading…</p> : (
        <>
          <Card>
            <div data-testid="insights-totals" className="grid grid-cols-2 gap-4 sm:grid-cols-5">
              <div><p className="text-xs text-slate-500">Carbon saved</p><p data-testid="total-saved" className="text-2xl font-semibold text-emerald-700 dark:text-emerald-400">{formatCarbon(data.totals.savedCarbonG)}</p><p className="text-xs text-slate-500">{data.totals.savedPercent === null ? "—" : `${formatNumber(data.totals.savedPercent)} % below running at once`}</p></div>
              <div><p className="text-xs text-slate-500">Carbon emitted</p><p data-testid="total-carbon" className="text-2xl font-semibold">{formatCarbon(data.totals.carbonG)}</p></div>
              <div><p className="text-xs text-slate-500">Run-at-once baseline</p><p className="text-2xl font-semibold">{formatCarbon(data.totals.counterfactualCarbonG)}</p></div>
              <div><p className="text-xs text-slate-500">Energy</p><p className="text-2xl font-semibold">{formatEnergy(data.totals.energyKwh)}</p></div>
              <div><p className="text-xs text-slate-500">Runs · in low or very low bands</p><p data-testid="total-runs" className="text-2xl font-semibold">{data.totals.runs} · {formatPercent(data.lowShare)}</p></div>
            </div>
          </Card>
          {data.totals.runs === 0 ? <Card><p className="text-sm text-slate-500">No accounted runs in this range.</p></Card> : (
            <>
              <Card><h2 className="mb-2 font-semibold">Cumulative carbon saved against the run-at-once baseline</h2><CumulativeChart data={data.cumulative} /></Card>
              <div className="grid gap-4 lg:grid-cols-2">
                <Card><h2 className="mb-2 font-semibold">Carbon by server</h2><CarbonByChart data={data.byServer} testId="by-server-chart" /></Card>
                <Card><h2 className="mb-2 font-semibold">Carbon by task</h2><CarbonByChart data={data.byTask} testId="by-task-chart" /></Card>
                <Card><h2 className="mb-2 font-semibold">SCI per task</h2><SciTrendChart trends={data.sciTrends} /></Card>
                <Card><h2 className="mb-2 font-semibold">Runs by grid intensity band</h2><BandsChart bands={data.bands} /><p className="text-xs text-slate-500">Band of each run&apos;s energy-weighted mean intensity, on the NESO Carbon Intensity Index bands of its year.</p></Card>
              </div>
              <div className="grid gap-4 lg:grid-cols-2">
                <Equivalents title="What we saved is like…" items={data.savedEquivalents} />
                <Equivalents title="What we emitted is like…" items={data.emittedEquivalents} />
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
