import { z } from "zod";
import { HARDWARE_DEFAULTS as D } from "@/lib/domain/hardware-defaults";
import { numberField, requiredText, ZGridZone, ZTags } from "@/lib/validation/common";
import type { FieldErrors } from "@/lib/errors";

const HOST = /^(([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/;

/** Said by the API, the form and the worker when GRIDSHIFT_LOCAL_SERVERS is off. */
export const LOCAL_SERVERS_OFF =
  "Local servers are turned off on this installation: the operator enables them with GRIDSHIFT_LOCAL_SERVERS=on; they run tasks as the worker's own user";

const KEY_MESSAGE = "Paste a private key (PEM or OpenSSH format)";

const hardware = {
  cpuTdpWatts: numberField("Enter the thermal design power in watts (above 0, at most 5,000)", { min: 0, aboveMin: true, max: 5000 }),
  vcpusTotal: numberField("Enter a whole number of vCPUs from 1 to 4,096", { min: 1, max: 4096, whole: true }),
  vcpusAvailable: numberField("Enter a whole number of vCPUs from 1 to 4,096", { min: 1, max: 4096, whole: true }),
  memoryGb: numberField("Enter the memory in GB (above 0, at most 65,536)", { min: 0, aboveMin: true, max: 65536 }),
  embodiedGco2e: numberField("Enter the embodied emissions in gCO2e (0 to 1,000,000,000)", { min: 0, max: 1e9 }),
  lifespanYears: numberField("Enter the expected lifespan in years (above 0, at most 50)", { min: 0, aboveMin: true, max: 50 }),
  maxConcurrentTasks: numberField("Enter a whole number of tasks from 1 to 256", { min: 1, max: 256, whole: true }),
};

const connection = {
  name: requiredText("Name is required", 100),
  kind: z.enum(["ssh", "local"], { error: "Choose an SSH or a local server" }),
  host: z.string().trim().max(253, { error: "A host name has at most 253 characters" }).regex(HOST, { error: "Enter a host name or IP address" }).optional(),
  port: numberField("Enter a port number from 1 to 65535", { min: 1, max: 65535, whole: true }).optional(),
  username: z
    .string()
    .trim()
    .min(1, { error: "Username is required for an SSH server" })
    .max(64, { error: "A username has at most 64 characters" })
    .regex(/^[A-Za-z0-9._-]+$/, { error: "Letters, digits and . _ - only" })
    .optional(),
  authMethod: z.enum(["none", "key", "password"], { error: "Choose key or password authentication" }).optional(),
  privateKey: z.string({ error: "Paste a private key, or leave the field out to keep the stored one" }).max(20000, { error: "A private key has at most 20,000 characters" }).optional(),
  passphrase: z.string({ error: "Enter the passphrase as text, or leave the field out" }).max(1000, { error: "A passphrase has at most 1,000 characters" }).optional(),
  password: z.string({ error: "Enter a password, or leave the field out to keep the stored one" }).max(1000, { error: "A password has at most 1,000 characters" }).optional(),
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

// What one request says on its own. An update is checked again against the stored server
// (updateProblems), since what it needs depends on what is already there.
function checkRequest(v: Refinable, ctx: z.RefinementCtx, creating: boolean) {
  // Zod refines even when a field failed; a count already reported as wrong is not compared.
  const counted = hardware.vcpusTotal.safeParse(v.vcpusTotal).success && hardware.vcpusAvailable.safeParse(v.vcpusAvailable).success;
  if (counted && v.vcpusAvailable! > v.vcpusTotal!) {
    ctx.addIssue({ code: "custom", path: ["vcpusAvailable"], message: "Cannot exceed the total vCPUs" });
  }
  if (v.privateKey && !v.privateKey.includes("PRIVATE KEY")) ctx.addIssue({ code: "custom", path: ["privateKey"], message: KEY_MESSAGE });
  if (!creating || v.kind !== "ssh") return;
  if (!v.host) ctx.addIssue({ code: "custom", path: ["host"], message: "Host is required for an SSH server" });
  if (!v.username) ctx.addIssue({ code: "custom", path: ["username"], message: "Username is required for an SSH server" });
  if (v.authMethod !== "key" && v.authMethod !== "password") {
    ctx.addIssue({ code: "custom", path: ["authMethod"], message: "Choose key or password authentication" });
    return;
  }
  if (v.authMethod === "key" && !v.privateKey) ctx.addIssue({ code: "custom", path: ["privateKey"], message: KEY_MESSAGE });
  if (v.authMethod === "password" && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Password is required" });
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
  .superRefine((v, ctx) => checkRequest(v, ctx, true));
export type TServerInput = z.infer<typeof ZServerInput>;

export const ZServerUpdate = z
  .object({
    ...connection,
    ...hardware,
    // Forget the pinned host key so the next connection pins afresh (a deliberate re-pin).
    resetHostKey: z.boolean().optional(),
  })
  .partial()
  .superRefine((v, ctx) => checkRequest(v, ctx, false));
export type TServerUpdate = z.infer<typeof ZServerUpdate>;

/** What an update is checked against: the stored server, secrets as presence flags only. */
export type TStoredServer = {
  kind: "ssh" | "local";
  host: string | null;
  username: string | null;
  authMethod: "none" | "key" | "password";
  hasPrivateKey: boolean;
  hasPassword: boolean;
  vcpusTotal: number;
  vcpusAvailable: number;
};

/**
 * Field errors of an update, judged on the server it would become (stored + patch), so that
 * an edit can never leave an SSH server without the credential its sign-in needs.
 */
export function updateProblems(stored: TStoredServer, patch: TServerUpdate, settings: { localServers: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => void (errors[field] ??= []).push(message);
  const kind = patch.kind ?? stored.kind;
  if ((patch.vcpusAvailable ?? stored.vcpusAvailable) > (patch.vcpusTotal ?? stored.vcpusTotal)) add("vcpusAvailable", "Cannot exceed the total vCPUs");
  if (kind === "local") {
    if (stored.kind !== "local" && !settings.localServers) add("kind", LOCAL_SERVERS_OFF);
    return errors;
  }
  if (!(patch.host ?? stored.host)) add("host", "Host is required for an SSH server");
  if (!(patch.username ?? stored.username)) add("username", "Username is required for an SSH server");
  const authMethod = patch.authMethod ?? stored.authMethod;
  // Switching away from a working sign-in says that it stays until the new one is given.
  const keyInUse = stored.kind === "ssh" && stored.authMethod === "key" && stored.hasPrivateKey;
  const passwordInUse = stored.kind === "ssh" && stored.authMethod === "password" && stored.hasPassword;
  if (authMethod === "key" && !patch.privateKey && !stored.hasPrivateKey) {
    add("privateKey", passwordInUse ? "Paste a private key to switch this server to key sign-in; the stored password is kept until you do" : KEY_MESSAGE);
  } else if (authMethod === "password" && !patch.password && !stored.hasPassword) {
    add("password", keyInUse ? "Enter a password to switch this server to password sign-in; the stored key is kept until you do" : "Password is required");
  } else if (authMethod === "none") {
    add("authMethod", "Choose key or password authentication");
  }
  return errors;
}
