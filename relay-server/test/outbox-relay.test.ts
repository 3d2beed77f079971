import { describe, expect, test } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { completeSale, newEventId, priceTicket, requestReceiptEmail, type BusinessDay, type EventId, type ItemId, type RegisterId, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc, readStore } from "@kasa/documents";
import { DEMO_STORE } from "../src/index.js";
import { addStore, deviceRepo, pair, startRelay } from "./support/relay-fixture.js";

const ids = { now: Date.now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };

describe("relay outbox", () => {
  test("a receipt.email-requested event from a register becomes one .eml file in <dataDir>/outbox", async () => {
    const { relay, dataDir } = await startRelay();
    const store = await addStore(relay, "Mail", 1, DEMO_STORE.catalog);
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const { repo } = deviceRepo(relay, device);
    const doc = readStore((await repo.find(device.storeDocUrl as AutomergeUrl)).doc());
    const item = Object.values(doc.catalog.items).find((i) => !i.variants?.length && i.soldBy === "each")!;
    const priced = priceTicket(doc.catalog, [{ itemId: item.id as ItemId, quantityMilli: 1000 }]);
    if (!priced.ok) throw new Error("price");
    const ctx = { storeId: doc.storeId as StoreId, registerId: device.registerId as RegisterId };
    const sale = completeSale({ catalog: doc.catalog, currency: doc.settings.currency, ...ctx, registerNumber: 1, sequence: 1000, eventId: newEventId(ids) as EventId, now: Date.now() }, { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "card", amount: priced.value.total }] });
    if (!sale.ok) throw new Error(sale.error.message);
    const mail = requestReceiptEmail({ ...ctx, eventId: newEventId(ids) as EventId, now: Date.now() }, { eventId: sale.value.id as EventId, number: sale.value.payload.receipt.number }, "guest@example.com");
    if (!mail.ok) throw new Error(mail.error.message);
    const journal = repo.create(initialJournalDoc(doc.storeId, device.registerId as RegisterId, "2026-11-29" as BusinessDay));
    journal.change((d) => {
      appendEvent(d, sale.value);
      appendEvent(d, mail.value);
    });
    const end = Date.now() + 4_000;
    const state = () => (relay.readModel.db.prepare("SELECT state FROM email_requests").get() as { state: string } | undefined)?.state;
    while (state() !== "sent" && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect({ state: state(), delivery: relay.readModel.db.prepare("SELECT * FROM email_delivery").all() }).toMatchObject({ state: "sent" });
    const dir = join(dataDir, "outbox");
    expect(existsSync(dir) && readdirSync(dir)).toEqual([`${mail.value.id}.eml`]);
  }, 20_000);
});
