/**
 * Annual average grid carbon intensity by country, gCO2/kWh (life-cycle, generation-based).
 * Source: Ember "country_overview_yearly" (emissions_intensity_gco2_per_kwh, latest year
 * available per country), as packaged by The Green Web Foundation's @tgwf/co2 in
 * thegreenwebfoundation/co2.js `data/output/average-intensities.json` @ 03b5e45f07962308079634d431e04878e7222fef.
 * Ember data is CC BY 4.0. A subset is copied here, values and years unchanged.
 * These are AVERAGES over a year: they say nothing about the hour, and are not live.
 */
export const STATIC_DATASET = "ember-annual-average";

export interface CountryAverage {
  alpha2: string;
  alpha3: string;
  name: string;
  year: number;
  gCO2PerKWh: number;
}

export const COUNTRY_AVERAGES: readonly CountryAverage[] = [
  { alpha2: "AT", alpha3: "AUT", name: "Austria", year: 2023, gCO2PerKWh: 110.81 },
  { alpha2: "AU", alpha3: "AUS", name: "Australia", year: 2022, gCO2PerKWh: 570.35 },
  { alpha2: "BE", alpha3: "BEL", name: "Belgium", year: 2023, gCO2PerKWh: 138.11 },
  { alpha2: "BR", alpha3: "BRA", name: "Brazil", year: 2022, gCO2PerKWh: 105.51 },
  { alpha2: "CA", alpha3: "CAN", name: "Canada", year: 2022, gCO2PerKWh: 161.43 },
  { alpha2: "CH", alpha3: "CHE", name: "Switzerland", year: 2023, gCO2PerKWh: 34.84 },
  { alpha2: "CN", alpha3: "CHN", name: "China", year: 2022, gCO2PerKWh: 585.82 },
  { alpha2: "CZ", alpha3: "CZE", name: "Czechia", year: 2023, gCO2PerKWh: 449.72 },
  { alpha2: "DE", alpha3: "DEU", name: "Germany", year: 2023, gCO2PerKWh: 380.95 },
  { alpha2: "DK", alpha3: "DNK", name: "Denmark", year: 2023, gCO2PerKWh: 151.65 },
  { alpha2: "ES", alpha3: "ESP", name: "Spain", year: 2023, gCO2PerKWh: 174.05 },
  { alpha2: "FI", alpha3: "FIN", name: "Finland", year: 2023, gCO2PerKWh: 79.16 },
  { alpha2: "FR", alpha3: "FRA", name: "France", year: 2023, gCO2PerKWh: 56.04 },
  { alpha2: "GB", alpha3: "GBR", name: "United Kingdom", year: 2023, gCO2PerKWh: 237.59 },
  { alpha2: "IE", alpha3: "IRL", name: "Ireland", year: 2023, gCO2PerKWh: 290.81 },
  { alpha2: "IN", alpha3: "IND", name: "India", year: 2022, gCO2PerKWh: 705.13 },
  { alpha2: "IT", alpha3: "ITA", name: "Italy", year: 2023, gCO2PerKWh: 330.72 },
  { alpha2: "JP", alpha3: "JPN", name: "Japan", year: 2022, gCO2PerKWh: 512.81 },
  { alpha2: "KR", alpha3: "KOR", name: "South Korea", year: 2022, gCO2PerKWh: 441.65 },
  { alpha2: "NL", alpha3: "NLD", name: "Netherlands", year: 2023, gCO2PerKWh: 267.62 },
  { alpha2: "NO", alpha3: "NOR", name: "Norway", year: 2023, gCO2PerKWh: 30.08 },
  { alpha2: "NZ", alpha3: "NZL", name: "New Zealand", year: 2022, gCO2PerKWh: 110.89 },
  { alpha2: "PL", alpha3: "POL", name: "Poland", year: 2023, gCO2PerKWh: 661.93 },
  { alpha2: "PT", alpha3: "PRT", name: "Portugal", year: 2023, gCO2PerKWh: 165.55 },
  { alpha2: "SE", alpha3: "SWE", name: "Sweden", year: 2023, gCO2PerKWh: 40.7 },
  { alpha2: "SG", alpha3: "SGP", name: "Singapore", year: 2022, gCO2PerKWh: 474 },
  { alpha2: "US", alpha3: "USA", name: "United States", year: 2022, gCO2PerKWh: 385.98 },
  { alpha2: "ZA", alpha3: "ZAF", name: "South Africa", year: 2022, gCO2PerKWh: 729.67 },
];

export function countryAverage(code: string): CountryAverage | undefined {
  const upper = code.toUpperCase();
  return COUNTRY_AVERAGES.find((row) => row.alpha2 === upper || row.alpha3 === upper);
}
