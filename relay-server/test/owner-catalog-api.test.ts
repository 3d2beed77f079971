import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { readStore } from "@kasa/documents";
import { DEMO_STORE } from "../src/index.js";
import { hashPassword } from "../src/auth/secrets.js";
import { addStore, deviceRepo, pair, startRelay } from "./support/relay-fixture.js";

describe("owner catalog and settings API", () => {
  test("edits reach a connected register within a second; bad input and other stores answer coded 4xx", async () => {
    const { relay } = await startRelay();
    const store = await addStore(relay, "Catalog", 1, DEMO_STORE.catalog);
    const other = await addStore(relay, "Other", 1, DEMO_STORE.catalog);
    relay.directory.createOwner(`owner-${randomUUID()}`, "cat@example.com", await hashPassword("secret-pass"), [store.storeId], Date.now());
    const res = await fetch(`${relay.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "cat@example.com", password: "secret-pass" }) });
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${relay.url}/api/stores/${path}`, { method, headers: { cookie, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const { repo } = deviceRepo(relay, device);
    const handle = await repo.find(device.storeDocUrl as AutomergeUrl);
    const taxId = Object.keys(DEMO_STORE.catalog.taxes)[0]!;

    expect((await call("PATCH", `${store.storeId}/settings`, { ticketNames: ["Table 1", "Table 2"], useShifts: true })).status).toBe(200);
    expect((await call("PUT", `${store.storeId}/catalog/items/soup`, { name: "Soup", price: 1500, taxIds: [taxId] })).status).toBe(200);
    const started = Date.now();
    while (!(readStore(handle.doc()).catalog.items["soup"] && readStore(handle.doc()).settings.ticketNames?.length === 2)) {
      if (Date.now() - started > 1_000) throw new Error("the register did not get the edits within a second");
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(readStore(handle.doc()).catalog.items["soup"]).toMatchObject({ name: "Soup", price: 1500, soldBy: "each" });
    expect(readStore(handle.doc()).settings.useShifts).toBe(true);

    const code = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
    expect(await code(await call("PATCH", `${store.storeId}/settings`, { timeZone: "Mars/Olympus" }))).toBe("BAD_REQUEST");
    expect(await code(await call("PATCH", `${store.storeId}/settings`, { colour: "red" }))).toBe("BAD_REQUEST");
    expect(await code(await call("PUT", `${store.storeId}/catalog/items/bad`, { name: "X", price: -1 }))).toBe("BAD_REQUEST");
    expect(await code(await call("PUT", `${store.storeId}/catalog/items/bad`, { name: "X", price: 1, taxIds: ["nope"] }))).toBe("UNKNOWN_REFERENCE");
    expect(await code(await call("PUT", `${store.storeId}/catalog/widgets/x`, { name: "X" }))).toBe("NOT_FOUND");
    expect(await code(await call("DELETE", `${store.storeId}/catalog/taxes/${taxId}`))).toBe("IN_USE");
    expect(await code(await call("DELETE", `${store.storeId}/catalog/items/nope`))).toBe("NOT_FOUND");
    expect((await call("PUT", `${other.storeId}/catalog/items/soup`, { name: "Soup", price: 1 })).status).toBe(404);
    expect((await call("DELETE", `${store.storeId}/catalog/items/soup`)).status).toBe(200);
    expect((await call("GET", `${store.storeId}/catalog`)).status).toBe(200);
    // Editing an item with variants through the simple form keeps its variants.
    const latte = Object.values(DEMO_STORE.catalog.items).find((i) => i.variants?.length)!;
    expect((await call("PUT", `${store.storeId}/catalog/items/${latte.id}`, { name: "Latte", price: 1600, taxIds: latte.taxIds })).status).toBe(200);
    const edited = readStore((await relay.repo.find(store.storeDocUrl as AutomergeUrl)).doc()).catalog.items[latte.id]!;
    expect(edited).toMatchObject({ name: "Latte", price: 1600 });
    expect(edited.variants).toHaveLength(latte.variants!.length);
  }, 30_000);
});
