// The system programs the suites drive for real: Chromium (Playwright) and OpenSSH's sshd.
// Installed with apt when we are root; otherwise one clear line says what to install.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string | undefined {
  const configured = process.env.GRIDSHIFT_CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

type Dependency = { name: string; present: () => boolean; aptPackage: string };

const DEPENDENCIES: Dependency[] = [
  { name: "Chromium", present: () => chromiumPath() !== undefined, aptPackage: "chromium" },
  { name: "OpenSSH server", present: () => existsSync("/usr/sbin/sshd"), aptPackage: "openssh-server" },
];

export function ensureSystemDependencies(log: (line: string) => void): void {
  const missing = DEPENDENCIES.filter((d) => !d.present());
  if (missing.length === 0) return;
  const packages = missing.map((d) => d.aptPackage);
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canApt) {
    throw new Error(`Missing ${missing.map((d) => d.name).join(" and ")}: install them with \`sudo apt-get install -y ${packages.join(" ")}\` (or set GRIDSHIFT_CHROMIUM_PATH)`);
  }
  log(`installing ${packages.join(", ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { stdio: "inherit", env });
  if (update.status !== 0 || install.status !== 0 || DEPENDENCIES.some((d) => !d.present())) {
    throw new Error(`Could not install ${packages.join(" ")} with apt-get; install them by hand`);
  }
}
