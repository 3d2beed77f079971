import { describe, expect, test } from "vitest";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import { completeSale, newEventId, type BusinessDay, type ItemId, type RegisterId, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc, readStore } from "@kasa/documents";
import { backupDataDir } from "../src/ops/backup.js";
import { restoreDataDir } from "../src/ops/restore.js";
import { verifyDataDir } from "../src/ops/verify.js";
import { OpsError } from "../src/ops/ops-error.js";
import { SqliteStorageAdapter } from "../src/storage/sqlite-storage-adapter.js";
import { DEMO_STORE } from "../src/index.js";
import { addStore, deviceRepo, pair, startRelay, tempDir, type Paired } from "./support/relay-fixture.js";
import type { RelayServer } from "../src/index.js";

const RECEIPTS = 12;

/** Every chunk of every stored document, keyed by storage key: the bytes a backup must bring back. */
async function storedChunks(dataDir: string): Promise<Map<string, string>> {
  const db = new Database(join(dataDir, "documents.sqlite"), { readonly: true });
  const storage = new SqliteStorageAdapter(db);
  try {
    const out = new Map<string, string>();
    for (const id of storage.documentIds()) for (const c of await storage.loadRange([id])) out.set(c.key.join("/"), Buffer.from(c.data!).toString("hex"));
    return out;
  } finally {
    db.close();
  }
}

async function sellSome(relay: RelayServer, device: Paired, count: number): Promise<Repo> {
  const { repo } = deviceRepo(relay, device);
  const store = readStore((await repo.find(device.storeDocUrl as AutomergeUrl)).doc());
  const item = Object.values(store.catalog.items)[0]!;
  const journal = repo.create(initialJournalDoc(store.storeId, device.registerId as RegisterId, "2026-11-29" as BusinessDay));
  for (let n = 0; n < count; n++) {
    const sale = completeSale(
      {
        catalog: store.catalog,
        currency: store.settings.currency,
        storeId: store.storeId as StoreId,
        registerId: device.registerId as RegisterId,
        registerNumber: 1,
        sequence: 1000 + n,
        eventId: newEventId({ now: () => Date.now(), randomBytes: (k) => crypto.getRandomValues(new Uint8Array(k)) }),
        now: Date.now(),
      },
      { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 * (n + 1) }], payments: [{ type: "card", amount: item.price * (n + 1) }] },
    );
    if (!sale.ok) throw new Error(sale.error.message);
    journal.change((d) => void appendEvent(d, sale.value));
  }
  return repo;
}

describe("backup and restore", () => {
  test("RL18 online backup → wipe → restore: every receipt back, every document byte-for-byte, the device's token still works", async () => {
    const { relay, dataDir } = await startRelay();
    const store = await addStore(relay, "Backed up", 1, DEMO_STORE.catalog);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const repo = await sellSome(relay, device, RECEIPTS);
    await expect.poll(() => relay.readModel.receipts(store.storeId, { limit: 100 }).length, { timeout: 10_000 }).toBe(RECEIPTS);
    const receiptsBefore = relay.readModel.receipts(store.storeId, { limit: 100 });
    // A read model that lags its documents (a projection not yet run when the copy was taken) must not lose a receipt.
    relay.readModel.db.prepare("DELETE FROM receipts WHERE event_id = ?").run(receiptsBefore[0]!.eventId);

    const out = join(await tempDir("kasa-backup-"), "relay-backup.tar");
    const started = performance.now();
    const manifest = backupDataDir(dataDir, out); // while the relay runs and the device is connected
    const backupMs = Math.round(performance.now() - started);
    expect(manifest.files.map((f) => f.name)).toEqual(["read-model.sqlite", "documents.sqlite", "online.sqlite", "relay.sqlite"]);
    expect(() => backupDataDir(dataDir, out)).toThrowError(expect.objectContaining({ code: "BACKUP_EXISTS" }));
    const before = await storedChunks(dataDir);
    await repo.shutdown();
    await relay.close();

    rmSync(dataDir, { recursive: true, force: true });
    const report = await restoreDataDir(out, dataDir);
    expect(report).toMatchObject({ receipts: RECEIPTS, receiptsAdded: 1 });
    expect(await storedChunks(dataDir)).toEqual(before);
    await expect(restoreDataDir(out, dataDir)).rejects.toMatchObject({ code: "DATA_DIR_NOT_EMPTY" });

    const { relay: restored } = await startRelay({ dataDir });
    const after = restored.readModel.receipts(store.storeId, { limit: 100 });
    expect(after.map((r) => [r.eventId, r.number, r.total])).toEqual(receiptsBefore.map((r) => [r.eventId, r.number, r.total]));
    const again = await sellSome(restored, device, 1);
    await expect.poll(() => restored.readModel.receipts(store.storeId, { limit: 100 }).length).toBe(RECEIPTS + 1);
    await again.shutdown();
    console.log(`RL18 backup of ${before.size} chunks (${manifest.files.reduce((n, f) => n + f.bytes, 0)} bytes) in ${backupMs} ms; restore brought back ${report.receipts} receipts (${report.receiptsAdded} re-projected), chunks byte-for-byte equal`);
  });

  test("RL18 a damaged archive is refused before anything is written", async () => {
    const { relay, dataDir } = await startRelay();
    await addStore(relay, "Damaged", 1);
    const out = join(await tempDir("kasa-backup-"), "b.tar");
    backupDataDir(dataDir, out);
    const bytes = readFileSync(out);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2048) ^ 0xff, bytes.length - 2048); // inside relay.sqlite's copy, the last file
    writeFileSync(out, bytes);
    const target = join(await tempDir(), "restored");
    await expect(restoreDataDir(out, target)).rejects.toMatchObject({ code: "BACKUP_INVALID" });
    await expect(restoreDataDir(join(target, "missing.tar"), join(target, "x"))).rejects.toBeInstanceOf(OpsError);
  });

  test("RL19 verify passes a healthy data folder and names a broken document", async () => {
    const { relay, dataDir } = await startRelay();
    const store = await addStore(relay, "Verify", 2);
    await relay.close();
    const healthy = await verifyDataDir(dataDir);
    expect(healthy).toMatchObject({ ok: true, documents: { checked: 5, broken: [] }, unowned: [] });

    const victim = store.registers[1]!.registerDocUrl.slice("automerge:".length);
    const db = new Database(join(dataDir, "documents.sqlite"));
    const row = db.prepare("SELECT key, data FROM automerge_chunks WHERE key LIKE ? LIMIT 1").get(`${victim}/%`) as { key: string; data: Buffer };
    const damaged = Buffer.from(row.data);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 3) ^ 0xff, damaged.length - 3);
    db.prepare("UPDATE automerge_chunks SET data = ? WHERE key = ?").run(damaged, row.key);
    db.close();
    const report = await verifyDataDir(dataDir);
    expect(report.ok).toBe(false);
    expect(report.files.every((f) => f.ok)).toBe(true);
    expect(report.documents.broken.map((b) => b.documentId)).toEqual([victim]);
  });
});
