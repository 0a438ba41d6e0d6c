// Display units for figures: pure, so pages show numbers without doing arithmetic.

export function formatEnergy(kwh: number | null | undefined): string {
  if (kwh === null || kwh === undefined) return "—";
  if (Math.abs(kwh) >= 1) return `${kwh.toFixed(2)} kWh`;
  return `${(kwh * 1000).toFixed(1)} Wh`;
}

export function formatCarbon(g: number | null | undefined): string {
  if (g === null || g === undefined) return "—";
  if (Math.abs(g) >= 1_000_000) return `${(g / 1_000_000).toFixed(2)} t`;
  if (Math.abs(g) >= 1000) return `${(g / 1000).toFixed(2)} kg`;
  return `${g.toFixed(2)} g`;
}

/** Small values keep two significant digits, so a tiny equivalent does not read as 0. */
export function formatNumber(n: number, digits = 1): string {
  if (n !== 0 && Math.abs(n) < 1) return n.toLocaleString("en-GB", { maximumSignificantDigits: 2 });
  return n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const formatPercent = (share: number | null): string => (share === null ? "—" : `${(share * 100).toFixed(0)} %`);

/** kg, for chart axes. */
export const gramsToKg = (g: number): number => g / 1000;
