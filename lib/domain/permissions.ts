// Who may do what. Viewers read; members manage tasks; admins also manage servers and
// members; owners everything (including the organisation itself).
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

export type Action =
  | "read"
  | "manage_tasks"
  | "manage_servers"
  | "manage_members"
  | "manage_organisation";

const RANK: Record<TRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

const MIN_ROLE: Record<Action, TRole> = {
  read: "viewer",
  manage_tasks: "member",
  manage_servers: "admin",
  manage_members: "admin",
  manage_organisation: "owner",
};

export function can(role: TRole, action: Action): boolean {
  return RANK[role] >= RANK[MIN_ROLE[action]];
}

/** An admin may grant roles up to admin; only an owner may create another owner. */
export function canGrant(granter: TRole, role: TRole): boolean {
  if (!can(granter, "manage_members")) return false;
  return role !== "owner" || granter === "owner";
}
