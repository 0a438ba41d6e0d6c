// Failed sign-ins, stored in PostgreSQL so the limit holds across processes and restarts.
import { db } from "@/lib/db/client";

export const SIGN_IN_LIMITS = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkSignInAllowed(email: string, ip: string | null, now = new Date()): Promise<LimitVerdict> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const checks: [string, number][] = [[accountKey(email), SIGN_IN_LIMITS.perAccount]];
  if (ip) checks.push([ipKey(ip), SIGN_IN_LIMITS.perIp]);
  for (const [key, limit] of checks) {
    const recent = await db().signInFailure.findMany({
      where: { key, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    if (recent.length >= limit) {
      const oldest = recent[recent.length - limit].createdAt;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000 - now.getTime()) / 1000));
      return { allowed: false, retryAfterSeconds };
    }
  }
  return { allowed: true };
}

export async function recordSignInFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  const rows = [{ key: accountKey(email), createdAt: now }];
  if (ip) rows.push({ key: ipKey(ip), createdAt: now });
  await db().signInFailure.createMany({ data: rows });
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function clearAccountFailures(email: string): Promise<void> {
  await db().signInFailure.deleteMany({ where: { key: accountKey(email) } });
}
