import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RunsCard } from "@/app/_components/runs-card";
import type { RunDto } from "@/lib/data/runs";

// Accounted, so RunsCard selects it and renders its figures (the profile chart stays "Loading…": no fetch on the server).
const run: RunDto = {
  id: "r1", taskId: "t1", serverId: "s1", attempt: 1, status: "succeeded", plannedStart: null, queuedAt: "2026-03-01T09:00:00.000Z",
  startedAt: "2026-03-01T10:00:00.000Z", finishedAt: "2026-03-01T11:00:00.000Z", exitCode: 0, errorMessage: null, pausedSeconds: 0, logBytes: 0, logTruncated: false,
  energyMethod: "teads-curve+nvidia-smi", cpuEnergyKwh: 0.05, gpuEnergyKwh: 0.2, memoryEnergyKwh: 0.000784, networkEnergyKwh: 0, energyKwh: 0.250784,
  carbonG: 12.5, operationalCarbonG: 12, embodiedCarbonG: 0.5, intensityBasis: "actual", sciG: 12.5, functionalUnit: null, functionalUnitCount: 1,
  counterfactualCarbonG: 60, savedCarbonG: 47.5, accountedAt: "2026-03-01T12:00:00.000Z",
};

const figures = (r: RunDto) => renderToStaticMarkup(createElement(RunsCard, { runs: [r] }));

describe("runs card", () => {
  it("shows a GPU run's GPU energy beside the other parts, with their decimals", () => {
    const html = figures(run);
    expect(html).toContain('<dt class="text-slate-500">CPU energy</dt><dd>50.00 Wh</dd>');
    expect(html).toContain('<dt class="text-slate-500">GPU energy</dt><dd>200.00 Wh</dd>');
    expect(html).toContain('<dt class="text-slate-500">Memory energy</dt><dd>0.78 Wh</dd>');
  });

  it("starts the carbon figures on a row of their own when a GPU part adds a fifth energy figure", () => {
    // Four columns hold two figures a row: CPU, GPU | Memory, Network | Total energy (3 columns) | Operational, ...
    expect(figures(run)).toMatch(/<dt class="text-slate-500">Total energy<\/dt><dd title="[^"]*" class="sm:col-span-3">250.78 Wh<\/dd><dt class="text-slate-500">Operational/);
    const cpuOnly = figures({ ...run, gpuEnergyKwh: 0, energyKwh: 0.050784, energyMethod: "teads-curve" });
    expect(cpuOnly).toMatch(/<dt class="text-slate-500">Total energy<\/dt><dd title="[^"]*">50.78 Wh<\/dd>/);
  });

  it("keeps a CPU-only run's figures without a GPU row", () => {
    for (const gpuEnergyKwh of [0, null]) {
      const html = figures({ ...run, gpuEnergyKwh, energyKwh: 0.050784, energyMethod: "teads-curve" });
      expect(html).toContain("CPU energy");
      expect(html).not.toContain("GPU energy");
    }
  });
});
