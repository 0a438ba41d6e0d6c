"use client";
// A task's runs with their energy, carbon, SCI and saving (method and intensity basis
// named), and the selected run's power over the grid intensity during it.
import { useState } from "react";
import type { RunDto } from "@/lib/data/runs";
import { formatCarbons, formatEnergies } from "@/lib/domain/insights/format";
import { runFailure } from "@/lib/domain/run-failure";
import { insightsKeys, useRunProfile } from "@/lib/swr/use-insights";
import { RunProfileChart } from "@/app/_components/run-profile-chart";
import { Card, cx, StatusBadge } from "@/app/_components/ui";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

const BASIS_NOTE: Record<string, string> = {
  actual: "actual intensity",
  forecast: "forecast intensity; recomputed when actuals land",
  mixed: "actual and forecast intensity; recomputed when actuals land",
  fallback: "no intensity reading: world average 475 g/kWh",
};

// A total is the stored sum of its unrounded parts: rounded, they need not add up to it.
const SUMMED = "Summed from unrounded figures";

function Saving({ g, text }: { g: number | null; text: string }) {
  if (g === null) return <>—</>;
  return <span className={cx(g < 0 ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400")}>{text}</span>;
}

function Failure({ run }: { run: RunDto }) {
  const failure = runFailure(run);
  return failure ? <span className="text-red-600 dark:text-red-400">{failure}</span> : null;
}

function RunFigures({ run }: { run: RunDto }) {
  const { data, error } = useRunProfile(run.accountedAt ? run.id : null);
  // Parts and their total share decimals, so a small part does not read as 0.
  const [cpu, gpu, memory, network, energy] = formatEnergies([run.cpuEnergyKwh, run.gpuEnergyKwh, run.memoryEnergyKwh, run.networkEnergyKwh, run.energyKwh]);
  const [operational, embodied, carbon, counterfactual] = formatCarbons([run.operationalCarbonG, run.embodiedCarbonG, run.carbonG, run.counterfactualCarbonG]);
  const hasGpu = (run.gpuEnergyKwh ?? 0) > 0;
  return (
    <Card>
      <div className="mb-2 flex items-center justify-between gap-4">
        <h2 className="font-semibold">Run {run.attempt}: power and grid intensity</h2>
        <a className="text-sm text-emerald-700 hover:underline dark:text-emerald-400" href={insightsKeys.manifest(run.id)} download>
          Impact Framework manifest
        </a>
      </div>
      {error ? <p className="text-sm text-red-600">Could not load this run&apos;s profile.</p> : data ? <RunProfileChart points={data.points} /> : <p className="text-sm text-slate-500">Loading…</p>}
      <dl data-testid="run-figures" className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-slate-500">CPU energy</dt><dd>{cpu}</dd>
        {/* Only GPU servers have a GPU part; CPU-only runs keep their layout. */}
        {hasGpu && <><dt className="text-slate-500">GPU energy</dt><dd>{gpu}</dd></>}
        <dt className="text-slate-500">Memory energy</dt><dd>{memory}</dd>
        <dt className="text-slate-500">Network energy</dt><dd>{network}</dd>
        {/* A fifth energy figure would push Operational beside Total energy: the total fills its row instead. */}
        <dt className="text-slate-500">Total energy</dt><dd title={SUMMED} className={hasGpu ? "sm:col-span-3" : undefined}>{energy}</dd>
        <dt className="text-slate-500">Operational</dt><dd>{operational}</dd>
        <dt className="text-slate-500">Embodied</dt><dd>{embodied}</dd>
        <dt className="text-slate-500">Total carbon</dt><dd title={SUMMED}>{carbon}</dd>
        <dt className="text-slate-500">If run at once</dt><dd>{counterfactual}</dd>
        <dt className="text-slate-500">Functional unit</dt><dd>{run.functionalUnitCount ?? "—"} {run.functionalUnit ?? ""}</dd>
        <dt className="text-slate-500">Method</dt><dd>{run.energyMethod ?? "—"}</dd>
        <dt className="text-slate-500">Intensity</dt><dd>{run.intensityBasis ? BASIS_NOTE[run.intensityBasis] ?? run.intensityBasis : "—"}</dd>
      </dl>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Totals are summed from unrounded figures, so the rounded parts shown may not add up to them exactly.</p>
    </Card>
  );
}

export function RunsCard({ runs }: { runs: RunDto[] | undefined }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = runs?.find((r) => r.id === selectedId) ?? runs?.find((r) => r.accountedAt) ?? null;
  // Each column shares its decimals, so a small run beside a large one does not read as 0.
  const column = {
    energy: formatEnergies(runs?.map((r) => r.energyKwh) ?? []),
    carbon: formatCarbons(runs?.map((r) => r.carbonG) ?? []),
    sci: formatCarbons(runs?.map((r) => r.sciG) ?? []),
    saved: formatCarbons(runs?.map((r) => r.savedCarbonG) ?? []),
  };
  return (
    <>
      <Card>
        <h2 className="mb-2 font-semibold">Runs</h2>
        {!runs ? <p className="text-slate-500">Loading…</p> : runs.length === 0 ? (
          <p data-testid="runs-empty" className="text-sm text-slate-500">No runs yet. Runs appear here with their logs, energy, carbon and savings once the worker starts this task.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm [&_td]:px-1.5 [&_td]:py-1 [&_th]:px-1.5 [&_th]:whitespace-nowrap">
              <thead className="text-slate-500">
                <tr><th>#</th><th>Status</th><th>Started</th><th>Finished</th><th>Exit</th><th>Energy</th><th>Carbon</th><th>SCI</th><th>Saved</th><th>Method</th><th>Basis</th><th>Details</th></tr>
              </thead>
              <tbody>
                {runs.map((r, i) => (
                  <tr key={r.id} data-testid={`run-row-${r.attempt}`} className={cx("border-t border-slate-200 dark:border-slate-800", selected?.id === r.id && "bg-emerald-50 dark:bg-emerald-950")}>
                    <td>{r.attempt}</td><td><StatusBadge status={r.status} /></td><td>{when(r.startedAt)}</td><td>{when(r.finishedAt)}</td>
                    <td>{r.exitCode ?? "—"}</td>
                    <td>{column.energy[i]}</td>
                    <td>{column.carbon[i]}</td>
                    <td title={r.functionalUnit ? `per ${r.functionalUnit}` : undefined}>{r.sciG === null ? "—" : `${column.sci[i]}/${r.functionalUnit ?? "run"}`}</td>
                    <td><Saving g={r.savedCarbonG} text={column.saved[i]} /></td>
                    <td className="text-xs">{r.energyMethod ?? "—"}</td>
                    <td className="text-xs">{r.intensityBasis ?? "—"}</td>
                    <td className="text-xs">
                      <span className="flex flex-col gap-0.5">
                        {r.accountedAt && selected?.id !== r.id && <button type="button" className="self-start text-emerald-700 hover:underline dark:text-emerald-400" onClick={() => setSelectedId(r.id)}>Show figures</button>}
                        <Failure run={r} />
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {selected && <RunFigures run={selected} />}
    </>
  );
}
