// Seeds tenants through the real lib code (never raw SQL), for integration and e2e tests.
import { randomBytes } from "node:crypto";
import { registerUserWithOrganisation } from "@/lib/data/organisations";
import { createServer } from "@/lib/data/servers";
import { createTask } from "@/lib/data/tasks";
import { ZServerInput } from "@/lib/validation/server";
import { ZTaskInput } from "@/lib/validation/task";

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
export const TEST_PASSWORD = "correct horse battery staple";

export async function seedTenant(label = "org") {
  const email = uniqueEmail(label);
  const { user, organisationId } = await registerUserWithOrganisation({
    email,
    name: `${label} owner`,
    password: TEST_PASSWORD,
    organisationName: `${label} ${randomBytes(3).toString("hex")}`,
  });
  return { user, organisationId, email, password: TEST_PASSWORD };
}

export async function seedServer(organisationId: string, overrides: Record<string, unknown> = {}) {
  return createServer(organisationId, ZServerInput.parse({ name: `srv-${randomBytes(3).toString("hex")}`, kind: "local", gridZone: "uk:national", ...overrides }));
}

export async function seedTask(organisationId: string, serverId: string, overrides: Record<string, unknown> = {}) {
  return createTask(
    organisationId,
    ZTaskInput.parse({ serverId, name: `task-${randomBytes(3).toString("hex")}`, workingDirectory: "/tmp", command: "echo hi", expectedDurationMinutes: 30, ...overrides }),
    null,
  );
}
