-- AlterTable
ALTER TABLE "Task" ADD COLUMN "plannedPieces" JSONB;
ALTER TABLE "RunSample" ADD COLUMN "raplPowerWatts" DOUBLE PRECISION;

-- The worker looks up active runs on every tick.
CREATE INDEX "Run_status_active_idx" ON "Run"("status") WHERE "status" IN ('starting', 'running', 'paused');
