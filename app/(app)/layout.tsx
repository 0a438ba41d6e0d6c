import type { ReactNode } from "react";
import { AppHeader } from "@/app/_components/app-header";
import { requireOrgPage } from "@/lib/web/require-org";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  await requireOrgPage();
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader />
      <main className="flex-1">{children}</main>
    </div>
  );
}
