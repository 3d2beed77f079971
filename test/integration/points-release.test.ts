import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ItemId, SaleInput } from "@kasa/domain";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";

// Redeemed points that no sale used go back to the customer (relay RL52, sync S20), against a real
// relay process and two Node registers: released by the register online, by the relay after
// pointsRedemptionTtlMs when the register was offline.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function setup() {
  const root = await mkdtemp(join(tmpdir(), "kasa-points-release-"));
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
    async online(env: Record<string, string> = {}) {
      relay = await startRelayProcess({ dataDir, port, env });
      await Promise.all(registers.map((r) => r.waitFor((s) => s.connection.state === "connected")));
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

async function customerWithPoints(r: NodeRegister, name: string, email: string): Promise<{ id: string; points: number }> {
  const c = await r.session.registerCustomer({ name, email });
  if (!c.ok) throw new Error(c.error.code);
  const sale = await sell(r, { customerId: c.value.customerId }, 10);
  const points = sale.payload.receipt.pointsEarned!;
  await r.waitFor((s) => s.unsyncedCount === 0);
  await pointsBecome(r, c.value.customerId, points);
  return { id: c.value.customerId, points };
}

const pointsOf = (r: NodeRegister, customerId: string) => r.session.snapshot.customers.find((c) => c.customerId === customerId)?.points;
async function pointsBecome(r: NodeRegister, customerId: string, points: number | undefined): Promise<void> {
  await r.waitFor(() => pointsOf(r, customerId) === points).catch(() => {
    throw new Error(`expected ${points} points for ${customerId}, the register shows ${pointsOf(r, customerId)}`);
  });
}

describe("points no sale used go back to the customer", () => {
  test("S20 RL52 a register releases an unused redemption online: the points are back on every register; again → same; a used one is refused REDEMPTION_USED", async () => {
    const s = await setup();
    const ann = await customerWithPoints(s.r1, "Ann Release", "ann.release@example.com");
    expect(ann.points).toBeGreaterThan(10);

    const spent = await s.r1.session.redeemPoints(ann.id, 10);
    if (!spent.ok) throw new Error(spent.error.code);
    await pointsBecome(s.r2, ann.id, ann.points - 10);
    // The cashier cleared the ticket: register 2 (the ticket is shared) gives the points back.
    const released = await s.r2.session.releasePoints(spent.value.requestId);
    expect(released).toEqual({ ok: true, value: { redemptionId: spent.value.requestId, customerId: ann.id, points: 10, balance: ann.points } });
    await pointsBecome(s.r1, ann.id, ann.points);
    expect(await s.r1.session.releasePoints(spent.value.requestId)).toEqual(released);

    // A redemption a synced sale carries stays spent.
    const used = await s.r1.session.redeemPoints(ann.id, 5);
    if (!used.ok) throw new Error(used.error.code);
    const sale = await sell(s.r1, { customerId: ann.id, pointsRedeemed: { points: 5, redemptionId: used.value.requestId } }, 1);
    await s.r1.waitFor((x) => x.unsyncedCount === 0);
    const balance = ann.points - 5 + sale.payload.receipt.pointsEarned!;
    await pointsBecome(s.r2, ann.id, balance);
    expect(await s.r2.session.releasePoints(used.value.requestId)).toMatchObject({ ok: false, error: { code: "REDEMPTION_USED" } });
    expect(await s.r2.session.releasePoints("never-redeemed")).toMatchObject({ ok: false, error: { code: "UNKNOWN_REDEMPTION" } });
    expect(pointsOf(s.r2, ann.id)).toBe(balance);
  });

  test("S20 RL52 offline the release fails NO_CONNECTION and changes nothing; the relay releases the redemption itself after pointsRedemptionTtlMs", async () => {
    const s = await setup();
    const bob = await customerWithPoints(s.r1, "Bob Release", "bob.release@example.com");
    const spent = await s.r1.session.redeemPoints(bob.id, bob.points);
    if (!spent.ok) throw new Error(spent.error.code);
    await pointsBecome(s.r1, bob.id, 0);

    await s.offline();
    expect(await s.r1.session.releasePoints(spent.value.requestId)).toMatchObject({ ok: false, error: { code: "NO_CONNECTION" } });
    expect(pointsOf(s.r1, bob.id)).toBe(0);

    // Back online under a relay whose setting has the redemption long expired: the next projection's
    // points refresh gives the points back, without the register asking.
    await s.online({ KASA_POINTS_REDEMPTION_TTL_MS: "1" });
    await pointsBecome(s.r1, bob.id, 0);
    const other = await sell(s.r2, {}, 1);
    await s.r2.waitFor((x) => x.receipts.some((r) => r.event.id === other.id && r.synced));
    await pointsBecome(s.r1, bob.id, bob.points);
    // The points can be spent again; the released request id is not replayed.
    expect(await s.r1.session.redeemPoints(bob.id, bob.points, spent.value.requestId)).toMatchObject({ ok: false, error: { code: "REDEMPTION_RELEASED" } });
    expect(await s.r1.session.redeemPoints(bob.id, bob.points)).toMatchObject({ ok: true, value: { balance: 0 } });
  });
});
