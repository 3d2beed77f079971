import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { completeSale, type EventId, type ItemId, type RegisterId, type SaleCompleted, type StoreId } from "@kasa/domain";
import { readStore } from "@kasa/documents";
import { DEMO_STORE, type RelayServer } from "../src/index.js";
import { hashPassword } from "../src/auth/secrets.js";
import { addStore, pair, startRelay, type TestStore } from "./support/relay-fixture.js";

// The owner API's management routes against a real relay: customers (RL41–RL43), POS devices
// (RL38–RL40) and the catalog lists besides items (RL44). Bad input gets a coded 4xx and changes nothing.

interface Ctx {
  relay: RelayServer;
  store: TestStore;
  other: TestStore;
  clock: { now: number };
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string } } }>;
}

async function setup(): Promise<Ctx> {
  const clock = { now: Date.now() };
  const { relay } = await startRelay({ now: () => clock.now });
  const store = await addStore(relay, "Managed", 2, DEMO_STORE.catalog);
  const other = await addStore(relay, "Someone else's", 1, DEMO_STORE.catalog);
  const email = `owner-${randomUUID()}@example.com`;
  relay.directory.createOwner(`owner-${randomUUID()}`, email, await hashPassword("secret-pass"), [store.storeId], clock.now);
  const res = await fetch(`${relay.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "secret-pass" }) });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const call: Ctx["call"] = async (method, path, body) => {
    const r = await fetch(`${relay.url}/api/stores/${path}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> & { error?: { code: string } } };
  };
  return { relay, store, other, clock, call };
}

const code = (r: { body: { error?: { code: string } } }) => r.body.error?.code;

async function device(relay: RelayServer, token: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${relay.url}/api/device${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { error?: { code: string } } };
}

