// The one place a tenant filter is built. Every query in lib/data goes through it, so a
// row of another organisation is indistinguishable from a missing row (404, never 403).
import { notFound } from "@/lib/errors";

export type OrgId = string & { readonly __brand?: "OrgId" };

export function scoped<W extends object>(organisationId: OrgId, where?: W): W & { organisationId: string } {
  if (!organisationId) throw new Error("scoped() called without an organisation id");
  return { ...(where ?? ({} as W)), organisationId };
}

/** For updateMany/deleteMany results: zero rows means "not yours or not there". */
export function expectOne(result: { count: number }, what: string): void {
  if (result.count === 0) throw notFound(`${what} not found`);
}
