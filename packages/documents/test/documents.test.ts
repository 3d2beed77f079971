import { describe, expect, test } from "vitest";
import * as A from "@automerge/automerge";
import { completeSale, type EventId, type ItemId, type KasaEvent, type RegisterId, type StoreId, type BusinessDay, minor, type TaxId } from "@kasa/domain";
import {
  appendEvent,
  docKind,
  initialJournalDoc,
  initialRegisterDoc,
  readJournalEvents,
  reserveSequence,
  unsyncedEventIds,
  type StoredJournalDoc,
  type StoredRegisterDoc,
} from "../src/index.js";

const storeId = "store-1" as StoreId;
const registerId = "reg-1" as RegisterId;

function sale(n: number): KasaEvent {
  const r = completeSale(
    {
      catalog: {
        items: { tea: { id: "tea" as ItemId, name: "Tea", price: minor(900), taxIds: ["vat" as TaxId], soldBy: "each" } },
        taxes: { vat: { id: "vat" as TaxId, name: "VAT", rateMilliPercent: 23_000, mode: "included" } },
        categories: {},
      },
      currency: "PLN",
      storeId,
      registerId,
      registerNumber: 1,
      sequence: 1000 + n,
      eventId: `01890a5d-ac96-774b-bcce-${String(n).padStart(12, "0")}` as EventId,
      now: 1_764_000_000_000 + n,
    },
    { lines: [{ itemId: "tea" as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: 1000 }] },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const journal = () => A.from<StoredJournalDoc>(initialJournalDoc(storeId, registerId, "2026-11-29" as BusinessDay) as never);

describe("journal documents", () => {
  test("DOC1 strings are stored as ImmutableString and read back as plain strings", () => {
    const doc = A.change(journal(), (d) => void appendEvent(d, sale(1)));
    const stored = (doc.events as Record<string, { type: unknown }>)[sale(1).id];
    expect(stored?.type).toBeInstanceOf(A.ImmutableString);
    expect(readJournalEvents(doc)).toEqual([JSON.parse(JSON.stringify(sale(1)))]);
  });

  test("DOC2 appending an event twice, or merging two copies that hold it, keeps one", () => {
    let doc = A.change(journal(), (d) => void appendEvent(d, sale(1)));
    const before = A.getHeads(doc);
    let added = true;
    doc = A.change(doc, (d) => void (added = appendEvent(d, sale(1))));
    expect(added).toBe(false);
    expect(A.getHeads(doc)).toEqual(before);
    const copy = A.merge(A.clone(doc), A.change(A.clone(doc), (d) => void appendEvent(d, sale(2))));
    const merged = A.merge(copy, doc);
    expect(readJournalEvents(merged)).toHaveLength(2);
  });

  test("DOC2 a journal that lost its events map (a damaged first chunk) takes new events instead of throwing", () => {
    const damaged = A.from<StoredJournalDoc>({ kind: "journal" } as never);
    const doc = A.change(damaged, (d) => void appendEvent(d, sale(1)));
    expect(readJournalEvents(doc)).toHaveLength(1);
  });

  test("DOC3 sequences start at 1001 and are never reused", () => {
    let reg = A.from<StoredRegisterDoc>(initialRegisterDoc(storeId, registerId, 1) as never);
    const got: number[] = [];
    for (let i = 0; i < 3; i++) reg = A.change(reg, (d) => void got.push(reserveSequence(d)));
    expect(got).toEqual([1001, 1002, 1003]);
  });

  test("DOC4 unsynced events are exactly those added after the durable heads", () => {
    let doc = A.change(journal(), (d) => void appendEvent(d, sale(1)));
    expect(unsyncedEventIds(doc, undefined)).toEqual([sale(1).id]);
    const durable = A.getHeads(doc);
    doc = A.change(doc, (d) => void appendEvent(d, sale(2)));
    doc = A.change(doc, (d) => void appendEvent(d, sale(3)));
    expect(unsyncedEventIds(doc, durable).sort()).toEqual([sale(2).id, sale(3).id].sort());
    expect(unsyncedEventIds(doc, A.getHeads(doc))).toEqual([]);
  });

  test("DOC5 docKind recognises our documents only", () => {
    expect(docKind(journal())).toBe("journal");
    expect(docKind({ kind: "other" })).toBeUndefined();
    expect(docKind(null)).toBeUndefined();
  });
});