let seq = 0;
function saleFor(store: TestStore, customerId: string, at: number): SaleCompleted {
  const id = `01890a5d-ac96-774b-bcce-${String(++seq).padStart(12, "0")}` as EventId;
  const r = completeSale(
    { catalog: DEMO_STORE.catalog, currency: "PLN", storeId: store.storeId as StoreId, registerId: store.registers[0]!.registerId as RegisterId, registerNumber: 1, sequence: 1000 + seq, eventId: id, now: at },
    { lines: [{ itemId: "cappuccino" as ItemId, quantityMilli: 2000 }], payments: [{ type: "cash", received: 100_000 }], customerId },
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const catalogOf = async (relay: RelayServer, store: TestStore) => readStore((await relay.repo.find(store.storeDocUrl as AutomergeUrl)).doc());

describe("owner API: customers", () => {
  test("RL41 RL42 create, search and edit customers; e-mail, phone and code stay unique with coded 409s", async () => {
    const { relay, store, other, call } = await setup();
    const created = await call("POST", `${store.storeId}/customers`, { name: "Anna Nowak", email: "Anna@Example.com", phone: "+48 600 100 200", code: "vip-1", note: "Oat milk" });
    expect(created.status).toBe(201);
    const anna = created.body.customer as { customerId: string; email: string; phone: string; code: string; points: number };
    expect(anna).toMatchObject({ name: "Anna Nowak", email: "anna@example.com", phone: "+48600100200", code: "VIP-1", points: 0 });
    expect((await call("POST", `${store.storeId}/customers`, { name: "Jan Kowalski", phone: "500-600-700" })).status).toBe(201);

    // A register's customer counts for uniqueness too: one list, whoever wrote it.
    const till = await pair(relay, store.storeId, store.registers[0]!.registerId);
    expect((await device(relay, till.token, "POST", "/customers", { requestId: "r-1", name: "Ewa", email: "ewa@example.com" })).status).toBe(200);

    const list = await call("GET", `${store.storeId}/customers`);
    expect((list.body.customers as { name: string }[]).map((c) => c.name)).toEqual(["Anna Nowak", "Ewa", "Jan Kowalski"]);
    expect((await call("GET", `${store.storeId}/customers?query=NOWAK`)).body.customers).toHaveLength(1);
    expect(((await call("GET", `${store.storeId}/customers?query=600 700`)).body.customers as { name: string }[]).map((c) => c.name)).toEqual(["Jan Kowalski"]);
    expect(((await call("GET", `${store.storeId}/customers?query=vip`)).body.customers as { name: string }[]).map((c) => c.name)).toEqual(["Anna Nowak"]);

    const before = JSON.stringify((await call("GET", `${store.storeId}/customers`)).body);
    const keys = () => (relay.readModel.db.prepare("SELECT count(*) AS n FROM online_customers").get() as { n: number }).n;
    const keysBefore = keys();
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "Copy", email: "ANNA@example.com" }))).toBe("CUSTOMER_EMAIL_TAKEN");
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "Copy", email: "ewa@example.com" }))).toBe("CUSTOMER_EMAIL_TAKEN");
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "Copy", phone: "+48600100200" }))).toBe("CUSTOMER_PHONE_TAKEN");
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "Copy", code: "VIP-1" }))).toBe("CUSTOMER_CODE_TAKEN");
    const taken = await call("PUT", `${store.storeId}/customers/${anna.customerId}`, { name: "Anna", email: "ewa@example.com" });
    expect([taken.status, code(taken)]).toEqual([409, "CUSTOMER_EMAIL_TAKEN"]);
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "Bad", email: "not-an-email" }))).toBe("EMAIL_INVALID");
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "Bad", phone: "call me" }))).toBe("PHONE_INVALID");
    expect(code(await call("POST", `${store.storeId}/customers`, { name: 42 }))).toBe("BAD_REQUEST");
    expect(code(await call("POST", `${store.storeId}/customers`, { name: "X", points: 1000 }))).toBe("BAD_REQUEST");
    expect(code(await call("POST", `${store.storeId}/customers`, "not json"))).toBe("BAD_REQUEST");
    expect(code(await call("GET", `${store.storeId}/customers?limit=abc`))).toBe("BAD_REQUEST");
    expect(code(await call("PUT", `${store.storeId}/customers/cus-nope`, { name: "Ghost" }))).toBe("UNKNOWN_CUSTOMER");
    // Another store: its customers can't be read or written, and its list can't be seen.
    expect((await call("GET", `${other.storeId}/customers`)).status).toBe(404);
    expect((await call("POST", `${other.storeId}/customers`, { name: "Intruder" })).status).toBe(404);
    expect(JSON.stringify((await call("GET", `${store.storeId}/customers`)).body)).toBe(before);
    expect(keys()).toBe(keysBefore);

    const edited = await call("PUT", `${store.storeId}/customers/${anna.customerId}`, { name: "Anna Nowak-Lis", email: "anna@example.com", phone: "+48600100200", code: "VIP-1" });
    expect(edited.status).toBe(200);
    expect(edited.body.customer).toMatchObject({ customerId: anna.customerId, name: "Anna Nowak-Lis" });
    // The same request id with the same body applies once.
    const again = { requestId: "form-7", name: "Olek" };
    const first = await call("POST", `${store.storeId}/customers`, again);
    const second = await call("POST", `${store.storeId}/customers`, again);
    expect((second.body.customer as { customerId: string }).customerId).toBe((first.body.customer as { customerId: string }).customerId);
    expect((await call("GET", `${store.storeId}/customers`)).body.total).toBe(4);
  }, 30_000);

  test("RL43 a customer's points balance is earned minus redeemed minus taken back, with its history newest first", async () => {
    const { relay, store, other, call, clock } = await setup();
    const anna = (await call("POST", `${store.storeId}/customers`, { name: "Anna" })).body.customer as { customerId: string };
    const first = saleFor(store, anna.customerId, clock.now - 60_000);
    const second = saleFor(store, anna.customerId, clock.now - 30_000);
    relay.readModel.addReceipts("doc-x", [first, second], clock.now);
    const earned = (first.payload.receipt.pointsEarned ?? 0) + (second.payload.receipt.pointsEarned ?? 0);
    expect(earned).toBeGreaterThan(1);
    const till = await pair(relay, store.storeId, store.registers[0]!.registerId);
    expect((await device(relay, till.token, "POST", "/points/redeem", { requestId: "redeem-1", customerId: anna.customerId, points: 1 })).status).toBe(200);

    // A refund's take-back (RL50), as the relay records it when the refund is projected.
    clock.now += 1_000;
    relay.readModel.db
      .prepare("INSERT INTO point_takebacks (store_id, refund_event_id, sale_event_id, customer_id, owed, points, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(store.storeId, "refund-1", first.id, anna.customerId, 1, 1, clock.now);

    const detail = await call("GET", `${store.storeId}/customers/${anna.customerId}`);
    expect(detail.status).toBe(200);
    expect((detail.body.customer as { points: number }).points).toBe(earned - 2);
    const history = detail.body.history as { kind: string; points: number; receiptNumber?: string }[];
    expect(history.map((h) => h.kind)).toEqual(["taken-back", "redeemed", "earned", "earned"]);
    expect(history.reduce((n, h) => n + h.points, 0)).toBe(earned - 2);
    expect(history[2]!.receiptNumber).toBe(second.payload.receipt.number);
    expect(((await call("GET", `${store.storeId}/customers`)).body.customers as { points: number }[])[0]!.points).toBe(earned - 2);
    expect(code(await call("GET", `${store.storeId}/customers/cus-unknown`))).toBe("UNKNOWN_CUSTOMER");
    expect((await call("GET", `${other.storeId}/customers/${anna.customerId}`)).status).toBe(404);
  }, 30_000);
});

