import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import * as A from "@automerge/automerge";
import { Repo, type AutomergeUrl } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import { freePort } from "../support/relay-process.js";
import { profileEnv } from "./profile-env.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * P4 side by side: the same registers' journals (copies of their NodeFS folders taken while they
 * were offline) synced to the stock automerge-repo server (stock-relay.ts) by plain Repos with the
 * stock websocket client adapter. Timed like Kasa's catch-up: from the server process's spawn
 * until every journal's heads are flushed to the server's disk. The clients load their journals
 * before the server starts and connect the moment it listens (a 100 ms retry would be no slower),
 * so nothing on the client side is counted against the stock setup.
 */
export async function stockCatchUp(root: string, registers: readonly { dir: string; journalUrls: readonly string[] }[]): Promise<{ bootMs: number; durableMs: number; documents: number }> {
  const clients: Repo[] = [];
  const targets: { docId: string; heads: string[] }[] = [];
  for (const r of registers) {
    const repo = new Repo({ storage: new NodeFSStorageAdapter(r.dir), network: [] });
    clients.push(repo);
    for (const url of r.journalUrls) {
      const handle = await repo.find(url as AutomergeUrl);
      targets.push({ docId: handle.documentId, heads: A.getHeads(handle.doc() as A.Doc<unknown>) });
    }
  }
  const targetsFile = join(root, "stock-targets.json");
  await writeFile(targetsFile, JSON.stringify(targets));
  const port = await freePort();

  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "test/bench/stock-relay.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...profileEnv("stock-p4"), STOCK_PORT: String(port), STOCK_DIR: join(root, "stock-relay"), STOCK_TARGETS: targetsFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const seen = (text: string) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stock relay: no "${text}" in 600 s:\n${out}`)), 600_000);
      const check = () => {
        if (out.includes(text)) {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        }
      };
      child.stdout!.on("data", check);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`stock relay exited with ${code}:\n${out}`));
      });
    });
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const listening = seen("listening");
  const durable = seen("durable");
  durable.catch(() => undefined);
  try {
    const bootMs = await listening;
    for (const repo of clients) repo.networkSubsystem.addNetworkAdapter(new WebSocketClientAdapter(`ws://127.0.0.1:${port}`, 100));
    const durableMs = await durable;
    return { bootMs, durableMs, documents: targets.length };
  } finally {
    // Clients first: the stock client adapter reconnects on its own when the server goes away.
    for (const repo of clients) await repo.shutdown().catch(() => undefined);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  }
}
