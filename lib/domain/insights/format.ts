// Display units for figures: pure, so pages show numbers without doing arithmetic.

/** `per`: how many of the base unit (kWh, g) one of this unit is. */
type Unit = { from: number; per: number; symbol: string; decimals: number };

// Largest first; `decimals` is the usual precision of the unit.
const ENERGY_UNITS: Unit[] = [
  { from: 1, per: 1, symbol: "kWh", decimals: 2 },
  { from: 0, per: 0.001, symbol: "Wh", decimals: 1 },
];
const CARBON_UNITS: Unit[] = [
  { from: 1_000_000, per: 1_000_000, symbol: "t", decimals: 2 },
  { from: 1000, per: 1000, symbol: "kg", decimals: 2 },
  { from: 0, per: 1, symbol: "g", decimals: 2 },
];

// Past this a figure is too small to matter; it reads "< 0.000001 g" rather than a long zero.
const MAX_DECIMALS = 6;

const unitOf = (units: Unit[], v: number): Unit => units.find((u) => Math.abs(v) >= u.from) ?? units[units.length - 1];
// Multiplying by 1000 is exact where dividing by 0.001 is not (0.0123 / 0.001 = 12.299999…).
const inUnit = (u: Unit, v: number): number => (u.per >= 1 ? v / u.per : v * (1 / u.per));

/** Decimals that give `x` two significant digits (0 for none needed). */
function decimalsFor(x: number): number {
  return x === 0 ? 0 : Math.max(0, 1 - Math.floor(Math.log10(Math.abs(x))));
}

/**
 * Figures shown together (a column, or parts beside their total) with one number of decimals:
 * the unit's usual one, or more so that the smallest non-zero figure keeps two significant
 * digits. So 0.004 g and 0.014 g read "0.0040 g" and "0.0140 g", not "0.00 g" and "0.01 g".
 */
function formatTogether(units: Unit[], values: readonly (number | null | undefined)[]): string[] {
  const scaled = values.map((v) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    const unit = unitOf(units, v);
    return { unit, x: inUnit(unit, v) };
  });
  // Shared per unit: a 0.004 g run must not give its 1.2 kg neighbour four decimals.
  const shared = new Map<Unit, number>();
  for (const s of scaled) if (s) shared.set(s.unit, Math.min(MAX_DECIMALS, Math.max(shared.get(s.unit) ?? 0, decimalsFor(s.x))));
  return scaled.map((s) => {
    if (!s) return "—";
    const decimals = Math.max(s.unit.decimals, shared.get(s.unit)!);
    const text = s.x.toFixed(decimals);
    if (s.x !== 0 && Number(text) === 0) return `${s.x < 0 ? "> -" : "< "}${(10 ** -decimals).toFixed(decimals)} ${s.unit.symbol}`;
    return `${text} ${s.unit.symbol}`;
  });
}

export const formatEnergies = (kwh: readonly (number | null | undefined)[]): string[] => formatTogether(ENERGY_UNITS, kwh);
export const formatCarbons = (g: readonly (number | null | undefined)[]): string[] => formatTogether(CARBON_UNITS, g);

/** One figure alone: small ones keep two significant digits instead of reading as zero. */
export const formatEnergy = (kwh: number | null | undefined): string => formatEnergies([kwh])[0];
export const formatCarbon = (g: number | null | undefined): string => formatCarbons([g])[0];

/** Small values keep two significant digits, so a tiny equivalent does not read as 0. */
export function formatNumber(n: number, digits = 1): string {
  if (n !== 0 && Math.abs(n) < 1) return n.toLocaleString("en-GB", { maximumSignificantDigits: 2 });
  return n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const formatPercent = (share: number | null): string => (share === null ? "—" : `${(share * 100).toFixed(0)} %`);

/** kg, for chart axes. */
export const gramsToKg = (g: number): number => g / 1000;
