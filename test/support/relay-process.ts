import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A free TCP port on loopback: a relay restarted on it is found again by registers that knew it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RelayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  /** SIGKILL: no flush, no goodbye — what a power cut or an OOM kill does. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real relay (relay-server/src/main.ts) as its own process and waits until it listens. */
export async function startRelayProcess(o: { dataDir: string; port: number; demo?: boolean; env?: Record<string, string> }): Promise<RelayProcess> {
  // `node --import tsx`, not the tsx binary: tsx's CLI runs the script in a child process, and a
  // SIGKILL to the CLI would leave the real relay running.
  const child = spawn(process.execPath, ["--import", "tsx", "relay-server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      KASA_PORT: String(o.port),
      KASA_DATA_DIR: o.dataDir,
      KASA_DEMO: o.demo === false ? "0" : "1",
      KASA_LOG_LEVEL: "warn",
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes("Kasa is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${o.port}`,
    child,
    output: () => out,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
