// The CLI is an administrator's tool: it names organisations by id or exact name.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function unsafeResolveOrganisation(idOrName: string): Promise<{ id: string; name: string }> {
  const matches = await db().organisation.findMany({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, select: { id: true, name: true } });
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new AppError("not_found", `no organisation with id or name "${idOrName}"`);
  throw new AppError("conflict", `several organisations are named "${idOrName}"; use its id`);
}

export async function unsafeListOrganisations() {
  return db().organisation.findMany({ select: { id: true, name: true, createdAt: true, _count: { select: { servers: true, tasks: true, memberships: true } } }, orderBy: { createdAt: "asc" } });
}
