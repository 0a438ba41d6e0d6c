import { z } from "zod";
import { HARDWARE_DEFAULTS as D } from "@/lib/domain/hardware-defaults";
import { requiredText, ZGridZone, ZTags } from "@/lib/validation/common";

const HOST = /^(([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/;

const hardware = {
  cpuTdpWatts: z.coerce.number().positive({ error: "Enter the thermal design power in watts (above 0)" }).max(5000),
  vcpusTotal: z.coerce.number().int().min(1).max(4096),
  vcpusAvailable: z.coerce.number().int().min(1).max(4096),
  memoryGb: z.coerce.number().positive().max(65536),
  embodiedGco2e: z.coerce.number().min(0).max(1e9),
  lifespanYears: z.coerce.number().positive().max(50),
  maxConcurrentTasks: z.coerce.number().int().min(1).max(256),
};

const connection = {
  name: requiredText("Name is required", 100),
  kind: z.enum(["ssh", "local"]),
  host: z.string().trim().max(253).regex(HOST, { error: "Enter a host name or IP address" }).optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  username: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, { error: "Letters, digits and . _ - only" }).optional(),
  authMethod: z.enum(["none", "key", "password"]).optional(),
  privateKey: z.string().max(20000).optional(),
  passphrase: z.string().max(1000).optional(),
  password: z.string().max(1000).optional(),
  gridZone: ZGridZone,
  tags: ZTags.optional(),
};

type Refinable = {
  kind?: "ssh" | "local";
  host?: string;
  username?: string;
  authMethod?: "none" | "key" | "password";
  privateKey?: string;
  password?: string;
  vcpusAvailable?: number;
  vcpusTotal?: number;
};

function requireSshFields(v: Refinable, ctx: z.RefinementCtx, creating: boolean) {
  if (v.vcpusAvailable !== undefined && v.vcpusTotal !== undefined && v.vcpusAvailable > v.vcpusTotal) {
    ctx.addIssue({ code: "custom", path: ["vcpusAvailable"], message: "Cannot exceed the total vCPUs" });
  }
  if (v.kind !== "ssh") return;
  if (!v.host) ctx.addIssue({ code: "custom", path: ["host"], message: "Host is required for an SSH server" });
  if (!v.username) ctx.addIssue({ code: "custom", path: ["username"], message: "Username is required for an SSH server" });
  if (v.authMethod !== "key" && v.authMethod !== "password") {
    ctx.addIssue({ code: "custom", path: ["authMethod"], message: "Choose key or password authentication" });
    return;
  }
  if (!creating) return;
  if (v.authMethod === "key" && !v.privateKey?.includes("PRIVATE KEY")) {
    ctx.addIssue({ code: "custom", path: ["privateKey"], message: "Paste a private key (PEM or OpenSSH format)" });
  }
  if (v.authMethod === "password" && !v.password) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "Password is required" });
  }
}

export const ZServerInput = z
  .object({
    ...connection,
    cpuTdpWatts: hardware.cpuTdpWatts.default(D.cpuTdpWatts),
    vcpusTotal: hardware.vcpusTotal.default(D.vcpusTotal),
    vcpusAvailable: hardware.vcpusAvailable.default(D.vcpusAvailable),
    memoryGb: hardware.memoryGb.default(D.memoryGb),
    embodiedGco2e: hardware.embodiedGco2e.default(D.embodiedGco2e),
    lifespanYears: hardware.lifespanYears.default(D.lifespanYears),
    maxConcurrentTasks: hardware.maxConcurrentTasks.default(D.maxConcurrentTasks),
  })
  .superRefine((v, ctx) => requireSshFields(v, ctx, true));
export type TServerInput = z.infer<typeof ZServerInput>;

export const ZServerUpdate = z
  .object({
    ...connection,
    ...hardware,
    // Forget the pinned host key so the next connection pins afresh (a deliberate re-pin).
    resetHostKey: z.boolean().optional(),
  })
  .partial()
  .superRefine((v, ctx) => requireSshFields(v, ctx, false));
export type TServerUpdate = z.infer<typeof ZServerUpdate>;
