// One Prisma client per process. Secrets and password hashes are omitted client-wide so
// that nothing returned by an ordinary query can carry them; the few readers that need
// them opt in explicitly.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";

export const SECRET_OMIT = {
  server: { privateKeyEnc: true, passphraseEnc: true, passwordEnc: true },
  user: { passwordHash: true },
  organisation: { electricityMapsApiKeyEnc: true, wattTimePasswordEnc: true },
} as const;

function createClient() {
  const adapter = new PrismaPg({ connectionString: requireDatabaseUrl() });
  return new PrismaClient({ adapter, omit: SECRET_OMIT });
}

export type Db = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as unknown as { gridshiftPrisma?: Db };

export function db(): Db {
  globalForPrisma.gridshiftPrisma ??= createClient();
  return globalForPrisma.gridshiftPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.gridshiftPrisma?.$disconnect();
  globalForPrisma.gridshiftPrisma = undefined;
}
