-- AlterTable
ALTER TABLE "Run" ADD COLUMN "gpuEnergyKwh" DOUBLE PRECISION;

-- Backfill accounted runs: their total already included GPU energy, so it is what the other
-- parts leave. A remainder under 1e-12 kWh (or negative) is float noise of a CPU-only run.
UPDATE "Run"
SET "gpuEnergyKwh" = CASE
    WHEN "energyKwh" - "cpuEnergyKwh" - "memoryEnergyKwh" - "networkEnergyKwh" < 1e-12 THEN 0
    ELSE "energyKwh" - "cpuEnergyKwh" - "memoryEnergyKwh" - "networkEnergyKwh"
  END
WHERE "energyKwh" IS NOT NULL
  AND "cpuEnergyKwh" IS NOT NULL
  AND "memoryEnergyKwh" IS NOT NULL
  AND "networkEnergyKwh" IS NOT NULL;
