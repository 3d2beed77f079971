import { afterEach } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import WebSocket from "ws";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { RelayClientAdapter, type WebSocketConstructor } from "@kasa/sync";
import type { Catalog } from "@kasa/domain";
import { createRelayServer, createStore, DEMO_STORE, type RelayOptions, type RelayServer } from "../../src/index.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** Runs after the current test, last registered first. */
export function cleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

export async function tempDir(prefix = "kasa-relay-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A relay on port 0 over a fresh data folder, silent, closed after the test. */
export async function startRelay(options: RelayOptions = {}): Promise<{ relay: RelayServer; dataDir: string }> {
  const dataDir = options.dataDir ?? (await tempDir());
  const relay = await createRelayServer({ port: 0, logger: pino({ level: "silent" }), ...options, dataDir });
  cleanup(() => relay.close());
  return { relay, dataDir };
}

export interface TestStore {
  readonly storeId: string;
  readonly storeDocUrl: string;
  readonly registers: readonly { readonly registerId: string; readonly number: number; readonly registerDocUrl: string }[];
}

const EMPTY_CATALOG: Catalog = { items: {}, taxes: {}, categories: {} };

/** A store made the way `create-store` makes one, straight into the relay's repo. */
export async function addStore(relay: RelayServer, name: string, registers = 2, catalog: Catalog = EMPTY_CATALOG): Promise<TestStore> {
  const ids = { now: Date.now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };
  const { storeId, registers: rows } = await createStore(relay.repo, relay.directory, ids, {
    settings: { ...DEMO_STORE.settings, name },
    catalog,
    registers: Array.from({ length: registers }, (_, i) => ({ number: i + 1, name: `Register ${i + 1}` })),
  });
  return { storeId, storeDocUrl: relay.directory.store(storeId)!.storeDocUrl, registers: rows };
}

export interface Paired {
  readonly deviceId: string;
  readonly registerId: string;
  readonly storeId: string;
  readonly token: string;
  readonly storeDocUrl: string;
  readonly registerDocUrl: string;
}

/** Pairs a device to a register through the public API, as the register app does. */
export async function pair(relay: RelayServer, storeId: string, registerId: string): Promise<Paired> {
  const { code } = relay.directory.newPairingCode(storeId, registerId, Date.now());
  const res = await fetch(`${relay.url}/api/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
  if (res.status !== 200) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Paired;
}

export const wsUrl = (relay: RelayServer) => relay.url.replace("http", "ws") + "/sync";

/** A Repo connected as the paired device, through the register's own adapter; shut down after the test. */
export function deviceRepo(relay: RelayServer, device: Paired, name = "till"): { repo: Repo; connection: RelayClientAdapter } {
  const connection = new RelayClientAdapter({ url: wsUrl(relay), token: device.token, WebSocket: WebSocket as unknown as WebSocketConstructor, retry: { initialMs: 50, maxMs: 200 } });
  const repo = new Repo({ network: [connection], peerId: `${device.deviceId}/${name}` as PeerId });
  cleanup(() => repo.shutdown());
  return { repo, connection };
}

/** The value of one Prometheus series (first sample matching the labels), or undefined. */
export async function metric(relay: RelayServer, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}
