// SWR hooks for carbon accounting: the organisation's insights and one run's power profile.
import useSWR from "swr";
import { fetcher } from "@/lib/swr/fetcher";
import type { InsightsResult } from "@/lib/data/insights";
import type { ProfilePoint } from "@/lib/domain/accounting";
import type { TInsightsQuery } from "@/lib/validation/insights";

export type InsightsDto = InsightsResult;

const query = (q: TInsightsQuery) => {
  const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
  const text = params.toString();
  return text ? `?${text}` : "";
};

export const insightsKeys = {
  insights: (q: TInsightsQuery) => `/api/insights${query(q)}`,
  exportRuns: (q: TInsightsQuery, format: "csv" | "json") => `/api/runs/export${query({ ...q, format } as TInsightsQuery)}`,
  profile: (runId: string) => `/api/runs/${runId}/profile`,
  manifest: (runId: string) => `/api/runs/${runId}/manifest`,
};

export const useInsights = (q: TInsightsQuery) => useSWR<InsightsDto>(insightsKeys.insights(q), fetcher, { refreshInterval: 60_000 });
export const useRunProfile = (runId: string | null) => useSWR<{ points: ProfilePoint[] }>(runId ? insightsKeys.profile(runId) : null, fetcher);
