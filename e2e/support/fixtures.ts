// Per-test tenants seeded through the real lib code, and a signed-in page for each.
import { test as base, expect, type Page } from "@playwright/test";
import { seedServer, seedTask, seedTenant } from "../../lib/testing/factories";

export type Tenant = Awaited<ReturnType<typeof seedTenant>>;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(\?.*)?$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export const test = base.extend<{ tenant: Tenant; signedIn: Page }>({
  tenant: async ({}, use) => {
    await use(await seedTenant("e2e"));
  },
  signedIn: async ({ page, tenant }, use) => {
    await signIn(page, tenant.email, tenant.password);
    await use(page);
  },
});

export { expect, seedServer, seedTask, seedTenant };
