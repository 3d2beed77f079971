import { describe, expect, test } from "vitest";
import { minor, type Catalog, type CatalogItem, type ItemId, type TaxId } from "@kasa/domain";
import { TicketModel } from "../src/state/ticket.js";
import { ticketRows } from "../src/lib/ticket-view.js";

const vat = "vat" as TaxId;
const espresso: CatalogItem = { id: "espresso" as ItemId, name: "Espresso", price: minor(900), taxIds: [vat], soldBy: "each" };
const olives: CatalogItem = { id: "olives" as ItemId, name: "Olives", price: minor(6990), taxIds: [vat], soldBy: "weight" };
const catalog: Catalog = {
  items: { espresso, olives },
  taxes: { [vat]: { id: vat, name: "VAT 8%", rateMilliPercent: 8000, mode: "included" } },
  categories: {},
};

describe("TicketModel", () => {
  test("pieces of one item share a line; each weighing is its own line", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    t.addPiece(espresso);
    t.addWeighed(olives, 250);
    t.addWeighed(olives, 100);
    expect(t.input()).toEqual([
      { itemId: "espresso", quantityMilli: 2000 },
      { itemId: "olives", quantityMilli: 250 },
      { itemId: "olives", quantityMilli: 100 },
    ]);
    expect(t.itemCount).toBe(4);
  });

  test("± never goes below one piece; remove and clear", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    const key = t.lines[0]!.key;
    t.decrement(key);
    expect(t.lines[0]!.quantityMilli).toBe(1000);
    t.increment(key);
    t.increment(key);
    t.decrement(key);
    expect(t.lines[0]!.quantityMilli).toBe(2000);
    t.remove(key);
    expect(t.isEmpty).toBe(true);
  });

  test("priced by the domain, cached until something changes, and notifies", () => {
    const t = new TicketModel();
    let notified = 0;
    t.subscribe(() => notified++);
    t.addPiece(espresso);
    t.addWeighed(olives, 250);
    const a = t.priced(catalog);
    expect(a.ok && a.value.total).toBe(900 + 1748);
    expect(t.priced(catalog)).toBe(a);
    t.clear();
    expect(t.priced(catalog).ok).toBe(false);
    expect(notified).toBe(3);
  });

  test("rows still show when an item left the catalog", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    const without: Catalog = { ...catalog, items: { olives } };
    const rows = ticketRows(t.lines, without, t.priced(without));
    // The screen names it ("Item no longer in the catalog"); the row has no name and no amounts.
    expect(rows[0]!.name).toBe("");
    expect(rows[0]!.total).toBeUndefined();
  });
});
