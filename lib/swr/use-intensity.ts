// SWR hooks for the intensity page and its settings (the slot's hook lives in hooks.ts).
import useSWR from "swr";
import { fetcher } from "@/lib/swr/fetcher";
import type { IntensityCredentialsDto } from "@/lib/data/intensity-credentials";
import type { IntensityZoneDto } from "@/lib/data/intensity-overview";

export const intensityKeys = {
  zones: (windowHours: number) => `/api/intensity/zones?windowHours=${windowHours}`,
  credentials: "/api/settings/intensity",
};

export const useIntensityZones = (windowHours: number) =>
  useSWR<{ zones: IntensityZoneDto[] }>(intensityKeys.zones(windowHours), fetcher, { refreshInterval: 5 * 60_000 });

export const useIntensityCredentials = () => useSWR<{ credentials: IntensityCredentialsDto }>(intensityKeys.credentials, fetcher);
