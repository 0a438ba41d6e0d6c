// Servers of one organisation. Secrets are encrypted here and never leave as DTO fields.
import { db } from "@/lib/db/client";
import { encryptSecret, secretKey } from "@/lib/crypto/secrets";
import { localServersEnabled } from "@/lib/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import { expectOne, scoped, type OrgId } from "@/lib/data/scope";
import { LOCAL_SERVERS_OFF, updateProblems, type TServerInput, type TServerUpdate, type TStoredServer } from "@/lib/validation/server";
import { Prisma, type Server } from "@/lib/generated/prisma/client";

type PublicServer = Omit<Server, "privateKeyEnc" | "passphraseEnc" | "passwordEnc">;

export type ServerDto = {
  id: string;
  name: string;
  kind: "ssh" | "local";
  host: string | null;
  port: number;
  username: string | null;
  authMethod: "none" | "key" | "password";
  hasPrivateKey: boolean;
  hasPassphrase: boolean;
  hasPassword: boolean;
  hostKeyFingerprint: string | null;
  hostKeyMismatch: string | null;
  hostKeyMismatchAt: string | null;
  gridZone: string;
  tags: string[];
  cpuTdpWatts: number;
  vcpusTotal: number;
  vcpusAvailable: number;
  memoryGb: number;
  embodiedGco2e: number;
  lifespanYears: number;
  maxConcurrentTasks: number;
  lastConnectionError: string | null;
  createdAt: string;
  updatedAt: string;
};

function toDto(s: PublicServer, secrets: { key: boolean; passphrase: boolean; password: boolean }): ServerDto {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    host: s.host,
    port: s.port,
    username: s.username,
    authMethod: s.authMethod,
    hasPrivateKey: secrets.key,
    hasPassphrase: secrets.passphrase,
    hasPassword: secrets.password,
    hostKeyFingerprint: s.hostKeyFingerprint,
    hostKeyMismatch: s.hostKeyMismatch,
    hostKeyMismatchAt: s.hostKeyMismatchAt?.toISOString() ?? null,
    gridZone: s.gridZone,
    tags: s.tags,
    cpuTdpWatts: s.cpuTdpWatts,
    vcpusTotal: s.vcpusTotal,
    vcpusAvailable: s.vcpusAvailable,
    memoryGb: s.memoryGb,
    embodiedGco2e: s.embodiedGco2e,
    lifespanYears: s.lifespanYears,
    maxConcurrentTasks: s.maxConcurrentTasks,
    lastConnectionError: s.lastConnectionError,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

// Presence flags without reading ciphertext into the DTO layer.
async function secretFlags(organisationId: OrgId, ids: string[]) {
  const rows = await db().server.findMany({
    where: scoped(organisationId, { id: { in: ids } }),
    select: { id: true, privateKeyEnc: true, passphraseEnc: true, passwordEnc: true },
  });
  return new Map(rows.map((r) => [r.id, { key: !!r.privateKeyEnc, passphrase: !!r.passphraseEnc, password: !!r.passwordEnc }]));
}

export async function listServers(organisationId: OrgId): Promise<ServerDto[]> {
  const rows = await db().server.findMany({ where: scoped(organisationId), orderBy: [{ name: "asc" }] });
  const flags = await secretFlags(organisationId, rows.map((r) => r.id));
  return rows.map((r) => toDto(r, flags.get(r.id)!));
}

export async function getServer(organisationId: OrgId, id: string): Promise<ServerDto> {
  const row = await db().server.findFirst({ where: scoped(organisationId, { id }) });
  if (!row) throw notFoundServer();
  const flags = await secretFlags(organisationId, [id]);
  return toDto(row, flags.get(id)!);
}

const notFoundServer = () => notFound("Server not found");

function encryptedCredentials(input: Partial<Pick<TServerInput, "privateKey" | "passphrase" | "password">>) {
  const key = secretKey();
  const out: { privateKeyEnc?: string | null; passphraseEnc?: string | null; passwordEnc?: string | null } = {};
  if (input.privateKey) out.privateKeyEnc = encryptSecret(input.privateKey, key);
  if (input.passphrase) out.passphraseEnc = encryptSecret(input.passphrase, key);
  if (input.password) out.passwordEnc = encryptSecret(input.password, key);
  return out;
}

function duplicateName(error: unknown) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return conflict("A server with this name already exists", { name: ["A server with this name already exists"] });
  }
  return error;
}

const invalidFields = (fields: Record<string, string[]>) => invalid("Some fields are not valid", fields);

