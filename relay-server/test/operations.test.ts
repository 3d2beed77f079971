import { describe, expect, test } from "vitest";
import type { AutomergeUrl, DocumentId } from "@automerge/automerge-repo";
import { runCli } from "../src/cli/main.js";
import { DocumentUnloader } from "../src/sync/document-unloader.js";
import { pino } from "pino";
import Database from "better-sqlite3";
import { join } from "node:path";
import { SqliteStorageAdapter } from "../src/storage/sqlite-storage-adapter.js";
import { addStore, deviceRepo, metric, pair, startRelay } from "./support/relay-fixture.js";
import { rawSocket } from "./support/raw-peer.js";

/** Every stored chunk of these documents, read through a second connection: what is on disk, not in the relay's memory. */
async function chunksOf(dataDir: string, ids: readonly string[]): Promise<Record<string, string>> {
  const db = new Database(join(dataDir, "documents.sqlite"), { readonly: true });
  const storage = new SqliteStorageAdapter(db);
  try {
    const out: Record<string, string> = {};
    for (const id of ids) for (const c of await storage.loadRange([id])) out[c.key.join("/")] = Buffer.from(c.data!).toString("base64");
    return out;
  } finally {
    db.close();
  }
}

describe("operations", () => {
  test("RL14 /healthz answers; /readyz proves storage takes a write and fails with a code when it cannot", async () => {
    const { relay } = await startRelay();
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${relay.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true });
    relay.readModel.close();
    const broken = await fetch(`${relay.url}/readyz`);
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ ready: false, error: { code: "STORAGE_UNAVAILABLE" } });
  });

  test("RL14 /metrics exposes connections, stores, loaded documents, frames, durable-ack latency, storage bytes, quarantine and refusals", async () => {
    const { relay } = await startRelay();
    const store = await addStore(relay, "Metrics", 1);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const { repo } = deviceRepo(relay, device);
    const doc = repo.create({ kind: "note", n: 1 });
    await expect.poll(() => relay.repo.handles[doc.documentId]?.isReady() ?? false).toBe(true);
    await expect.poll(() => metric(relay, "kasa_durable_ack_seconds_count")).toBeGreaterThan(0);
    expect((await rawSocket(relay, undefined)).code).toBe(401);

    const text = await (await fetch(`${relay.url}/metrics`)).text();
    for (const series of [
      "kasa_connections",
      "kasa_stores",
      "kasa_documents_loaded",
      "kasa_frames_in_total",
      "kasa_frames_out_total",
      "kasa_durable_ack_seconds_bucket",
      'kasa_storage_bytes{file="documents"}',
      'kasa_storage_bytes{file="relay"}',
      'kasa_storage_bytes{file="read_model"}',
      "kasa_quarantined_events",
      "kasa_rejected_connections_total",
      "kasa_documents_unloaded_total",
      "process_resident_memory_bytes",
    ]) {
      expect(text, series).toContain(series);
    }
    expect(await metric(relay, "kasa_connections")).toBe(1);
    expect(await metric(relay, "kasa_stores")).toBe(1);
    expect(await metric(relay, "kasa_documents_loaded")).toBeGreaterThanOrEqual(3);
    expect(await metric(relay, "kasa_frames_in_total")).toBeGreaterThan(0);
    expect(await metric(relay, "kasa_frames_out_total")).toBeGreaterThan(0);
    expect(await metric(relay, "kasa_storage_bytes", { file: "documents" })).toBeGreaterThan(0);
    expect(await metric(relay, "kasa_quarantined_events")).toBe(0);
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "TOKEN_MISSING" })).toBe(1);
  });

  test("RL15 shutdown closes devices with 4503 and flushes every document, including changes not yet saved", async () => {
    const { relay, dataDir } = await startRelay();
    const store = await addStore(relay, "Shutdown", 1);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const { repo, connection } = deviceRepo(relay, device);
    const fromDevice = repo.create({ kind: "note", n: 1 });
    await expect.poll(() => (relay.repo.handles[fromDevice.documentId]?.doc() as { n?: number } | undefined)?.n).toBe(1);
    // A change the relay makes itself, closed before automerge-repo's 100 ms save throttle fires: only close() can save it.
    const storeHandle = relay.repo.handles[store.storeDocUrl.slice("automerge:".length) as DocumentId]!;
    storeHandle.change((d) => void ((d as Record<string, unknown>)["closingNote"] = "saved by close"));
    fromDevice.change((d) => void (d.n = 2));
    await expect.poll(() => (relay.repo.handles[fromDevice.documentId]?.doc() as { n?: number } | undefined)?.n).toBe(2);
    await relay.close();
    expect(connection.lastRejection).toEqual({ code: 4503, reason: "SHUTTING_DOWN" });
    await repo.shutdown();

    const { relay: again } = await startRelay({ dataDir });
    expect(((await again.repo.find(store.storeDocUrl as AutomergeUrl)).doc() as Record<string, unknown>)["closingNote"]).toBe("saved by close");
    expect(((await again.repo.find(fromDevice.url)).doc() as { n: number }).n).toBe(2);
  });

  test("RL16 documents no peer has synced for unloadIdleDocumentsAfterMs leave memory, and a later sync loads them again", async () => {
    let t = Date.now();
    const { relay, dataDir } = await startRelay({ unloadIdleDocumentsAfterMs: 60_000, now: () => t });
    const store = await addStore(relay, "Idle", 1);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const first = deviceRepo(relay, device, "a");
    const docs = [first.repo.create({ kind: "note", n: 1 }), first.repo.create({ kind: "note", n: 2 })];
    for (const d of docs) await expect.poll(() => relay.repo.handles[d.documentId]?.isReady() ?? false).toBe(true);
    // Documents a connected peer syncs stay however long they wait; the store's own documents nobody opened go.
    const storeDocs = Object.keys(relay.repo.handles).length - docs.length;
    await relay.unloadIdleDocuments();
    t += 120_000;
    expect(await relay.unloadIdleDocuments()).toBe(storeDocs);
    expect(Object.keys(relay.repo.handles).sort()).toEqual(docs.map((d) => d.documentId).sort());

    await first.repo.shutdown();
    await expect.poll(() => relay.repo.peers.length).toBe(0);
    const loaded = Object.keys(relay.repo.handles).length;
    const onDisk = await chunksOf(dataDir, docs.map((d) => d.documentId));
    expect(await relay.unloadIdleDocuments()).toBe(0); // first sight of idleness starts the clock
    t += 59_999;
    expect(await relay.unloadIdleDocuments()).toBe(0);
    t += 1;
    expect(await relay.unloadIdleDocuments()).toBe(loaded);
    expect(Object.keys(relay.repo.handles)).toHaveLength(0);
    expect(await metric(relay, "kasa_documents_loaded")).toBe(0);
    expect(await metric(relay, "kasa_documents_unloaded_total")).toBe(storeDocs + loaded);
    // Past automerge-repo's 100 ms save throttle: unloading must not have rewritten anything on disk.
    await new Promise((r) => setTimeout(r, 300));
    expect(await chunksOf(dataDir, docs.map((d) => d.documentId))).toEqual(onDisk);

    const second = deviceRepo(relay, device, "b");
    const again = await second.repo.find<{ n: number }>(docs[1]!.url);
    expect(again.doc().n).toBe(2);
    again.change((d) => void (d.n = 3));
    await expect.poll(() => (relay.repo.handles[docs[1]!.documentId]?.doc() as { n?: number } | undefined)?.n).toBe(3);
    await expect.poll(() => metric(relay, "kasa_documents_loaded")).toBe(1);
  });

  test("RL16 a document whose flush is running is never unloaded", async () => {
    let t = 0;
    const handle = { isReady: () => true };
    const repo = { handles: { doc1: { ...handle, removeAllListeners: () => undefined } }, peers: [], synchronizer: { docSynchronizers: {} }, removeFromCache: async () => void removed.push("doc1") };
    const removed: string[] = [];
    let busy = true;
    const unloader = new DocumentUnloader(repo as never, 1_000, { isBusy: () => busy, onUnloaded: () => undefined }, () => t, pino({ level: "silent" }));
    for (let i = 0; i < 5; i++) {
      t += 10_000;
      await unloader.sweep();
    }
    expect(removed).toEqual([]);
    busy = false;
    await unloader.sweep();
    t += 1_000;
    await unloader.sweep();
    expect(removed).toEqual(["doc1"]);
  });

  test("RL5 RL20 revoke-device from the CLI disconnects a device connected to the running relay within the poll interval", async () => {
    const { relay, dataDir } = await startRelay({ revocationPollMs: 100 });
    const store = await addStore(relay, "Revoke", 1);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const { repo, connection } = deviceRepo(relay, device);
    await repo.find(store.storeDocUrl as AutomergeUrl);
    const lines: string[] = [];
    expect(await runCli(["--data-dir", dataDir, "revoke-device", device.deviceId], {}, (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    const at = performance.now();
    await expect.poll(() => connection.lastRejection, { timeout: 3_000 }).toEqual({ code: 4403, reason: "DEVICE_REVOKED" });
    expect(connection.state).toBe("refused");
    console.log(`RL20 CLI revocation took effect on the running relay in ${Math.round(performance.now() - at)} ms (poll every 100 ms)`);
  });
});
