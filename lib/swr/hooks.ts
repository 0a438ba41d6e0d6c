// One SWR hook per resource, with typed keys. Mutations call `mutate` on the same keys.
import useSWR from "swr";
import { fetcher } from "@/lib/swr/fetcher";
import type { ServerDto } from "@/lib/data/servers";
import type { TaskDto } from "@/lib/data/tasks";
import type { RunDto } from "@/lib/data/runs";
import type { MemberDto, MembershipDto } from "@/lib/data/organisations";
import type { InvitationDto } from "@/lib/data/invitations";
import type { CurrentIntensityDto } from "@/lib/data/intensity";
import type { TRole } from "@/lib/domain/permissions";

export type MeDto = {
  user: { id: string; email: string; name: string };
  organisation: { id: string; name: string };
  role: TRole;
  memberships: MembershipDto[];
};

export const keys = {
  me: "/api/me",
  servers: "/api/servers",
  server: (id: string) => `/api/servers/${id}`,
  tasks: (serverId: string) => `/api/tasks?serverId=${encodeURIComponent(serverId)}`,
  task: (id: string) => `/api/tasks/${id}`,
  runs: (taskId: string) => `/api/tasks/${taskId}/runs`,
  intensity: (serverId: string) => `/api/intensity/current?serverId=${encodeURIComponent(serverId)}`,
  members: "/api/members",
  invitations: "/api/invitations",
};

export const useMe = () => useSWR<MeDto>(keys.me, fetcher);
export const useServers = () => useSWR<{ servers: ServerDto[] }>(keys.servers, fetcher);
export const useServer = (id: string) => useSWR<{ server: ServerDto }>(keys.server(id), fetcher);
export const useTasks = (serverId: string | null) =>
  useSWR<{ tasks: TaskDto[] }>(serverId ? keys.tasks(serverId) : null, fetcher, { refreshInterval: (d) => (d?.tasks.some((t) => LIVE.has(t.status)) ? 3000 : 10_000) });
// Poll fast while something is happening, slowly otherwise.
const LIVE = new Set(["queued", "planned", "running", "paused", "starting"]);
export const useTask = (id: string) =>
  useSWR<{ task: TaskDto }>(keys.task(id), fetcher, { refreshInterval: (d) => (d && LIVE.has(d.task.status) ? 2000 : 10_000) });
export const useRuns = (taskId: string) =>
  useSWR<{ runs: RunDto[] }>(keys.runs(taskId), fetcher, { refreshInterval: (d) => (d?.runs.some((r) => LIVE.has(r.status)) ? 2000 : 5000) });
export const useIntensity = (serverId: string | null) =>
  useSWR<CurrentIntensityDto>(serverId ? keys.intensity(serverId) : null, fetcher, { refreshInterval: 60_000 });
export const useMembers = () => useSWR<{ members: MemberDto[] }>(keys.members, fetcher);
export const useInvitations = (enabled: boolean) => useSWR<{ invitations: InvitationDto[] }>(enabled ? keys.invitations : null, fetcher);
