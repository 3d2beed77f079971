import { describe, expect, test } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { NOTHING_REFUNDED, completeSale, newEventId, refundSale, type BusinessDay, type EventId, type ItemId, type RegisterId, type SaleCompleted, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc, readStore } from "@kasa/documents";
import { DEMO_STORE } from "../src/index.js";
import { hashPassword } from "../src/auth/secrets.js";
import { Directory } from "../src/db/directory.js";
import { openRelayDb } from "../src/db/relay-db.js";
import { migrateOnline } from "../src/online/online-db.js";
import { backupDataDir } from "../src/ops/backup.js";
import { dataFilePath } from "../src/ops/data-files.js";
import { restoreDataDir } from "../src/ops/restore.js";
import { verifyDataDir } from "../src/ops/verify.js";
import { reprojectAll } from "../src/ops/reproject.js";
import { ReadModel } from "../src/read-model/read-model.js";
import { SqliteStorageAdapter } from "../src/storage/sqlite-storage-adapter.js";
import { addStore, deviceRepo, pair, startRelay, tempDir } from "./support/relay-fixture.js";

// RL55: the online-only state (refund approvals, online customers, point redemptions and take-backs,
// request ids, receipt cancellations) lives in online.sqlite, so deleting the read model and
// re-projecting it from the documents loses none of it.

