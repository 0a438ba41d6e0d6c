import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decryptSecret, secretKey } from "@/lib/crypto/secrets";
import { createServer, deleteServer, getServer, listServers, updateServer } from "@/lib/data/servers";
import { localServersEnabled } from "@/lib/env";
import { seedServer, seedTenant } from "@/lib/testing/factories";
import { LOCAL_SERVERS_OFF, ZServerInput, ZServerUpdate } from "@/lib/validation/server";
import { errorResponse } from "@/lib/web/respond";

const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

describe("servers data module", () => {
  it("encrypts credentials at rest and never returns them", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(
      organisationId,
      ZServerInput.parse({ name: "gpu-1", kind: "ssh", host: "127.0.0.1", username: "ml", authMethod: "key", privateKey: KEY, passphrase: "pp", gridZone: "uk:region:13" }),
    );
    expect(server).toMatchObject({ hasPrivateKey: true, hasPassphrase: true, hasPassword: false, cpuTdpWatts: 65, vcpusTotal: 8 });
    expect(JSON.stringify(server)).not.toContain("PRIVATE KEY");
    expect(Object.keys(server)).not.toContain("privateKeyEnc");
    const raw = await db().server.findUniqueOrThrow({ where: { id: server.id }, omit: { privateKeyEnc: false, passphraseEnc: false } });
    expect(raw.privateKeyEnc).not.toContain("PRIVATE KEY");
    expect(decryptSecret(raw.privateKeyEnc!, secretKey())).toBe(KEY);
    expect(decryptSecret(raw.passphraseEnc!, secretKey())).toBe("pp");
  });

  it("keeps stored secrets when an update omits them, and re-pins on request", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, ZServerInput.parse({ name: "box", kind: "ssh", host: "box.example.org", username: "u", authMethod: "password", password: "s3cret", gridZone: "uk:national" }));
    await db().server.update({ where: { id: server.id }, data: { hostKeyFingerprint: "SHA256:abc", hostKeyMismatch: "SHA256:def" } });
    const updated = await updateServer(organisationId, server.id, { name: "box-2", resetHostKey: true });
    expect(updated).toMatchObject({ name: "box-2", hasPassword: true, hostKeyFingerprint: null, hostKeyMismatch: null });
  });

  it("rejects a duplicate name with a field error", async () => {
    const { organisationId } = await seedTenant("srv");
    await seedServer(organisationId, { name: "same" });
    await expect(seedServer(organisationId, { name: "same" })).rejects.toMatchObject({ code: "conflict", fieldErrors: { name: expect.any(Array) } });
  });

  it("answers not found for another organisation's server and changes nothing", async () => {
    const a = await seedTenant("a");
    const b = await seedTenant("b");
    const server = await seedServer(a.organisationId, { name: "private" });
    await expect(getServer(b.organisationId, server.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateServer(b.organisationId, server.id, { name: "stolen" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteServer(b.organisationId, server.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listServers(b.organisationId)).map((s) => s.id)).not.toContain(server.id);
    expect((await getServer(a.organisationId, server.id)).name).toBe("private");
  });
});

async function storedSecrets(id: string) {
  const raw = await db().server.findUniqueOrThrow({ where: { id }, omit: { privateKeyEnc: false, passphraseEnc: false, passwordEnc: false } });
  const open = (value: string | null) => (value ? decryptSecret(value, secretKey()) : null);
  return { privateKey: open(raw.privateKeyEnc), passphrase: open(raw.passphraseEnc), password: open(raw.passwordEnc), authMethod: raw.authMethod, kind: raw.kind };
}

async function withLocalServers<T>(value: "on" | "off", body: () => Promise<T>): Promise<T> {
  const previous = process.env.GRIDSHIFT_LOCAL_SERVERS;
  process.env.GRIDSHIFT_LOCAL_SERVERS = value;
  try {
    return await body();
  } finally {
    restore(previous);
  }
}

function restore(previous: string | undefined) {
  if (previous === undefined) delete process.env.GRIDSHIFT_LOCAL_SERVERS;
  else process.env.GRIDSHIFT_LOCAL_SERVERS = previous;
}

const keyed = (name: string) => ZServerInput.parse({ name, kind: "ssh", host: "gpu.example.org", username: "ml", authMethod: "key", privateKey: KEY, passphrase: "pp", gridZone: "uk:national" });

describe("updating a server never loses the credential it signs in with", () => {
  it("refuses a switch from key to password without a password, keeping the key and its passphrase", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, keyed("keyed"));
    // What the edit form sends with Authentication: Password and the password left blank.
    const patch = ZServerUpdate.parse({ name: "keyed", kind: "ssh", host: "gpu.example.org", port: 22, username: "ml", authMethod: "password", gridZone: "uk:national", tags: [] });
    await expect(updateServer(organisationId, server.id, patch)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { password: ["Enter a password to switch this server to password sign-in; the stored key is kept until you do"] },
    });
    expect(await storedSecrets(server.id)).toEqual({ privateKey: KEY, passphrase: "pp", password: null, authMethod: "key", kind: "ssh" });
    expect(await getServer(organisationId, server.id)).toMatchObject({ authMethod: "key", hasPrivateKey: true, hasPassphrase: true, hasPassword: false });
  });

  it("switches to password when one is given, and only then forgets the key", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, keyed("keyed"));
    const updated = await updateServer(organisationId, server.id, ZServerUpdate.parse({ authMethod: "password", password: "s3cret" }));
    expect(updated).toMatchObject({ authMethod: "password", hasPrivateKey: false, hasPassphrase: false, hasPassword: true });
    expect(await storedSecrets(server.id)).toMatchObject({ privateKey: null, passphrase: null, password: "s3cret" });
  });

  it("keeps the password when a switch to key comes without a key, and accepts one that comes with it", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, ZServerInput.parse({ name: "pw", kind: "ssh", host: "h", username: "u", authMethod: "password", password: "s3cret", gridZone: "uk:national" }));
    await expect(updateServer(organisationId, server.id, ZServerUpdate.parse({ authMethod: "key" }))).rejects.toMatchObject({ fieldErrors: { privateKey: [expect.stringContaining("the stored password is kept")] } });
    expect(await storedSecrets(server.id)).toMatchObject({ password: "s3cret", authMethod: "password" });
    expect(await updateServer(organisationId, server.id, ZServerUpdate.parse({ authMethod: "key", privateKey: KEY }))).toMatchObject({ hasPrivateKey: true, hasPassword: false });
  });

  it("refuses to turn a local server into an SSH server without credentials", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await seedServer(organisationId, { name: "here" });
    await expect(updateServer(organisationId, server.id, ZServerUpdate.parse({ kind: "ssh", host: "h", username: "u", authMethod: "password" }))).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { password: ["Password is required"] },
    });
    expect(await getServer(organisationId, server.id)).toMatchObject({ kind: "local", host: null, authMethod: "none" });
    const ssh = await updateServer(organisationId, server.id, ZServerUpdate.parse({ kind: "ssh", host: "h", username: "u", authMethod: "password", password: "p" }));
    expect(ssh).toMatchObject({ kind: "ssh", host: "h", username: "u", hasPassword: true });
  });

  it("forgets the old passphrase with a new key given without one", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, keyed("keyed"));
    const other = KEY.replace("AAAAA", "BBBBB");
    expect(await updateServer(organisationId, server.id, ZServerUpdate.parse({ privateKey: other }))).toMatchObject({ hasPrivateKey: true, hasPassphrase: false });
    expect(await storedSecrets(server.id)).toMatchObject({ privateKey: other, passphrase: null });
    await updateServer(organisationId, server.id, ZServerUpdate.parse({ passphrase: "new" }));
    expect(await storedSecrets(server.id)).toMatchObject({ privateKey: other, passphrase: "new" });
  });

  it("checks vCPUs for tasks against the stored total", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await seedServer(organisationId, { vcpusTotal: 8, vcpusAvailable: 8 });
    await expect(updateServer(organisationId, server.id, ZServerUpdate.parse({ vcpusAvailable: 64 }))).rejects.toMatchObject({ fieldErrors: { vcpusAvailable: ["Cannot exceed the total vCPUs"] } });
  });

  it("never lets a concurrent edit leave the chosen sign-in without its credential", async () => {
    const { organisationId } = await seedTenant("srv");
    // Both a key and a password stored: each edit below is valid on its own.
    const server = await createServer(organisationId, ZServerInput.parse({ name: "both", kind: "ssh", host: "h", username: "u", authMethod: "key", privateKey: KEY, password: "s3cret", gridZone: "uk:national" }));
    const both = await db().server.findUniqueOrThrow({ where: { id: server.id }, omit: { privateKeyEnc: false, passwordEnc: false } });
    for (let round = 0; round < 15; round++) {
      await db().server.update({ where: { id: server.id }, data: { authMethod: "key", privateKeyEnc: both.privateKeyEnc, passwordEnc: both.passwordEnc } });
      // One switches to the stored password; the other replaces the key, which drops the password.
      await Promise.allSettled([
        updateServer(organisationId, server.id, ZServerUpdate.parse({ authMethod: "password" })),
        updateServer(organisationId, server.id, ZServerUpdate.parse({ authMethod: "key", privateKey: KEY.replace("AAAAA", "BBBBB") })),
      ]);
      const final = await getServer(organisationId, server.id);
      expect(final.authMethod === "key" ? final.hasPrivateKey : final.hasPassword).toBe(true);
    }
  });
});