export async function createServer(organisationId: OrgId, input: TServerInput): Promise<ServerDto> {
  const local = input.kind === "local";
  if (local && !localServersEnabled()) throw invalidFields({ kind: [LOCAL_SERVERS_OFF] });
  try {
    const row = await db().server.create({
      data: {
        organisationId,
        name: input.name,
        kind: input.kind,
        host: local ? null : input.host,
        port: input.port ?? 22,
        username: local ? null : input.username,
        authMethod: local ? "none" : input.authMethod,
        ...(local ? {} : encryptedCredentials(input)),
        gridZone: input.gridZone,
        tags: input.tags ?? [],
        cpuTdpWatts: input.cpuTdpWatts,
        vcpusTotal: input.vcpusTotal,
        vcpusAvailable: input.vcpusAvailable,
        memoryGb: input.memoryGb,
        embodiedGco2e: input.embodiedGco2e,
        lifespanYears: input.lifespanYears,
        maxConcurrentTasks: input.maxConcurrentTasks,
      },
    });
    return getServer(organisationId, row.id);
  } catch (error) {
    throw duplicateName(error);
  }
}

async function storedServer(organisationId: OrgId, id: string): Promise<TStoredServer> {
  const row = await db().server.findFirst({
    where: scoped(organisationId, { id }),
    select: { kind: true, host: true, username: true, authMethod: true, vcpusTotal: true, vcpusAvailable: true, privateKeyEnc: true, passwordEnc: true },
  });
  if (!row) throw notFoundServer();
  const { privateKeyEnc, passwordEnc, ...plain } = row;
  return { ...plain, hasPrivateKey: !!privateKeyEnc, hasPassword: !!passwordEnc };
}

// The stored state an update was judged on; the write applies only while it still holds.
function unchangedSince(stored: TStoredServer) {
  return {
    kind: stored.kind,
    host: stored.host,
    username: stored.username,
    authMethod: stored.authMethod,
    vcpusTotal: stored.vcpusTotal,
    vcpusAvailable: stored.vcpusAvailable,
    privateKeyEnc: stored.hasPrivateKey ? { not: null } : null,
    passwordEnc: stored.hasPassword ? { not: null } : null,
  } satisfies Prisma.ServerWhereInput;
}

// A credential is cleared only once the one that replaces it is known to be there
// (updateProblems has checked the server it becomes).
function updateData(stored: TStoredServer, input: TServerUpdate): Prisma.ServerUpdateManyMutationInput {
  const { privateKey, passphrase, password, resetHostKey, ...plain } = input;
  const data: Prisma.ServerUpdateManyMutationInput = { ...plain, ...encryptedCredentials({ privateKey, passphrase, password }) };
  if (resetHostKey) Object.assign(data, { hostKeyFingerprint: null, hostKeyMismatch: null, hostKeyMismatchAt: null });
  const kind = input.kind ?? stored.kind;
  if (kind === "local") return Object.assign(data, { host: null, username: null, authMethod: "none", privateKeyEnc: null, passphraseEnc: null, passwordEnc: null });
  const authMethod = input.authMethod ?? stored.authMethod;
  if (authMethod === "key") data.passwordEnc = null;
  // A stored passphrase belongs to the stored key, not to a new one.
  if (authMethod === "key" && privateKey && !passphrase) data.passphraseEnc = null;
  if (authMethod === "password") Object.assign(data, { privateKeyEnc: null, passphraseEnc: null });
  return data;
}

const UPDATE_TRIES = 3;

/**
 * Judges the patch on the server it would produce, then writes it only if the stored state is
 * still the one judged (one conditional statement); a concurrent change means judging again.
 */
export async function updateServer(organisationId: OrgId, id: string, input: TServerUpdate): Promise<ServerDto> {
  for (let attempt = 1; attempt <= UPDATE_TRIES; attempt++) {
    const stored = await storedServer(organisationId, id);
    const problems = updateProblems(stored, input, { localServers: localServersEnabled() });
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    try {
      const { count } = await db().server.updateMany({ where: scoped(organisationId, { id, ...unchangedSince(stored) }), data: updateData(stored, input) });
      if (count === 1) return getServer(organisationId, id);
    } catch (error) {
      throw duplicateName(error);
    }
  }
  throw conflict("The server was changed by someone else while saving; reload it and try again");
}

export async function deleteServer(organisationId: OrgId, id: string): Promise<void> {
  expectOne(await db().server.deleteMany({ where: scoped(organisationId, { id }) }), "Server");
}
