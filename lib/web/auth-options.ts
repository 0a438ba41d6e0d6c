// next-auth configuration: e-mail + password always; GitHub and Google when configured.
// Sessions are JWTs carrying the user id; organisation membership is checked per request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { verifyPassword } from "@/lib/auth/password";
import { checkSignInAllowed, clearAccountFailures, recordSignInFailure } from "@/lib/auth/sign-in-limiter";
import { findUserByEmail, findUserCredentials } from "@/lib/data/users";
import { registerUserWithOrganisation } from "@/lib/data/organisations";
import { ZEmail } from "@/lib/validation/auth";

// A hash of a random password, so unknown e-mails take as long as wrong passwords.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1w3b4S1cdN3oJmN1S2x2X8T3H7dHn3fQxq3Yb0mK0Ck";

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : null);
}

export const RATE_LIMITED_ERROR = "RateLimited";

function oauthProviders() {
  const providers = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsedEmail = ZEmail.safeParse(credentials?.email ?? "");
        const password = credentials?.password ?? "";
        if (!parsedEmail.success || !password) return null;
        const email = parsedEmail.data;
        const ip = clientIp(req?.headers as Record<string, unknown> | undefined);
        const verdict = await checkSignInAllowed(email, ip);
        if (!verdict.allowed) throw new Error(RATE_LIMITED_ERROR);
        const user = await findUserCredentials(email);
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
        if (!user || !user.passwordHash || !ok) {
          await recordSignInFailure(email, ip);
          return null;
        }
        await clearAccountFailures(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.provider === "credentials") return true;
      // OAuth: the verified e-mail is the account; a first sign-in creates user and organisation.
      if (!user.email) return false;
      const email = user.email.toLowerCase();
      if (!(await findUserByEmail(email))) {
        const name = user.name ?? email.split("@")[0];
        await registerUserWithOrganisation({ email, name, organisationName: `${name}'s organisation` });
      }
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const record = account.provider === "credentials" ? { id: user.id } : await findUserByEmail(user.email!.toLowerCase());
        if (record) token.uid = record.id;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
};
