import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { freePort, startRelayProcess, type RelayProcess } from "./relay-process.js";
import { launchChromium } from "./browser.js";
import { demoPairingCode } from "./demo-pairing.js";

// The setup most register e2e files share: a relay process on its own temp data folder, Chromium,
// one browser context and page, and (unless told not to) the page paired as a demo register with
// the till showing and sync connected.

export interface RegisterPageOptions {
  /** Names the temp folder (`kasa-e2e-<name>-…`), so a leftover one says which file made it. */
  readonly name?: string;
  /** Default 1024×768: the register's smallest supported tablet. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Left to Chromium's default when not given. */
  readonly locale?: string;
  /** Which demo register the page pairs as; default 1. */
  readonly registerNumber?: number;
  /** Runs in every page of the context before the page's own scripts. */
  readonly initScript?: () => void;
  /** false: the page is left blank, for files whose first test is the pairing itself. Default true. */
  readonly pair?: boolean;
}

export interface RegisterPageEnv {
  readonly root: string;
  /** The relay's data folder: a relay restarted on it finds the store again. */
  readonly dataDir: string;
  readonly port: number;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** The first page of the context (paired unless `pair: false`). */
  readonly page: Page;
  /** `path` on the relay, which serves the built apps too. */
  url(path: string): string;
  /** The running relay; throws while it is stopped. */
  readonly relay: RelayProcess;
  /** Stops the relay (the register goes offline); a no-op when it is already stopped. */
  stopRelay(): Promise<void>;
  /** Starts a relay again on the same port and data folder. */
  startRelay(): Promise<RelayProcess>;
  /** Closes Chromium, stops the relay and removes the temp folder. */
  close(): Promise<void>;
}

export async function openRegisterPage(o: RegisterPageOptions = {}): Promise<RegisterPageEnv> {
  const root = await mkdtemp(join(tmpdir(), o.name ? `kasa-e2e-${o.name}-` : "kasa-e2e-"));
  const dataDir = join(root, "relay");
  let relay: RelayProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await relay?.stop();
    await rm(root, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    relay = await startRelayProcess({ dataDir, port });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: o.viewport ?? { width: 1024, height: 768 }, ...(o.locale ? { locale: o.locale } : {}) });
    if (o.initScript) await context.addInitScript(o.initScript);
    const page = await context.newPage();
    const url = (path: string) => `http://127.0.0.1:${port}${path}`;
    if (o.pair !== false) {
      const code = await demoPairingCode(relay.url, o.registerNumber ?? 1);
      await page.goto(url(`/register/#pair=${code}`));
      await page.getByTestId("till").waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
    }
    return {
      root,
      dataDir,
      port,
      browser,
      context,
      page,
      url,
      get relay() {
        if (!relay) throw new Error("the relay is stopped");
        return relay;
      },
      async stopRelay() {
        await relay?.stop();
        relay = undefined;
      },
      async startRelay() {
        relay = await startRelayProcess({ dataDir, port });
        return relay;
      },
      close,
    };
  } catch (e) {
    // A half-made setup is torn down here: the caller never gets an env to close.
    await close();
    throw e;
  }
}
