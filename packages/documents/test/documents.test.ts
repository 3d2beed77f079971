import { describe, expect, test } from "vitest";
import * as A from "@automerge/automerge";
import { type Catalog, completeSale, type EventId, type ItemId, type KasaEvent, type RegisterId, type StoreId, type BusinessDay, minor, type TaxId } from "@kasa/domain";
import {
  allJournalUrls,
  appendEvent,
  docKind,
  isWritableJournal,
  journalsOfDay,
  readRegister,
  recordJournal,
  replaceJournal,
  initialJournalDoc,
  initialRegisterDoc,
  readJournalEvents,
  reserveSequence,
  unsyncedEventIds,
  toStored,
  initialStoreDoc,
  readStore,
  toSealed,
  type StoreSettings,
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
    expect((doc as unknown as { kind: unknown }).kind).toBeInstanceOf(A.ImmutableString);
    expect(readJournalEvents(doc)).toEqual([JSON.parse(JSON.stringify(sale(1)))]);
  });

  test("DOC8 an event is sealed: one ImmutableString holding its JSON, one operation", () => {
    const before = journal();
    const doc = A.change(before, (d) => void appendEvent(d, sale(1)));
    const stored = (doc.events as Record<string, unknown>)[sale(1).id];
    expect(stored).toBeInstanceOf(A.ImmutableString);
    expect(JSON.parse((stored as A.ImmutableString).val)).toEqual(JSON.parse(JSON.stringify(sale(1))));
    const change = A.decodeChange(A.getLastLocalChange(doc)!);
    expect(change.ops).toHaveLength(1);
  });

  test("DOC8 events stored field by field (journals written before sealing) still read, next to sealed ones", () => {
    const legacy = A.change(journal(), (d) => void ((d.events as Record<string, unknown>)[sale(1).id] = toStored(sale(1))));
    const mixed = A.change(legacy, (d) => void appendEvent(d, sale(2)));
    expect(readJournalEvents(mixed)).toEqual([sale(1), sale(2)].map((e) => JSON.parse(JSON.stringify(e))).sort((a, b) => (a.id < b.id ? -1 : 1)));
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

  test("DOC6 a journal that lost its creation (no events map) refuses new events with JOURNAL_DAMAGED and stays unchanged", () => {
    for (const damaged of [A.from<StoredJournalDoc>({ kind: "journal" } as never), A.init<StoredJournalDoc>()]) {
      expect(isWritableJournal(damaged)).toBe(false);
      expect(() => A.change(damaged, (d) => void appendEvent(d, sale(1)))).toThrow(expect.objectContaining({ code: "JOURNAL_DAMAGED" }));
      expect(readJournalEvents(damaged)).toEqual([]);
    }
    expect(isWritableJournal(journal())).toBe(true);
  });

  test("DOC6 why: a second events map made without the history loses the merge, hiding its events", () => {
    // The relay's copy holds the journal's creation; the device lost it and (wrongly) made a new map.
    const relay = A.change(journal(), (d) => void appendEvent(d, sale(1)));
    const device = A.change(A.init<StoredJournalDoc>(), (d) => void ((d as unknown as { events: object }).events = { [sale(2).id]: {} }));
    const merged = A.merge(A.clone(relay), device);
    const visible = A.merge(A.clone(device), relay);
    // One of the two concurrent maps wins on every replica; the other's events are out of sight.
    expect(Object.keys(merged.events)).toEqual(Object.keys(visible.events));
    expect(Object.keys(merged.events)).toHaveLength(1);
  });

  test("DOC7 replacing a day's journal keeps the replaced one among the day's journals", () => {
    let reg = A.from<StoredRegisterDoc>(initialRegisterDoc(storeId, registerId, 1) as never);
    reg = A.change(reg, (d) => recordJournal(d, "2026-11-29", "automerge:first"));
    reg = A.change(reg, (d) => replaceJournal(d, "2026-11-29", "automerge:second"));
    reg = A.change(reg, (d) => replaceJournal(d, "2026-11-29", "automerge:second"));
    const read = readRegister(reg);
    expect(read.journals["2026-11-29"]).toBe("automerge:second");
    expect(journalsOfDay(read, "2026-11-29")).toEqual(["automerge:first", "automerge:second"]);
    expect(allJournalUrls(read).sort()).toEqual(["automerge:first", "automerge:second"]);
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

describe("store documents", () => {
  const catalog = {
    items: { tea: { id: "tea", name: "Tea", price: 1000, soldBy: "each", taxIds: ["vat"], categoryId: "drinks" } },
    taxes: { vat: { id: "vat", name: "VAT 23%", rateMilliPercent: 23_000, included: true } },
    categories: { drinks: { id: "drinks", name: "Drinks", color: "#ff0000" } },
  } as unknown as Catalog;
  const settings = { name: "Shop", currency: "PLN", timeZone: "Europe/Warsaw", locale: "pl-PL" } as unknown as StoreSettings;

  test("DOC9 every catalog entry is sealed into one ImmutableString and reads back as the plain entry", () => {
    const doc = A.from(initialStoreDoc(storeId, settings, catalog) as never) as unknown as { catalog: Record<string, Record<string, unknown>> };
    for (const table of ["items", "taxes", "categories"]) for (const entry of Object.values(doc.catalog[table]!)) expect(entry).toBeInstanceOf(A.ImmutableString);
    expect(readStore(doc).catalog).toEqual(catalog);
    expect(readStore(doc).settings).toEqual(settings);
  });

  test("DOC9 a catalog stored field by field (before sealing) still reads, next to a sealed entry written later", () => {
    const legacy = A.from({ kind: "store", schema: 1, storeId, settings: toStored(settings), registers: {}, catalog: toStored(catalog) } as never);
    const coffee = { id: "coffee", name: "Coffee", price: 1200, soldBy: "each", taxIds: ["vat"] };
    const edited = A.change(legacy, (d: { catalog: Record<string, Record<string, unknown>> }) => void (d.catalog.items!.coffee = toSealed(coffee)));
    expect(readStore(edited).catalog.items).toEqual({ ...catalog.items, coffee });
    expect(readStore(edited).catalog.taxes).toEqual(catalog.taxes);
  });
});
