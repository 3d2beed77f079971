import { describe, expect, test } from "vitest";
import type { Catalog } from "@kasa/domain";
import { draftRequest, emptyDraft, ItemCreationAttempt, MAX_ITEM_NAME } from "../src/state/new-item.js";
import { catalog } from "./fixtures.js";

// O12 / relay RL53: the New item form becomes the relay request; what the register can check alone is checked first.

describe("creating an item from the register (O12)", () => {
  test("O12 a fresh form offers the taxes most items carry; name and price are required, the price in the store currency's decimals", () => {
    const draft = emptyDraft(catalog);
    expect(draft).toMatchObject({ name: "", price: "", soldBy: "each", categoryId: "" });
    expect(draft.taxIds.every((t) => (catalog as Catalog).taxes[t])).toBe(true);
    expect(emptyDraft({ items: {}, taxes: {}, categories: {} } as unknown as Catalog).taxIds).toEqual([]);

    const filled = { ...draft, name: "  Cheesecake ", price: "12,50", categoryId: "cakes", taxIds: ["vat8"] };
    expect(draftRequest(filled, "PLN")).toEqual({ ok: true, value: { name: "Cheesecake", price: 1250, soldBy: "each", categoryId: "cakes", taxIds: ["vat8"] } });
    expect(draftRequest({ ...filled, categoryId: "", soldBy: "weight" }, "PLN")).toEqual({ ok: true, value: { name: "Cheesecake", price: 1250, soldBy: "weight", taxIds: ["vat8"] } });
    expect(draftRequest({ ...filled, name: "   " }, "PLN")).toMatchObject({ ok: false, code: "ITEM_NAME_EMPTY" });
    expect(draftRequest({ ...filled, name: "x".repeat(MAX_ITEM_NAME + 1) }, "PLN")).toMatchObject({ ok: false, code: "ITEM_NAME_TOO_LONG" });
    expect(draftRequest({ ...filled, price: "" }, "PLN")).toMatchObject({ ok: false, code: "AMOUNT_EMPTY" });
    expect(draftRequest({ ...filled, price: "12,505" }, "PLN")).toMatchObject({ ok: false, code: "AMOUNT_DECIMALS" });
    expect(draftRequest({ ...filled, price: "-3" }, "PLN")).toMatchObject({ ok: false, code: "AMOUNT_FORMAT" });
  });

  test("O12 a retry after a lost answer reuses the request id (the relay writes the item once); an answer or another item starts a new one", () => {
    let n = 0;
    const attempt = new ItemCreationAttempt(() => `req-${++n}`);
    const item = { name: "Cheesecake", price: 1250, soldBy: "each" as const, taxIds: [] };
    expect(attempt.requestIdFor(item)).toBe("req-1");
    attempt.settle({ ok: false, code: "NO_CONNECTION" });
    expect(attempt.requestIdFor(item)).toBe("req-1");
    expect(attempt.requestIdFor({ ...item, price: 1300 })).toBe("req-2");
    attempt.settle({ ok: false, code: "UNKNOWN_TAX" });
    expect(attempt.requestIdFor({ ...item, price: 1300 })).toBe("req-3");
    attempt.settle({ ok: true });
    expect(attempt.requestIdFor({ ...item, price: 1300 })).toBe("req-4");
  });
});
