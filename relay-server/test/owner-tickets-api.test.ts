import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import * as A from "@automerge/automerge";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import type { ItemId, RegisterId } from "@kasa/domain";
import { chargeTicket, readStore, saveTicket } from "@kasa/documents";
import { DEMO_STORE, type RelayServer } from "../src/index.js";
import { hashPassword } from "../src/auth/secrets.js";
import { addStore, startRelay, type TestStore } from "./support/relay-fixture.js";

// SPEC RL61: the owner sees open tickets charged on two registers while apart (documents TK4).
// Two copies of the tickets document are charged separately and merged, as two registers that
// were apart do when they sync again.

async function signIn(relay: RelayServer, storeIds: string[]): Promise<string> {
  const email = `owner-${randomUUID()}@example.com`;
  relay.directory.createOwner(`owner-${randomUUID()}`, email, await hashPassword("secret-pass"), storeIds, Date.now());
  const res = await fetch(`${relay.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "secret-pass" }) });
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function get(relay: RelayServer, cookie: string | undefined, storeId: string) {
  const r = await fetch(`${relay.url}/api/stores/${storeId}/tickets/charged-twice`, { headers: cookie ? { cookie } : {} });
  return { status: r.status, body: (await r.json()) as { tickets?: unknown[]; error?: { code: string } } };
}

async function ticketsHandle(relay: RelayServer, store: TestStore) {
  const url = readStore((await relay.repo.find(store.storeDocUrl as AutomergeUrl)).doc()).ticketsDocUrl!;
  return relay.repo.find(url as AutomergeUrl);
}

const line = { lineId: "l1", itemId: "cappuccino" as ItemId, quantityMilli: 1000 };

describe("owner API: open tickets charged twice", () => {
  test("RL61 a ticket charged on two registers while apart is listed with both receipts; another owner's store is a 404", async () => {
    const { relay } = await startRelay();
    const store = await addStore(relay, "Cafe", 2, DEMO_STORE.catalog);
    const other = await addStore(relay, "Someone else's", 1, DEMO_STORE.catalog);
    const cookie = await signIn(relay, [store.storeId]);
    const [r1, r2] = store.registers.map((r) => r.registerId as RegisterId) as [RegisterId, RegisterId];
    const t0 = Date.UTC(2026, 10, 29, 12, 0);

    expect(await get(relay, cookie, store.storeId)).toEqual({ status: 200, body: { tickets: [] } });

    const handle = await ticketsHandle(relay, store);
    handle.change((d) => {
      saveTicket(d as never, { id: "t-bar7", name: "Bar 7", comment: "by the window", lines: [line] }, r1, t0);
      saveTicket(d as never, { id: "t-bar8", name: "Bar 8", comment: "", lines: [line] }, r1, t0);
      saveTicket(d as never, { id: "t-bar9", name: "Bar 9", comment: "", lines: [line] }, r1, t0);
    });
    // Register 2's copy, taken before either charge: the two registers are now apart.
    let apart = A.clone(handle.doc() as A.Doc<unknown>);
    apart = A.change(apart, (d) => void chargeTicket(d as never, "t-bar7", "sale-b", { registerId: r2, at: t0 + 90_000, receiptNumber: "2-1004" }));
    handle.change((d) => {
      chargeTicket(d as never, "t-bar7", "sale-a", { registerId: r1, at: t0 + 60_000, receiptNumber: "1-1007" });
      chargeTicket(d as never, "t-bar8", "sale-c", { registerId: r1, at: t0 + 70_000, receiptNumber: "1-1008" });
    });
    handle.update((d) => A.merge(d, apart as typeof d));

    const res = await get(relay, cookie, store.storeId);
    expect(res.status).toBe(200);
    // Bar 8 was charged once and Bar 9 is still open: neither is a problem.
    expect(res.body.tickets).toEqual([
      {
        ticketId: "t-bar7",
        name: "Bar 7",
        comment: "by the window",
        charges: [
          { saleEventId: "sale-a", receiptNumber: "1-1007", registerId: r1, registerNumber: 1, registerName: "Register 1", at: t0 + 60_000 },
          { saleEventId: "sale-b", receiptNumber: "2-1004", registerId: r2, registerNumber: 2, registerName: "Register 2", at: t0 + 90_000 },
        ],
      },
    ]);

    // Another owner's store looks exactly like a missing one; no session is a 401.
    const refused = await get(relay, cookie, other.storeId);
    expect(refused.status).toBe(404);
    expect(refused.body.error?.code).toBe("NOT_FOUND");
    expect((await get(relay, cookie, "no-such-store")).body.error?.code).toBe("NOT_FOUND");
    expect((await get(relay, undefined, store.storeId)).status).toBe(401);

    // Its own owner sees the other store's (empty) list.
    expect(await get(relay, await signIn(relay, [other.storeId]), other.storeId)).toEqual({ status: 200, body: { tickets: [] } });
  });
});
