import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";

export type UserDto = { id: string; email: string; name: string };

export async function findUserByEmail(email: string): Promise<UserDto | null> {
  return db().user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, name: true } });
}

/** Only the sign-in path reads a password hash. */
export async function findUserCredentials(email: string) {
  return db().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
}

export async function getUser(userId: string): Promise<UserDto | null> {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
}

export async function createUserRecord(input: { email: string; name: string; password?: string }) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return { email: input.email.toLowerCase(), name: input.name, passwordHash };
}
