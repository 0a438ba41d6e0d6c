// An organisation's own credentials for the paid intensity providers (Electricity Maps,
// WattTime). Secrets are encrypted at rest and never returned: the DTO carries flags only.
import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret, secretKey } from "@/lib/crypto/secrets";
import { expectOne, type OrgId } from "@/lib/data/scope";
import type { CarbonConfig } from "@/lib/carbon";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TIntensityCredentialsInput } from "@/lib/validation/intensity";

export type IntensityCredentialsDto = { hasElectricityMapsApiKey: boolean; hasWattTimeCredentials: boolean };

const SELECT = { electricityMapsApiKeyEnc: true, wattTimeUsername: true, wattTimePasswordEnc: true } as const;
type CredentialRow = { electricityMapsApiKeyEnc: string | null; wattTimeUsername: string | null; wattTimePasswordEnc: string | null };

// Organisation rows are keyed by id: the organisation's own id is its scope.
const own = (organisationId: OrgId) => {
  if (!organisationId) throw new Error("organisation id required");
  return { id: organisationId };
};

export async function getIntensityCredentials(organisationId: OrgId): Promise<IntensityCredentialsDto> {
  const row = await db().organisation.findFirst({ where: own(organisationId), select: SELECT });
  return { hasElectricityMapsApiKey: !!row?.electricityMapsApiKeyEnc, hasWattTimeCredentials: !!(row?.wattTimeUsername && row.wattTimePasswordEnc) };
}

export async function updateIntensityCredentials(organisationId: OrgId, input: TIntensityCredentialsInput): Promise<IntensityCredentialsDto> {
  const key = secretKey();
  const data: Prisma.OrganisationUpdateManyMutationInput = {};
  if (input.electricityMapsApiKey) data.electricityMapsApiKeyEnc = encryptSecret(input.electricityMapsApiKey, key);
  if (input.clearElectricityMaps) data.electricityMapsApiKeyEnc = null;
  if (input.wattTimeUsername) data.wattTimeUsername = input.wattTimeUsername;
  if (input.wattTimePassword) data.wattTimePasswordEnc = encryptSecret(input.wattTimePassword, key);
  if (input.clearWattTime) Object.assign(data, { wattTimeUsername: null, wattTimePasswordEnc: null });
  expectOne(await db().organisation.updateMany({ where: own(organisationId), data }), "Organisation");
  return getIntensityCredentials(organisationId);
}

/**
 * The rule: the environment's configuration is the default; an organisation's own
 * credentials replace it for the provider they are for (a WattTime username and password
 * count only as a pair).
 */
export function applyCredentials(base: CarbonConfig, row: CredentialRow | null): CarbonConfig {
  if (!row) return base;
  const key = secretKey();
  const config = { ...base };
  if (row.electricityMapsApiKeyEnc) config.electricityMapsApiKey = decryptSecret(row.electricityMapsApiKeyEnc, key);
  if (row.wattTimeUsername && row.wattTimePasswordEnc) {
    config.wattTimeUsername = row.wattTimeUsername;
    config.wattTimePassword = decryptSecret(row.wattTimePasswordEnc, key);
  }
  return config;
}

export async function carbonConfigForOrganisation(organisationId: OrgId, base: CarbonConfig): Promise<CarbonConfig> {
  return applyCredentials(base, await db().organisation.findFirst({ where: own(organisationId), select: SELECT }));
}

/**
 * For the worker: per zone, the credentials of the oldest organisation using that zone that
 * has its own for the zone's provider. A zone is fetched once for everyone (readings are
 * public grid data), so one organisation's key serves the zone for all. Cross-tenant.
 */
export async function unsafeCredentialRowsByZone(zones: string[]): Promise<Map<string, CredentialRow[]>> {
  const servers = await db().server.findMany({
    where: { gridZone: { in: zones } },
    select: { gridZone: true, organisation: { select: { createdAt: true, ...SELECT } } },
  });
  servers.sort((a, b) => a.organisation.createdAt.getTime() - b.organisation.createdAt.getTime());
  const byZone = new Map<string, CredentialRow[]>();
  for (const s of servers) {
    const list = byZone.get(s.gridZone) ?? [];
    list.push(s.organisation);
    byZone.set(s.gridZone, list);
  }
  return byZone;
}
