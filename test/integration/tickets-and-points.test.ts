import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { DiscountId, ItemId, SaleInput } from "@kasa/domain";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";

// Saved tickets keep their discounts and customer (TK5), and refunds take back the points earned on
// the refunded part (RL50), against a real relay process and two Node registers.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function setup() {
  const root = await mkdtemp(join(tmpdir(), "kasa-tickets-points-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, "relay");
  const port = await freePort();
  let relay: RelayProcess | undefined = await startRelayProcess({ dataDir, port });
  cleanups.push(async () => relay?.stop());
  const registers: NodeRegister[] = [];
  for (const n of [1, 2]) {
    const r = await openNodeRegister(join(root, `register-${n}`), await pairDemoRegister(relay.url, n), relay.url);
    cleanups.push(() => r.close());
    registers.push(r);
  }
  await Promise.all(registers.map((r) => r.waitFor((s) => s.connection.state === "connected")));
  return {
    r1: registers[0]!,
    r2: registers[1]!,
    async offline() {
      await relay!.stop();
      await Promise.all(registers.map((r) => r.waitFor((s) => s.connection.state !== "connected")));
    },
    async online() {
      relay = await startRelayProcess({ dataDir, port });
      await Promise.all(registers.map((r) => r.waitFor((s) => s.connection.state === "connected")));
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(join(dataDir, "read-model.sqlite"), { readonly: true, fileMustExist: true });
      try {
        // The online-only tables (point_takebacks, …) are in online.sqlite (relay SPEC RL55).
        db.prepare("ATTACH DATABASE ? AS online").run(join(dataDir, "online.sqlite"));
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

function pieceItem(r: NodeRegister) {
  return Object.values(r.session.snapshot.store.catalog.items).find((i) => i.soldBy === "each" && !i.variants?.length && !i.modifierIds?.length)!;
}

async function sell(r: NodeRegister, extra: Partial<SaleInput>, pieces: number) {
  const item = pieceItem(r);
  const res = await r.session.sell({ lines: [{ itemId: item.id as ItemId, quantityMilli: pieces * 1000 }], payments: [{ type: "cash", received: item.price * pieces + 10_000 }], ...extra });
  if (!res.ok) throw new Error(res.error.code);
  return res.value;
}

async function customer(r: NodeRegister, name: string, email: string) {
  const c = await r.session.registerCustomer({ name, email });
  if (!c.ok) throw new Error(c.error.code);
  return c.value.customerId;
}

const pointsOf = (r: NodeRegister, customerId: string) => r.session.snapshot.customers.find((c) => c.customerId === customerId)?.points;
/** Waits until the register's copy of the customers document shows `points` for the customer. */
async function pointsBecome(r: NodeRegister, customerId: string, points: number | undefined): Promise<void> {
  await r.waitFor(() => pointsOf(r, customerId) === points).catch(() => {
    throw new Error(`expected ${points} points for ${customerId}, the register shows ${pointsOf(r, customerId)}`);
  });
}
async function until(what: string, probe: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const synced = (r: NodeRegister) => r.waitFor((s) => s.unsyncedCount === 0);

describe("saved tickets keep discounts and the customer; refunds take back points", () => {
  test("TK5 a ticket saved offline with ticket discounts and a customer reopens with both on the other register, and charges with them", async () => {
    const s = await setup();
    const ann = await customer(s.r1, "Ann Ticket", "ann.ticket@example.com");
    await s.r2.waitFor((x) => x.customers.some((c) => c.customerId === ann));
    await s.offline();
    const item = pieceItem(s.r1);
    const discounts = [
      { discountId: "manager" as DiscountId, value: 100 },
      { discountId: "happy-hour" as DiscountId },
    ];
    const saved = await s.r1.session.saveTicket({ name: "Table 9", comment: "", lines: [{ lineId: "l1", itemId: item.id as ItemId, quantityMilli: 3000 }], discounts, customerId: ann });
    expect(saved).toMatchObject({ ok: true, value: { customerId: ann } });
    await s.online();
    const onR2 = (await s.r2.waitFor((x) => x.tickets.some((t) => t.name === "Table 9"))).tickets.find((t) => t.name === "Table 9")!;
    expect(onR2.customerId).toBe(ann);
    expect([...onR2.discounts].sort((a, b) => a.discountId.localeCompare(b.discountId))).toEqual([{ discountId: "happy-hour" }, { discountId: "manager", value: 100 }]);
    // Register 2 drops one discount and saves; register 1 sees exactly that.
    const edited = await s.r2.session.saveTicket({ id: onR2.id, name: onR2.name, comment: "", lines: onR2.lines, discounts: [{ discountId: "manager" as DiscountId, value: 100 }], customerId: ann });
    expect(edited.ok).toBe(true);
    const onR1 = (await s.r1.waitFor((x) => x.tickets.find((t) => t.id === onR2.id)?.discounts.length === 1)).tickets.find((t) => t.id === onR2.id)!;
    expect(onR1).toMatchObject({ customerId: ann, discounts: [{ discountId: "manager", value: 100 }] });
    // Charging it as reopened: the receipt carries the discount and the customer.
    const sale = await s.r1.session.sell({ lines: onR1.lines, discounts: onR1.discounts, customerId: ann, payments: [{ type: "cash", received: item.price * 3 + 10_000 }] }, { ticketId: onR1.id });
    if (!sale.ok) throw new Error(sale.error.code);
    expect(sale.value.payload.receipt.customerId).toBe(ann);
    expect(sale.value.payload.receipt.discounts).toEqual([expect.objectContaining({ discountId: "manager", amount: 100 })]);
    await s.r2.waitFor((x) => !x.tickets.some((t) => t.id === onR1.id));
  });

  test("RL50 a refund takes back the points earned on the refunded part, in proportion; a full refund takes back all, never below zero", async () => {
    const s = await setup();
    const ann = await customer(s.r1, "Ann Points", "ann.points@example.com");
    const bob = await customer(s.r1, "Bob Points", "bob.points@example.com");
    await s.r1.waitFor((x) => x.customers.some((c) => c.customerId === bob));
    const sale = await sell(s.r1, { customerId: ann }, 10);
    const earned = sale.payload.receipt.pointsEarned!;
    expect(earned).toBeGreaterThan(10);
    await synced(s.r1);
    await pointsBecome(s.r1, ann, earned);

    // 4 of 10 pieces back: the points of that part go too (floor of the share, the rest on the last refund).
    const part = await s.r2.session.refund(sale.id, [{ lineIndex: 0, quantityMilli: 4000 }]);
    if (!part.ok) throw new Error(part.error.code);
    const firstTake = Math.floor((earned * part.value.payload.refund.total) / sale.payload.receipt.total);
    await synced(s.r2);
    await pointsBecome(s.r1, ann, earned - firstTake);
    // The rest: everything earned on the sale is gone, not a point more.
    const rest = await s.r2.session.refund(sale.id, [{ lineIndex: 0, quantityMilli: 6000 }]);
    expect(rest.ok).toBe(true);
    await synced(s.r2);
    await pointsBecome(s.r1, ann, 0);

    // Bob spends his points, then his sale is refunded: his balance stops at zero, and later points are his in full.
    const bobSale = await sell(s.r1, { customerId: bob }, 10);
    const bobEarned = bobSale.payload.receipt.pointsEarned!;
    await synced(s.r1);
    await pointsBecome(s.r1, bob, bobEarned);
    const spent = await s.r1.session.redeemPoints(bob, bobEarned);
    expect(spent).toMatchObject({ ok: true, value: { balance: 0 } });
    await pointsBecome(s.r1, bob, 0);
    expect((await s.r2.session.refund(bobSale.id, [{ lineIndex: 0, quantityMilli: 10_000 }])).ok).toBe(true);
    await synced(s.r2);
    await until("Bob's take-back recorded", () => s.query<{ n: number }>("SELECT count(*) AS n FROM point_takebacks WHERE customer_id = ?", bob)[0]?.n === 1);
    expect(s.query<{ owed: number; points: number }>("SELECT owed, points FROM point_takebacks WHERE customer_id = ?", bob)).toEqual([{ owed: bobEarned, points: 0 }]);
    expect(pointsOf(s.r1, bob)).toBe(0);
    const later = await sell(s.r1, { customerId: bob }, 2);
    await synced(s.r1);
    await pointsBecome(s.r1, bob, later.payload.receipt.pointsEarned);
    expect(s.query("SELECT * FROM quarantine")).toEqual([]);
  });
});
