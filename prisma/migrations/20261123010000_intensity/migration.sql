-- CreateEnum
CREATE TYPE "ReadingKind" AS ENUM ('forecast', 'actual');

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "electricityMapsApiKeyEnc" TEXT,
ADD COLUMN "wattTimeUsername" TEXT,
ADD COLUMN "wattTimePasswordEnc" TEXT;

-- CreateTable
CREATE TABLE "IntensityReading" (
    "id" BIGSERIAL NOT NULL,
    "zone" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "gCO2PerKWh" DOUBLE PRECISION NOT NULL,
    "kind" "ReadingKind" NOT NULL,
    "indexBand" TEXT,
    "source" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "supersededAt" TIMESTAMP(3),
    CONSTRAINT "IntensityReading_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "GenerationMix" (
    "id" BIGSERIAL NOT NULL,
    "zone" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "fuels" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "GenerationMix_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ZoneRefreshState" (
    "zone" TEXT NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "staleSince" TIMESTAMP(3),
    "nextRefreshAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ZoneRefreshState_pkey" PRIMARY KEY ("zone")
);

-- CreateIndex
CREATE INDEX "IntensityReading_zone_periodStart_idx" ON "IntensityReading"("zone", "periodStart");
CREATE INDEX "IntensityReading_fetchedAt_idx" ON "IntensityReading"("fetchedAt");
CREATE UNIQUE INDEX "GenerationMix_zone_periodStart_key" ON "GenerationMix"("zone", "periodStart");
-- One current reading per zone, period and kind (not expressible in the Prisma schema).
CREATE UNIQUE INDEX "IntensityReading_current_key" ON "IntensityReading"("zone", "periodStart", "kind") WHERE "supersededAt" IS NULL;
