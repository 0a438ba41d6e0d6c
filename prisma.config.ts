import { defineConfig } from "prisma/config";

// `prisma generate` needs no database; migrations are applied by lib/db/migrate.ts
// (Prisma's migrate engine cannot be downloaded on offline machines).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/gridshift" },
});
