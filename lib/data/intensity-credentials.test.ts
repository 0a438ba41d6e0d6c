import { describe, expect, it } from "vitest";
import { carbonConfigFromEnv } from "@/lib/carbon";
import { db } from "@/lib/db/client";
import { carbonConfigForOrganisation, getIntensityCredentials, updateIntensityCredentials } from "@/lib/data/intensity-credentials";
import { seedTenant } from "@/lib/testing/factories";
import { ZIntensityCredentialsInput } from "@/lib/validation/intensity";

describe("organisation intensity credentials", () => {
  it("encrypts secrets at rest, answers flags only, and overrides the environment's configuration", async () => {
    const { organisationId } = await seedTenant("cred");
    expect(await getIntensityCredentials(organisationId)).toEqual({ hasElectricityMapsApiKey: false, hasWattTimeCredentials: false });
    const base = { ...carbonConfigFromEnv({}), electricityMapsApiKey: "env-key", wattTimeUsername: "env-user", wattTimePassword: "env-pass" };

    const flags = await updateIntensityCredentials(organisationId, { electricityMapsApiKey: "em-secret", wattTimeUsername: "ada" });
    expect(flags).toEqual({ hasElectricityMapsApiKey: true, hasWattTimeCredentials: false });
    expect(JSON.stringify(flags)).not.toContain("em-secret");
    const raw = await db().organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { electricityMapsApiKeyEnc: true } });
    expect(raw.electricityMapsApiKeyEnc).toMatch(/^v1:/);
    expect(raw.electricityMapsApiKeyEnc).not.toContain("em-secret");
    // The client-wide omit keeps ciphertext out of ordinary reads.
    expect(Object.keys(await db().organisation.findUniqueOrThrow({ where: { id: organisationId } }))).not.toContain("electricityMapsApiKeyEnc");
    // A WattTime username without a password is not a credential pair: the environment's apply.
    expect(await carbonConfigForOrganisation(organisationId, base)).toMatchObject({ electricityMapsApiKey: "em-secret", wattTimeUsername: "env-user", wattTimePassword: "env-pass" });

    await updateIntensityCredentials(organisationId, { wattTimePassword: "wt-secret" });
    expect(await carbonConfigForOrganisation(organisationId, base)).toMatchObject({ wattTimeUsername: "ada", wattTimePassword: "wt-secret" });

    expect(await updateIntensityCredentials(organisationId, { clearElectricityMaps: true, clearWattTime: true })).toEqual({ hasElectricityMapsApiKey: false, hasWattTimeCredentials: false });
    expect(await carbonConfigForOrganisation(organisationId, base)).toEqual(base);
  });

  it("rejects setting and clearing at once, and blank secrets", () => {
    expect(ZIntensityCredentialsInput.safeParse({ electricityMapsApiKey: "k", clearElectricityMaps: true }).success).toBe(false);
    expect(ZIntensityCredentialsInput.safeParse({ wattTimePassword: "   " }).success).toBe(false);
    expect(ZIntensityCredentialsInput.safeParse({ wattTimeUsername: "ada", wattTimePassword: "p" }).success).toBe(true);
  });

  it("answers not found for an organisation that does not exist", async () => {
    await expect(updateIntensityCredentials("no-such-org", { electricityMapsApiKey: "k" })).rejects.toMatchObject({ code: "not_found" });
  });
});
