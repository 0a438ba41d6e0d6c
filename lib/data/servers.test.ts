import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decryptSecret, secretKey } from "@/lib/crypto/secrets";
import { createServer, deleteServer, getServer, listServers, updateServer } from "@/lib/data/servers";
import { seedServer, seedTenant } from "@/lib/testing/factories";
import { ZServerInput } from "@/lib/validation/server";

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
