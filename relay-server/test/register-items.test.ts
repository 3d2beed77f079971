import { describe, expect, test } from "vitest";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { readStore, type StoredStoreDoc } from "@kasa/documents";
import type { Catalog, CategoryId, ItemId, TaxId } from "@kasa/domain";
import { addStore, pair, startRelay, type Paired } from "./support/relay-fixture.js";
import type { RelayServer } from "../src/index.js";

// RL53: items created from a register (DESIGN O12) — online only, through the relay, which checks
// the references and writes the item into the store document; idempotent by request id.

const catalog: Catalog = {
  items: { tea: { id: "tea" as ItemId, name: "Green tea", price: 500 as never, taxIds: [], soldBy: "each" } },
  taxes: { vat8: { id: "vat8" as TaxId, name: "VAT 8%", rateMilliPercent: 8_000, mode: "included" } },
  categories: { bakery: { id: "bakery" as CategoryId, name: "Bakery" } },
} as unknown as Catalog;

async function setup() {
  const { relay } = await startRelay();
  const store = await addStore(relay, "A", 1, catalog);
  const dev = await pair(relay, store.storeId, store.registers[0]!.registerId);
  const items = async () => {
    const handle = await relay.repo.find<StoredStoreDoc>(store.storeDocUrl as AutomergeUrl);
    return readStore(handle.doc()).catalog.items;
  };
  return { relay, dev, items };
}

async function create(relay: RelayServer, device: Paired, body: unknown) {
  const res = await fetch(`${relay.url}/api/device/items`, {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string }; item?: { id: string } } & Record<string, unknown> };
}

const cheesecake = { requestId: "i1", name: "  Cheesecake ", price: 1250, soldBy: "each", categoryId: "bakery", taxIds: ["vat8"] };

describe("items created from a register (RL53)", () => {
  test("RL53 an item created online lands in the store document's catalog; a retry writes it once; another body under the id is refused", async () => {
    const { relay, dev, items } = await setup();
    const first = await create(relay, dev, cheesecake);
    expect(first).toMatchObject({ status: 200, body: { item: { name: "Cheesecake", price: 1250, soldBy: "each", categoryId: "bakery", taxIds: ["vat8"] } } });
    const id = first.body.item!.id;
    expect((await items())[id]).toMatchObject({ id, name: "Cheesecake", price: 1250 });
    expect(await create(relay, dev, cheesecake)).toEqual(first);
    expect(Object.keys(await items()).sort()).toEqual([id, "tea"].sort());
    expect(await create(relay, dev, { ...cheesecake, price: 1 })).toMatchObject({ status: 409, body: { error: { code: "REQUEST_ID_REUSED" } } });
    // Sold by weight, no category, no tax.
    const olives = await create(relay, dev, { requestId: "i2", name: "Olives", price: 6990, soldBy: "weight", taxIds: [] });
    expect(olives).toMatchObject({ status: 200, body: { item: { soldBy: "weight", taxIds: [] } } });
    expect((await items())[olives.body.item!.id]).not.toHaveProperty("categoryId");
  });

  test("RL53 bad input is refused with a code and adds nothing: unknown category or tax, a bad price, no name, unknown fields", async () => {
    const { relay, dev, items } = await setup();
    for (const [body, status, code] of [
      [{ ...cheesecake, categoryId: "nope" }, 400, "UNKNOWN_CATEGORY"],
      [{ ...cheesecake, taxIds: ["vat99"] }, 400, "UNKNOWN_TAX"],
      [{ ...cheesecake, taxIds: ["vat8", "vat8"] }, 400, "BAD_REQUEST"],
      [{ ...cheesecake, price: -1 }, 400, "BAD_REQUEST"],
      [{ ...cheesecake, price: 12.5 }, 400, "BAD_REQUEST"],
      [{ ...cheesecake, name: "   " }, 400, "BAD_REQUEST"],
      [{ ...cheesecake, soldBy: "litre" }, 400, "BAD_REQUEST"],
      [{ ...cheesecake, stock: 5 }, 400, "BAD_REQUEST"],
    ] as const) {
      expect(await create(relay, dev, body)).toMatchObject({ status, body: { error: { code } } });
    }
    expect(Object.keys(await items())).toEqual(["tea"]);
    // A refusal is not stored: the same request id works once the input is right.
    expect((await create(relay, dev, cheesecake)).status).toBe(200);
  });
});
