// `npm run demo`: a demo organisation with a local server and a few tasks. Run again, it
// resets the demo password and prints it; it never touches other organisations. Local servers
// are an operator opt-in (GRIDSHIFT_LOCAL_SERVERS); lib/cli/start.ts turns them on for the demo.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { registerUserWithOrganisation } from "@/lib/data/organisations";
import { createServer } from "@/lib/data/servers";
import { localServersEnabled } from "@/lib/env";
import { createTask } from "@/lib/data/tasks";
import { ZServerInput } from "@/lib/validation/server";
import { ZTaskInput } from "@/lib/validation/task";

export const DEMO_EMAIL = "demo@gridshift.local";

export async function seedDemo(log: (line: string) => void): Promise<{ email: string; password: string }> {
  if (!localServersEnabled()) throw new Error("the demo runs its tasks on a local server, which GRIDSHIFT_LOCAL_SERVERS=off turns off: unset it or set it to on");
  const password = randomBytes(9).toString("base64url");
  const existing = await db().user.findUnique({ where: { email: DEMO_EMAIL } });
  if (existing) {
    await db().user.update({ where: { id: existing.id }, data: { passwordHash: await hashPassword(password) } });
    log(`demo organisation exists; new demo login: ${DEMO_EMAIL} / ${password}`);
    return { email: DEMO_EMAIL, password };
  }
  const { organisationId } = await registerUserWithOrganisation({ email: DEMO_EMAIL, name: "Demo user", password, organisationName: "Demo organisation" });
  // Live UK intensity by default; offline, a recorded week replayed to the present drives the same views.
  const gridZone = process.env.GRIDSHIFT_DEMO_ZONE ?? "uk:national";
  const server = await createServer(organisationId, ZServerInput.parse({ name: "this-machine", kind: "local", gridZone, tags: ["demo"] }));
  const tasks = [
    { name: "Nightly backup", command: "tar czf /tmp/gridshift-demo-backup.tgz -C /etc hostname hosts && ls -l /tmp/gridshift-demo-backup.tgz", workingDirectory: "/tmp", expectedDurationMinutes: 20, description: "Archive a few configuration files." },
    { name: "Train model", command: "sleep 30 && echo 'epoch 1/1 done'", workingDirectory: "~", expectedDurationMinutes: 120, description: "A stand-in for an ML training job.", interruptible: true },
    { name: "Clean-up", command: "find /tmp -name 'gridshift-demo-*' -mtime +7 -print", workingDirectory: "/tmp", expectedDurationMinutes: 5, carbonPolicy: "run_now" },
  ];
  for (const task of tasks) await createTask(organisationId, ZTaskInput.parse({ serverId: server.id, ...task }), null);
  log(`demo organisation created; login: ${DEMO_EMAIL} / ${password}`);
  return { email: DEMO_EMAIL, password };
}