describe("owner API: POS devices", () => {
  test("RL38 a device reports unsynced events and its clock; the devices list shows them with online state", async () => {
    const { relay, store, call, clock } = await setup();
    const till = await pair(relay, store.storeId, store.registers[0]!.registerId);
    expect((await device(relay, "x".repeat(40), "POST", "/status", { unsyncedEvents: 1, deviceTime: clock.now })).status).toBe(401);
    expect(code(await device(relay, till.token, "POST", "/status", { unsyncedEvents: -1, deviceTime: clock.now }))).toBe("BAD_REQUEST");
    expect(code(await device(relay, till.token, "POST", "/status", { unsyncedEvents: "3", deviceTime: clock.now }))).toBe("BAD_REQUEST");
    expect(code(await device(relay, till.token, "POST", "/status", { unsyncedEvents: 3, deviceTime: 12 }))).toBe("BAD_REQUEST");
    expect(code(await device(relay, till.token, "POST", "/status", { unsyncedEvents: 3, deviceTime: clock.now, extra: 1 }))).toBe("BAD_REQUEST");
    expect(relay.directory.deviceReports(store.storeId).size).toBe(0);

    const answer = await device(relay, till.token, "POST", "/status", { unsyncedEvents: 3, deviceTime: clock.now + 4_500 });
    expect(answer).toEqual({ status: 200, body: { now: clock.now } });
    const regs = (await call("GET", `${store.storeId}/registers`)).body.registers as { devices: { deviceId: string; online: boolean; lastSeenAt: number; report: unknown }[] }[];
    const d = regs[0]!.devices[0]!;
    expect(d).toMatchObject({ deviceId: till.deviceId, online: false, lastSeenAt: clock.now, report: { reportedAt: clock.now, unsyncedEvents: 3, clockSkewMs: 4_500 } });
    expect(regs[1]!.devices).toEqual([]);
  }, 30_000);

  test("RL39 revoking a device that reported unsynced events needs the owner's acknowledgement", async () => {
    const { relay, store, call, clock } = await setup();
    const till = await pair(relay, store.storeId, store.registers[0]!.registerId);
    await device(relay, till.token, "POST", "/status", { unsyncedEvents: 2, deviceTime: clock.now });
    const refused = await call("POST", `${store.storeId}/devices/${till.deviceId}/revoke`);
    expect([refused.status, code(refused)]).toEqual([409, "DEVICE_HAS_UNSYNCED_DATA"]);
    expect(code(await call("POST", `${store.storeId}/devices/${till.deviceId}/revoke`, { acknowledgeUnsynced: "yes" }))).toBe("BAD_REQUEST");
    expect(relay.directory.device(till.deviceId)!.revokedAt).toBeNull();
    expect((await call("POST", `${store.storeId}/devices/${till.deviceId}/revoke`, { acknowledgeUnsynced: true })).status).toBe(200);
    expect(relay.directory.device(till.deviceId)!.revokedAt).not.toBeNull();
    // A device with nothing unsynced is revoked as before, without a body.
    const spare = await pair(relay, store.storeId, store.registers[1]!.registerId);
    await device(relay, spare.token, "POST", "/status", { unsyncedEvents: 0, deviceTime: clock.now });
    expect((await call("POST", `${store.storeId}/devices/${spare.deviceId}/revoke`)).status).toBe(200);
    expect(code(await device(relay, till.token, "POST", "/status", { unsyncedEvents: 0, deviceTime: clock.now }))).toBe("DEVICE_REVOKED");
  }, 30_000);

  test("RL40 renaming a register updates the devices list and the store document; bad input and other stores' registers change nothing", async () => {
    const { relay, store, other, call } = await setup();
    const reg = store.registers[0]!;
    expect(code(await call("PATCH", `${store.storeId}/registers/${reg.registerId}`, { name: "" }))).toBe("BAD_REQUEST");
    expect(code(await call("PATCH", `${store.storeId}/registers/${reg.registerId}`, { name: 7 }))).toBe("BAD_REQUEST");
    expect(code(await call("PATCH", `${store.storeId}/registers/${reg.registerId}`, { name: "A", colour: "red" }))).toBe("BAD_REQUEST");
    expect(code(await call("PATCH", `${store.storeId}/registers/reg-unknown`, { name: "Bar" }))).toBe("NOT_FOUND");
    expect(code(await call("PATCH", `${store.storeId}/registers/${other.registers[0]!.registerId}`, { name: "Bar" }))).toBe("NOT_FOUND");
    expect(code(await call("PATCH", `${other.storeId}/registers/${other.registers[0]!.registerId}`, { name: "Bar" }))).toBe("NOT_FOUND");
    expect(relay.directory.register(reg.registerId)!.name).toBe("Register 1");
    expect(relay.directory.register(other.registers[0]!.registerId)!.name).toBe("Register 1");

    expect((await call("PATCH", `${store.storeId}/registers/${reg.registerId}`, { name: "  Bar counter " })).status).toBe(200);
    expect(relay.directory.register(reg.registerId)!.name).toBe("Bar counter");
    expect((await catalogOf(relay, store)).registers[reg.registerId]!.name).toBe("Bar counter");
    const regs = (await call("GET", `${store.storeId}/registers`)).body.registers as { name: string }[];
    expect(regs.map((r) => r.name)).toEqual(["Bar counter", "Register 2"]);
  }, 30_000);
});