const ids = { now: Date.now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only access to JSON answers
type Json = any;

/** The read model's projected tables, without relay-clock columns (a rebuild stamps its own). */
function snapshot(rm: ReadModel): Record<string, unknown[]> {
  const q = (sql: string) => rm.db.prepare(sql).all();
  return {
    receipts: q("SELECT event_id, doc_id, store_id, register_id, number, device_time, total, subtotal, tax, discount, shift_id, cancelled_at, body FROM receipts ORDER BY event_id"),
    lines: q("SELECT * FROM receipt_lines ORDER BY event_id, line_index"),
    payments: q("SELECT * FROM receipt_payments ORDER BY event_id, payment_index"),
    rollup: q("SELECT * FROM sales_rollup WHERE n > 0 ORDER BY store_id, g"),
    refunds: q("SELECT event_id, doc_id, store_id, sale_event_id, request_id, number, device_time, total, body FROM refunds ORDER BY event_id"),
    cancellations: q("SELECT * FROM main.receipt_cancellations ORDER BY event_id"),
    quarantine: q("SELECT event_id, code FROM quarantine ORDER BY event_id"),
  };
}

/** Every row of the online file, table by table. */
function onlineRows(rm: ReadModel): Record<string, unknown[]> {
  const tables = (rm.db.prepare("SELECT name FROM online.sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, rm.db.prepare(`SELECT * FROM online."${t}" ORDER BY 1, 2`).all()]));
}

async function until(what: string, check: () => boolean): Promise<void> {
  const end = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("online state outlives the read model (RL55)", () => {
  test("RL55 RL63 deleting read-model.sqlite and re-projecting keeps cancellations, customers, redemptions, take-backs and refund approvals in force; the rebuild equals the live model", async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.now() };
    let { relay } = await startRelay({ dataDir, now: () => clock.now });
    const store = await addStore(relay, "Rebuilt", 1, DEMO_STORE.catalog);
    const email = `owner-${randomUUID()}@example.com`;
    relay.directory.createOwner(`owner-${randomUUID()}`, email, await hashPassword("secret-pass"), [store.storeId], clock.now);
    const signIn = async () => {
      const res = await fetch(`${relay.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "secret-pass" }) });
      return res.headers.get("set-cookie")!.split(";")[0]!;
    };
    let cookie = await signIn();
    const owner = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${relay.url}/api/stores/${store.storeId}${path}`, { method, headers: { cookie, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: r.status, body: (await r.json()) as Json };
    };
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const till = async (path: string, body: unknown) => {
      const r = await fetch(`${relay.url}/api/device${path}`, { method: "POST", headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as Json };
    };

    // A customer created in the back office, three sales for her in a register journal.
    const created = await owner("POST", "/customers", { name: "Anna Nowak", email: "anna@example.com" });
    expect(created.status).toBe(201);
    const customerId = created.body.customer.customerId as string;
    const { repo } = deviceRepo(relay, device);
    const doc = readStore((await repo.find(device.storeDocUrl as AutomergeUrl)).doc());
    const journal = repo.create(initialJournalDoc(doc.storeId, device.registerId as RegisterId, "2026-11-29" as BusinessDay));
    const ctx = (sequence: number) => ({ storeId: doc.storeId as StoreId, registerId: device.registerId as RegisterId, registerNumber: 1, sequence, eventId: newEventId(ids) as EventId, now: clock.now - 60_000 + sequence });
    const sales: SaleCompleted[] = [1, 2, 3].map((n) => {
      const s = completeSale({ catalog: doc.catalog, currency: doc.settings.currency, ...ctx(n) }, { lines: [{ itemId: "cappuccino" as ItemId, quantityMilli: 2000 }], payments: [{ type: "cash", received: 100_000 }], customerId } as never);
      if (!s.ok) throw new Error(s.error.code);
      return s.value;
    });
    journal.change((d) => {
      for (const s of sales) appendEvent(d, s);
    });
    await until("3 sales projected", () => relay.readModel.counts().receipts === 3);
    const earned = sales.reduce((n, s) => n + (s.payload.receipt.pointsEarned ?? 0), 0);
    expect(earned).toBeGreaterThan(2);

    // The relay-only facts: a cancellation, a redemption, a refund approval and the take-back of its refund.
    clock.now += 1_000;
    expect((await owner("POST", `/sales/${sales[0]!.id}/cancel`, { reason: "test sale" })).status).toBe(200);
    const redeem = { requestId: "redeem-1", customerId, points: 1 };
    const redeemed = await till("/points/redeem", redeem);
    expect(redeemed.status).toBe(200);
    const approval = { requestId: "refund-1", saleEventId: sales[1]!.id, lines: [{ lineIndex: 0, quantityMilli: 2000 }] };
    const approved = await till("/refunds", approval);
    expect(approved.status).toBe(200);
    const refund = refundSale({ ...ctx(4), now: clock.now }, sales[1]!, NOTHING_REFUNDED, { requestId: "refund-1", lines: approval.lines });
    if (!refund.ok) throw new Error(refund.error.code);
    journal.change((d) => appendEvent(d, refund.value));
    await until("refund projected and its points taken back", () => (relay.readModel.db.prepare("SELECT count(*) AS n FROM point_takebacks").get() as { n: number }).n === 1);

    const facts = async () => ({
      summary: (await owner("GET", "/reports/summary?period=today")).body.current,
      customer: (await owner("GET", `/customers/${customerId}`)).body,
      cancelled: (await owner("GET", `/sales/${sales[0]!.id}`)).body.cancellation,
    });
    const liveFacts = await facts();
    expect(liveFacts.summary.receipts).toBe(2);
    expect(liveFacts.cancelled).toMatchObject({ reason: "test sale" });
    const live = snapshot(relay.readModel);
    const liveOnline = onlineRows(relay.readModel);
    const takenBack = (liveOnline.point_takebacks as { points: number }[])[0]!.points;
    expect(takenBack).toBe(sales[1]!.payload.receipt.pointsEarned);
    // RL63: the cancelled sale's points don't count.
    expect(liveFacts.customer.customer.points).toBe(earned - (sales[0]!.payload.receipt.pointsEarned ?? 0) - 1 - takenBack);
    expect(live.cancellations).toHaveLength(1);
    expect(live.refunds).toHaveLength(1);
    expect(live.quarantine).toEqual([]);
    await repo.shutdown();
    await relay.close();

    // The operator deletes the read model and re-projects it from the documents.
    const readModelFile = dataFilePath(dataDir, "read_model");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${readModelFile}${suffix}`, { force: true });
    expect(existsSync(dataFilePath(dataDir, "online"))).toBe(true);
    const storage = new SqliteStorageAdapter({ file: dataFilePath(dataDir, "documents") });
    const directory = new Directory(openRelayDb(dataFilePath(dataDir, "relay")));
    const rebuilt = new ReadModel(readModelFile, dataFilePath(dataDir, "online"));
    await reprojectAll(storage, directory, rebuilt, () => clock.now);
    expect(snapshot(rebuilt)).toEqual(live);
    expect(onlineRows(rebuilt)).toEqual(liveOnline);
    rebuilt.close();
    storage.close();
    directory.close();

    // And over HTTP on the restarted relay, every relay-only fact still holds.
    clock.now += 1_000;
    ({ relay } = await startRelay({ dataDir, now: () => clock.now }));
    cookie = await signIn();
    expect(await facts()).toEqual(liveFacts);
    const again = await owner("POST", `/sales/${sales[0]!.id}/cancel`, { reason: "again" });
    expect([again.status, again.body.error.code]).toEqual([409, "RECEIPT_ALREADY_CANCELLED"]);
    // The customer's e-mail is still taken; a retried redemption or approval is a replay, not a second
    // one; the refunded quantity stays refunded.
    const copy = await owner("POST", "/customers", { name: "Copy", email: "anna@example.com" });
    expect([copy.status, copy.body.error.code]).toEqual([409, "CUSTOMER_EMAIL_TAKEN"]);
    expect(await till("/points/redeem", redeem)).toEqual(redeemed);
    expect(await till("/refunds", approval)).toEqual(approved);
    const twice = await till("/refunds", { ...approval, requestId: "refund-2" });
    expect([twice.status, twice.body.error.code]).toEqual([409, "REFUND_OVER_SOLD"]);
    // The take-back was recorded once: settling again on the restarted relay takes nothing more.
    expect(onlineRows(relay.readModel).point_takebacks).toEqual(liveOnline.point_takebacks);
    await relay.close();
  }, 90_000);

  test("RL56 a data folder from before RL55 (online tables inside read-model.sqlite, no online.sqlite) backs up, verifies and restores with its online rows", async () => {
    const dataDir = await tempDir();
    let { relay } = await startRelay({ dataDir });
    const store = await addStore(relay, "Old layout", 1, DEMO_STORE.catalog);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const res = await fetch(`${relay.url}/api/device/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
      body: JSON.stringify({ requestId: "c-1", name: "Ola", email: "ola@example.com" }),
    });
    expect(res.status).toBe(200);
    const rows = onlineRows(relay.readModel);
    expect(rows.online_customers).toHaveLength(1);
    await relay.close();

    // Turn the folder into the old layout: the online tables back inside the read model, no online.sqlite.
    const legacy = new Database(dataFilePath(dataDir, "read_model"));
    legacy.prepare("ATTACH DATABASE ? AS online").run(dataFilePath(dataDir, "online"));
    for (const table of Object.keys(rows)) if (table !== "receipt_cancellations") legacy.exec(`CREATE TABLE main."${table}" AS SELECT * FROM online."${table}"`);
    legacy.exec("DETACH DATABASE online");
    legacy.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dataFilePath(dataDir, "online")}${suffix}`, { force: true });
    expect((await verifyDataDir(dataDir)).ok).toBe(true);

    const out = join(await tempDir("kasa-backup-"), "old.tar");
    expect(backupDataDir(dataDir, out).files.map((f) => f.name)).toEqual(["read-model.sqlite", "documents.sqlite", "relay.sqlite"]);
    const restored = join(await tempDir(), "restored");
    await restoreDataDir(out, restored);
    expect(existsSync(dataFilePath(restored, "online"))).toBe(true);
    ({ relay } = await startRelay({ dataDir: restored }));
    expect(onlineRows(relay.readModel).online_customers).toEqual(rows.online_customers);
    expect((relay.readModel.db.prepare("SELECT count(*) AS n FROM main.sqlite_master WHERE name = 'online_customers'").get() as { n: number }).n).toBe(0);
    await relay.close();
  }, 60_000);

  test("RL55 a read model from before RL55 hands its online tables and cancellations over to online.sqlite on open", async () => {
    const dir = await tempDir();
    const file = join(dir, "read-model.sqlite");
    // The old layout: online tables and cancellations inside the read model.
    const old = new ReadModel(file, join(dir, "scratch-online.sqlite"));
    old.close();
    const legacy = new Database(file);
    migrateOnline(legacy);
    legacy.exec(`CREATE TABLE IF NOT EXISTS receipt_cancellations (event_id TEXT PRIMARY KEY, store_id TEXT NOT NULL, cancelled_at INTEGER NOT NULL, cancelled_by TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '')`);
    legacy.prepare("INSERT INTO point_redemptions (store_id, request_id, customer_id, points, at) VALUES ('s', 'r1', 'c1', 5, 1)").run();
    legacy.prepare("INSERT INTO online_customers (store_id, customer_id, email, updated_at) VALUES ('s', 'c1', 'a@example.com', 1)").run();
    legacy.prepare("INSERT INTO receipt_cancellations (event_id, store_id, cancelled_at, cancelled_by, reason) VALUES ('e1', 's', 7, 'owner', 'typo')").run();
    legacy.close();

    const rm = new ReadModel(file, join(dir, "online.sqlite"));
    const mainTables = (rm.db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(mainTables).not.toContain("point_redemptions");
    expect(mainTables).not.toContain("online_customers");
    expect(mainTables).toContain("receipt_cancellations");
    expect(rm.db.prepare("SELECT customer_id, points FROM online.point_redemptions").all()).toEqual([{ customer_id: "c1", points: 5 }]);
    expect(rm.db.prepare("SELECT customer_id FROM online.online_customers").all()).toEqual([{ customer_id: "c1" }]);
    expect(rm.db.prepare("SELECT event_id, reason FROM online.receipt_cancellations").all()).toEqual([{ event_id: "e1", reason: "typo" }]);
    rm.close();
  });
});
