-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'member', 'viewer');
CREATE TYPE "ServerKind" AS ENUM ('ssh', 'local');
CREATE TYPE "AuthMethod" AS ENUM ('none', 'key', 'password');
CREATE TYPE "TaskStatus" AS ENUM ('queued', 'planned', 'running', 'paused', 'succeeded', 'failed', 'cancelled');
CREATE TYPE "CarbonPolicy" AS ENUM ('greenest', 'threshold', 'run_now');
CREATE TYPE "RunStatus" AS ENUM ('starting', 'running', 'paused', 'succeeded', 'failed', 'timed_out', 'cancelled', 'lost');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "email" TEXT,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SignInFailure" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Server" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ServerKind" NOT NULL,
    "host" TEXT,
    "port" INTEGER NOT NULL DEFAULT 22,
    "username" TEXT,
    "authMethod" "AuthMethod" NOT NULL DEFAULT 'none',
    "privateKeyEnc" TEXT,
    "passphraseEnc" TEXT,
    "passwordEnc" TEXT,
    "hostKeyFingerprint" TEXT,
    "hostKeyMismatch" TEXT,
    "hostKeyMismatchAt" TIMESTAMP(3),
    "gridZone" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cpuTdpWatts" DOUBLE PRECISION NOT NULL,
    "vcpusTotal" INTEGER NOT NULL,
    "vcpusAvailable" INTEGER NOT NULL,
    "memoryGb" DOUBLE PRECISION NOT NULL,
    "embodiedGco2e" DOUBLE PRECISION NOT NULL,
    "lifespanYears" DOUBLE PRECISION NOT NULL,
    "maxConcurrentTasks" INTEGER NOT NULL DEFAULT 1,
    "lastConnectionError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Server_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "workingDirectory" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "expectedDurationMinutes" INTEGER NOT NULL,
    "deadline" TIMESTAMP(3),
    "carbonPolicy" "CarbonPolicy" NOT NULL DEFAULT 'greenest',
    "carbonThresholdGPerKwh" DOUBLE PRECISION,
    "carbonIndexBand" TEXT,
    "timeoutMinutes" INTEGER,
    "maxRetries" INTEGER NOT NULL DEFAULT 0,
    "interruptible" BOOLEAN NOT NULL DEFAULT false,
    "eligibleServerTags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "functionalUnit" TEXT,
    "functionalUnitCount" DOUBLE PRECISION,
    "status" "TaskStatus" NOT NULL DEFAULT 'queued',
    "plannedStart" TIMESTAMP(3),
    "plannedServerId" TEXT,
    "planReason" TEXT,
    "plannedCarbonG" DOUBLE PRECISION,
    "counterfactualCarbonG" DOUBLE PRECISION,
    "plannedAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'starting',
    "plannedStart" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "exitCode" INTEGER,
    "errorMessage" TEXT,
    "remoteDir" TEXT,
    "processGroupId" INTEGER,
    "pausedSeconds" INTEGER NOT NULL DEFAULT 0,
    "logBytes" INTEGER NOT NULL DEFAULT 0,
    "logTruncated" BOOLEAN NOT NULL DEFAULT false,
    "energyMethod" TEXT,
    "cpuEnergyKwh" DOUBLE PRECISION,
    "memoryEnergyKwh" DOUBLE PRECISION,
    "networkEnergyKwh" DOUBLE PRECISION,
    "energyKwh" DOUBLE PRECISION,
    "operationalCarbonG" DOUBLE PRECISION,
    "embodiedCarbonG" DOUBLE PRECISION,
    "carbonG" DOUBLE PRECISION,
    "intensityBasis" TEXT,
    "functionalUnit" TEXT,
    "functionalUnitCount" DOUBLE PRECISION,
    "sciG" DOUBLE PRECISION,
    "counterfactualCarbonG" DOUBLE PRECISION,
    "savedCarbonG" DOUBLE PRECISION,
    "accountedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RunLogChunk" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "offset" BIGINT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunLogChunk_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RunSample" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "cpuRunPercent" DOUBLE PRECISION,
    "cpuHostPercent" DOUBLE PRECISION,
    "memoryRunMb" DOUBLE PRECISION,
    "memoryHostMb" DOUBLE PRECISION,
    "raplEnergyUj" DOUBLE PRECISION,
    "gpuPowerWatts" DOUBLE PRECISION,
    CONSTRAINT "RunSample_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RunPiece" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "RunPiece_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "Membership_userId_organisationId_key" ON "Membership"("userId", "organisationId");
CREATE INDEX "Membership_organisationId_idx" ON "Membership"("organisationId");
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");
CREATE INDEX "Invitation_organisationId_idx" ON "Invitation"("organisationId");
CREATE INDEX "SignInFailure_key_createdAt_idx" ON "SignInFailure"("key", "createdAt");
CREATE UNIQUE INDEX "Server_organisationId_name_key" ON "Server"("organisationId", "name");
CREATE INDEX "Server_organisationId_idx" ON "Server"("organisationId");
CREATE INDEX "Task_organisationId_idx" ON "Task"("organisationId");
CREATE INDEX "Task_serverId_position_idx" ON "Task"("serverId", "position");
CREATE INDEX "Task_status_idx" ON "Task"("status");
CREATE UNIQUE INDEX "Run_taskId_attempt_key" ON "Run"("taskId", "attempt");
CREATE INDEX "Run_organisationId_idx" ON "Run"("organisationId");
CREATE INDEX "Run_status_idx" ON "Run"("status");
CREATE UNIQUE INDEX "RunLogChunk_runId_offset_key" ON "RunLogChunk"("runId", "offset");
CREATE UNIQUE INDEX "RunSample_runId_at_key" ON "RunSample"("runId", "at");
CREATE INDEX "RunPiece_runId_idx" ON "RunPiece"("runId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Server" ADD CONSTRAINT "Server_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Task" ADD CONSTRAINT "Task_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Task" ADD CONSTRAINT "Task_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Task" ADD CONSTRAINT "Task_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Run" ADD CONSTRAINT "Run_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Run" ADD CONSTRAINT "Run_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Run" ADD CONSTRAINT "Run_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RunLogChunk" ADD CONSTRAINT "RunLogChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RunSample" ADD CONSTRAINT "RunSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RunPiece" ADD CONSTRAINT "RunPiece_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
