import { spawn, type ChildProcess } from "node:child_process";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { CHROMIUM_PATH } from "../support/browser.js";

/**
 * A Chromium browser process this test started itself (so it knows its pid and can SIGKILL it),
 * on a given profile folder, driven over CDP. Playwright's own launchers keep the process to
 * themselves and close it politely; a persistent profile killed with SIGKILL is what R2's browser
 * part needs. The process is the leader of its own process group, so the renderers and helpers
 * it leaves behind after a SIGKILL can be swept by group id.
 */
export class ChromiumProcess {
  #exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly browser: Browser,
    readonly output: () => string,
  ) {
    this.#exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
  }

  static async launch(profileDir: string): Promise<ChromiumProcess> {
    const child = spawn(
      CHROMIUM_PATH,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        // The register's layout is for a till screen; 800×600 (the default) overlaps its top bar.
        "--window-size=1024,768",
        "--remote-debugging-port=0",
        `--user-data-dir=${profileDir}`,
        "about:blank",
      ],
      { detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    child.stderr!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools endpoint in 30 s:\n${out}`)), 30_000);
      const check = () => {
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stderr!.on("data", check);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code ?? signal}) before listening:\n${out}`));
      });
    });
    const browser = await chromium.connectOverCDP(endpoint);
    return new ChromiumProcess(child, browser, () => out);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The profile's own context (the one that persists to the profile folder). */
  get context(): BrowserContext {
    const c = this.browser.contexts()[0];
    if (!c) throw new Error("Chromium has no default context");
    return c;
  }

  /** SIGKILL to the browser process only; then, once it is gone, the rest of its group. */
  async kill9(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.#exited;
    this.#sweepGroup();
  }

  /** A clean shutdown (Browser.close over CDP): the profile is flushed as on a normal quit. */
  async close(): Promise<void> {
    // Browser.close, not browser.close(): for a browser connected over CDP, Playwright only disconnects.
    await this.browser
      .newBrowserCDPSession()
      .then((cdp) => cdp.send("Browser.close"))
      .catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await this.#exited;
    clearTimeout(timer);
    this.#sweepGroup();
  }

  #sweepGroup(): void {
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      // Nothing left in the group.
    }
  }
}
