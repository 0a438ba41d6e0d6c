// Tests never reach the real intensity APIs: unless a test points a provider at its own
// local server, every provider's base URL is a closed port on loopback.
const CLOSED_LOOPBACK = "http://127.0.0.1:9";

export const OFFLINE_PROVIDER_ENV = {
  GRIDSHIFT_UKCI_BASE_URL: CLOSED_LOOPBACK,
  GRIDSHIFT_ELECTRICITYMAPS_BASE_URL: CLOSED_LOOPBACK,
  GRIDSHIFT_WATTTIME_BASE_URL: CLOSED_LOOPBACK,
} as const;

export function useOfflineProviders(): void {
  for (const [key, value] of Object.entries(OFFLINE_PROVIDER_ENV)) process.env[key] ??= value;
}
