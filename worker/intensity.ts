// Intensity refresh, called by each tick; the refresh itself decides which zones are due.
export async function refreshIntensityIfDue(_now: Date): Promise<void> {
  // Wired to lib/intensity/refresh.ts once the intensity store lands.
}