describe("owner API: catalog lists", () => {
  test("RL44 categories, taxes, discounts, payment types and ticket names: create, edit, delete; refusals are coded and change nothing", async () => {
    const { relay, store, other, call } = await setup();
    expect((await call("PUT", `${store.storeId}/catalog/categories/snacks`, { name: "Snacks", color: "#aa3300" })).status).toBe(200);
    expect((await call("PUT", `${store.storeId}/catalog/taxes/vat-0`, { name: "VAT 0%", rateMilliPercent: 0, mode: "included" })).status).toBe(200);
    expect((await call("PUT", `${store.storeId}/catalog/discounts/student`, { name: "Student 15%", kind: "percentage", value: 15_000 })).status).toBe(200);
    expect((await call("PUT", `${store.storeId}/catalog/paymentTypes/voucher-2`, { name: "Voucher", kind: "custom" })).status).toBe(200);
    expect((await call("PUT", `${store.storeId}/catalog/discounts/student`, { name: "Student 10%", kind: "percentage", value: 10_000 })).status).toBe(200);
    expect((await call("PATCH", `${store.storeId}/settings`, { ticketNames: ["Table 1", "Table 2", "Terrace"] })).status).toBe(200);
    let doc = await catalogOf(relay, store);
    expect(doc.catalog.categories["snacks"]).toEqual({ id: "snacks", name: "Snacks", color: "#aa3300" });
    expect(doc.catalog.taxes["vat-0"]).toMatchObject({ rateMilliPercent: 0 });
    expect(doc.catalog.discounts!["student"]).toEqual({ id: "student", name: "Student 10%", kind: "percentage", value: 10_000 });
    expect(doc.catalog.paymentTypes!["voucher-2"]).toMatchObject({ kind: "custom" });
    expect(doc.settings.ticketNames).toEqual(["Table 1", "Table 2", "Terrace"]);

    const snapshot = JSON.stringify(await catalogOf(relay, store));
    const otherSnapshot = JSON.stringify(await catalogOf(relay, other));
    const refusals: [string, string, unknown, number, string][] = [
      ["PUT", "catalog/discounts/huge", { name: "Too much", kind: "percentage", value: 150_000 }, 400, "BAD_REQUEST"],
      ["PUT", "catalog/discounts/neg", { name: "Neg", kind: "amount", value: -5 }, 400, "BAD_REQUEST"],
      ["PUT", "catalog/taxes/odd", { name: "Odd", rateMilliPercent: "23", mode: "included" }, 400, "BAD_REQUEST"],
      ["PUT", "catalog/taxes/odd", { name: "Odd", rateMilliPercent: 23_000, mode: "sideways" }, 400, "BAD_REQUEST"],
      ["PUT", "catalog/paymentTypes/crypto", { name: "Coin", kind: "crypto" }, 400, "BAD_REQUEST"],
      ["PUT", "catalog/categories/bad%20id", { name: "Bad id" }, 400, "BAD_REQUEST"],
      ["PUT", "catalog/categories/x", { name: "" }, 400, "BAD_REQUEST"],
      ["PATCH", "settings", { ticketNames: ["Table 1", "table 1"] }, 400, "BAD_REQUEST"],
      ["PATCH", "settings", { ticketNames: "Table 1" }, 400, "BAD_REQUEST"],
      ["DELETE", "catalog/categories/coffee", undefined, 409, "IN_USE"],
      ["DELETE", "catalog/paymentTypes/cash", undefined, 409, "PAYMENT_TYPE_REQUIRED"],
      ["DELETE", "catalog/discounts/nope", undefined, 404, "NOT_FOUND"],
      ["DELETE", "catalog/modifiers/extras", undefined, 404, "NOT_FOUND"],
    ];
    for (const [method, path, body, status, expected] of refusals) {
      const r = await call(method, `${store.storeId}/${path}`, body);
      expect([method, path, r.status, code(r)]).toEqual([method, path, status, expected]);
    }
    // Another store's entries, through this store's path or its own: nothing changes there.
    await call("PUT", `${other.storeId}/catalog/categories/cakes`, { name: "Cakes" }).then((r) => expect(r.status).toBe(404));
    await call("DELETE", `${other.storeId}/catalog/discounts/staff`).then((r) => expect(r.status).toBe(404));
    expect(JSON.stringify(await catalogOf(relay, store))).toBe(snapshot);
    expect(JSON.stringify(await catalogOf(relay, other))).toBe(otherSnapshot);

    // Card has two payment types (card, terminal): one may go. Unused entries delete.
    for (const path of ["paymentTypes/terminal", "paymentTypes/voucher-2", "discounts/student", "taxes/vat-0", "categories/snacks"])
      expect((await call("DELETE", `${store.storeId}/catalog/${path}`)).status).toBe(200);
    doc = await catalogOf(relay, store);
    expect(doc.catalog.paymentTypes!["terminal"]).toBeUndefined();
    expect(doc.catalog.categories["snacks"]).toBeUndefined();
    expect(code(await call("DELETE", `${store.storeId}/catalog/paymentTypes/card`))).toBe("PAYMENT_TYPE_REQUIRED");
  }, 30_000);
});
