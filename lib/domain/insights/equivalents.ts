// Tangible equivalents of an amount of CO2e, in the manner of CodeCarbon's dashboard: each
// with its constant and its source shown next to the number.

export type Equivalent = { key: string; label: string; value: number; unit: string; constant: string; source: string; sourceUrl: string };

export const EQUIVALENT_CONSTANTS = {
  /** kg CO2e per km, new gasoline car in Europe, 2023 (EEA), as CodeCarbon's `CAR_EMISSIONS_KGCO2_PER_KM`. */
  carKgPerKm: 0.133,
  /** kg CO2 per smartphone charge: 1.24 × 10⁻⁵ t (US EPA equivalencies calculator, CO2 only). */
  phoneChargeKg: 0.0124,
  /** kg CO2e per US home per day: EPA's 8.35 t per home per year (CodeCarbon's household figure) / 365. */
  householdDayKg: 8350 / 365,
  /** kg CO2e per US citizen per week: 13,300 kg a year / 52 (IEA, CodeCarbon's `US_CITIZEN_YEARLY_EMISSIONS`). */
  citizenWeekKg: 13300 / 52,
};

const C = EQUIVALENT_CONSTANTS;

export function equivalents(kgCO2e: number): Equivalent[] {
  return [
    {
      key: "car-km",
      label: "kilometres driven by a new petrol car",
      value: kgCO2e / C.carKgPerKm,
      unit: "km",
      constant: "133 gCO2e per km",
      source: "EEA, CO2 emissions from new passenger cars 2023 (CodeCarbon web dashboard constants.ts)",
      sourceUrl: "https://www.eea.europa.eu/en/analysis/indicators/co2-performance-of-new-passenger",
    },
    {
      key: "phone-charges",
      label: "smartphone charges",
      value: kgCO2e / C.phoneChargeKg,
      unit: "charges",
      constant: "12.4 gCO2 per charge (1.24 × 10⁻⁵ t)",
      source: "US EPA, Greenhouse Gas Equivalencies Calculator: Calculations and References",
      sourceUrl: "https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references",
    },
    {
      key: "household-days",
      label: "days of a US household's energy use",
      value: kgCO2e / C.householdDayKg,
      unit: "days",
      constant: "8.35 tCO2e per home per year (electricity, natural gas, LPG, fuel oil)",
      source: "US EPA, as used by CodeCarbon's carbonboard (codecarbon/viz/data.py)",
      sourceUrl: "https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references",
    },
    {
      key: "citizen-weeks",
      label: "% of a US citizen's weekly emissions",
      value: (100 * kgCO2e) / C.citizenWeekKg,
      unit: "%",
      constant: "13,300 kgCO2e per person per year ÷ 52",
      source: "IEA, CO2 total emissions per capita by region 2000-2023 (CodeCarbon web dashboard constants.ts)",
      sourceUrl: "https://www.iea.org/data-and-statistics/charts/co2-total-emissions-per-capita-by-region-2000-2023",
    },
  ];
}