describe("local servers are an operator opt-in (GRIDSHIFT_LOCAL_SERVERS)", () => {
  it("refuses to create a local server while they are off, with a field error the API answers as 400", async () => {
    const { organisationId } = await seedTenant("srv");
    const error = await withLocalServers("off", () => createServer(organisationId, ZServerInput.parse({ name: "here", kind: "local", gridZone: "uk:national" }))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fieldErrors: { kind: [LOCAL_SERVERS_OFF] } });
    const response = errorResponse(error);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "validation", message: "Some fields are not valid", fields: { kind: [LOCAL_SERVERS_OFF] } } });
    expect(await listServers(organisationId)).toEqual([]);
  });

  it("refuses to switch an SSH server to local while they are off, and keeps its credentials", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, keyed("keyed"));
    await expect(withLocalServers("off", () => updateServer(organisationId, server.id, ZServerUpdate.parse({ kind: "local" })))).rejects.toMatchObject({ fieldErrors: { kind: [LOCAL_SERVERS_OFF] } });
    expect(await storedSecrets(server.id)).toMatchObject({ kind: "ssh", privateKey: KEY, passphrase: "pp" });
  });

  it("is off by default", async () => {
    const { organisationId } = await seedTenant("srv");
    const previous = process.env.GRIDSHIFT_LOCAL_SERVERS;
    delete process.env.GRIDSHIFT_LOCAL_SERVERS;
    try {
      expect(localServersEnabled()).toBe(false);
      await expect(seedServer(organisationId)).rejects.toMatchObject({ fieldErrors: { kind: [LOCAL_SERVERS_OFF] } });
    } finally {
      restore(previous);
    }
  });

  it("still lets an existing local server be edited while they are off", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await seedServer(organisationId, { name: "here" });
    const renamed = await withLocalServers("off", () => updateServer(organisationId, server.id, ZServerUpdate.parse({ name: "still-here", kind: "local", gridZone: "uk:national" })));
    expect(renamed).toMatchObject({ name: "still-here", kind: "local" });
  });

  it("works as before while they are on", async () => {
    const { organisationId } = await seedTenant("srv");
    const server = await createServer(organisationId, keyed("keyed"));
    const local = await withLocalServers("on", () => updateServer(organisationId, server.id, ZServerUpdate.parse({ kind: "local" })));
    expect(local).toMatchObject({ kind: "local", host: null, username: null, authMethod: "none", hasPrivateKey: false, hasPassphrase: false, hasPassword: false });
  });
});
