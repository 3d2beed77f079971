// Browser tests drive Debian's Chromium: Playwright's own browser download can't reach its host
// from these machines. Installs it with apt-get when missing and we are root; otherwise explains.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const path = process.env.KASA_CHROMIUM ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(`Chromium is missing at ${path}. Install it with: sudo apt-get install -y chromium`);
  process.exit(1);
}
console.log("Installing Debian's chromium for the browser tests (apt-get, about 2 minutes)…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync("apt-get update -qq", { stdio: "inherit", env });
execSync("apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core", { stdio: "inherit", env });
