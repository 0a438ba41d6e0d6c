// The one entry point: a finished run's energy, carbon, SCI and saving.
import { withDefaults } from "./coefficients";
import { counterfactualFigures, savedCarbonG } from "./counterfactual";
import { energyMethod } from "./energy";
import { combineBases } from "./operational";
import { byPeriod, segmentFigures, total } from "./periods";
import { sciPerUnit } from "./sci";
import { buildSegments } from "./segments";
import type { AccountingInput, RunAccounting } from "./types";

export function accountRun(input: AccountingInput): RunAccounting {
  const c = withDefaults(input.coefficients);
  const segments = buildSegments(input, c);
  const actual = segmentFigures(segments, input.readings, input.server, c);
  const counterfactual = counterfactualFigures(segments, input.queuedAt, input.counterfactualReadings, input.server, c);
  const operational = total(actual, "operationalCarbonG");
  const embodied = total(actual, "embodiedCarbonG");
  const carbon = operational + embodied;
  const counterfactualCarbon = total(counterfactual, "operationalCarbonG") + total(counterfactual, "embodiedCarbonG");
  const count = input.functionalUnit.count > 0 ? input.functionalUnit.count : 1;
  return {
    energyMethod: energyMethod(segments),
    cpuEnergyKwh: total(actual, "cpuKwh"),
    gpuEnergyKwh: total(actual, "gpuKwh"),
    memoryEnergyKwh: total(actual, "memoryKwh"),
    networkEnergyKwh: total(actual, "networkKwh"),
    energyKwh: total(actual, "energyKwh"),
    operationalCarbonG: operational,
    embodiedCarbonG: embodied,
    carbonG: carbon,
    intensityBasis: combineBases(actual.map((f) => f.basis)),
    functionalUnit: input.functionalUnit.name,
    functionalUnitCount: count,
    sciG: sciPerUnit(carbon, count),
    counterfactualCarbonG: counterfactualCarbon,
    counterfactualBasis: combineBases(counterfactual.map((f) => f.basis)),
    savedCarbonG: savedCarbonG(counterfactualCarbon, carbon),
    activeSeconds: total(actual, "activeSeconds"),
    periods: byPeriod(actual),
    counterfactualPeriods: byPeriod(counterfactual),
  };
}
