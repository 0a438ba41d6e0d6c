// Servers of one organisation. Secrets are encrypted here and never leave as DTO fields.
import { db } from "@/lib/db/client";
import { encryptSecret, secretKey } from "@/lib/crypto/secrets";
import { conflict, notFound } from "@/lib/errors";
import { expectOne, scoped, type OrgId } from "@/lib/data/scope";
import type { TServerInput, TServerUpdate } from "@/lib/validation/server";
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

export async function createServer(organisationId: OrgId, input: TServerInput): Promise<ServerDto> {
  const local = input.kind === "local";
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

export async function updateServer(organisationId: OrgId, id: string, input: TServerUpdate): Promise<ServerDto> {
  const { privateKey, passphrase, password, resetHostKey, ...plain } = input;
  const data: Prisma.ServerUpdateManyMutationInput = { ...plain, ...encryptedCredentials({ privateKey, passphrase, password }) };
  if (resetHostKey) Object.assign(data, { hostKeyFingerprint: null, hostKeyMismatch: null, hostKeyMismatchAt: null });
  if (input.kind === "local") Object.assign(data, { host: null, username: null, authMethod: "none", privateKeyEnc: null, passphraseEnc: null, passwordEnc: null });
  if (input.authMethod === "key") data.passwordEnc = null;
  if (input.authMethod === "password") Object.assign(data, { privateKeyEnc: null, passphraseEnc: null });
  try {
    expectOne(await db().server.updateMany({ where: scoped(organisationId, { id }), data }), "Server");
  } catch (error) {
    throw duplicateName(error);
  }
  return getServer(organisationId, id);
}

export async function deleteServer(organisationId: OrgId, id: string): Promise<void> {
  expectOne(await db().server.deleteMany({ where: scoped(organisationId, { id }) }), "Server");
}
