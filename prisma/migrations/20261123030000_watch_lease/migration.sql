-- AlterTable
ALTER TABLE "Run" ADD COLUMN "watcherId" TEXT,
ADD COLUMN "watchedAt" TIMESTAMP(3);
