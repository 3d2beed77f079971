import { chromium, type Browser } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where e2e tests leave screenshots for people to look at (CI keeps them as artefacts). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));

/** Debian's Chromium (installed by .ci/run); Playwright's own browser download can't work here. */
export const CHROMIUM_PATH = process.env.KASA_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Headless Chromium as this machine allows it: no sandbox (root), and none of Chromium's own
 * background traffic, which the closed network refuses noisily.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "apt-get install chromium" (.ci/run does)`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export function screenshotPath(name: string): string {
  return `${SCREENSHOT_DIR}${name}.png`;
}
