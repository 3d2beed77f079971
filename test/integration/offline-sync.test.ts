import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";
import { eventsOnRelayDisk } from "../support/relay-replica.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function setup() {
  const root = await mkdtemp(join(tmpdir(), "kasa-it-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, "relay");
  const port = await freePort();
  let relay: RelayProcess | undefined = await startRelayProcess({ dataDir, port });
  cleanups.push(async () => relay?.stop());
  const paired = [await pairDemoRegister(relay.url, 1), await pairDemoRegister(relay.url, 2)];
  const registers: NodeRegister[] = [];
  for (const [i, p] of paired.entries()) {
    const r = await openNodeRegister(join(root, `register-${i + 1}`), p, relay.url);
    cleanups.push(() => r.close());
    registers.push(r);
  }
  await Promise.all(registers.map((r) => r.waitFor((s) => s.connection.state === "connected")));
  return {
    dataDir,
    registers,
    get relay() {
      return relay!;
    },
    async startRelay() {
      relay = await startRelayProcess({ dataDir, port });
    },
    async stopRelay(kill9 = false) {
      await (kill9 ? relay!.kill9() : relay!.stop());
    },
  };
}

describe("offline sale reaches the relay", () => {
  test("O1 O2 S3 sales made while the relay is down are Unsynced, then synced exactly once after it starts", async () => {
    const s = await setup();
    await s.stopRelay();
    await Promise.all(s.registers.map((r) => r.waitFor((snap) => snap.connection.state !== "connected")));

    const sold = await Promise.all(s.registers.map((r) => r.sellMany(10)));
    for (const r of s.registers) {
      expect(r.session.snapshot.unsyncedCount).toBe(10);
      expect(r.session.snapshot.receipts.filter((x) => !x.synced)).toHaveLength(10);
    }
    const numbers = s.registers.flatMap((r) => r.session.snapshot.receipts.map((x) => x.event.payload.receipt.number));
    expect(new Set(numbers).size).toBe(20);

    await s.startRelay();
    await Promise.all(s.registers.map((r) => r.waitFor((snap) => snap.unsyncedCount === 0)));
    for (const r of s.registers) expect(r.session.snapshot.receipts.every((x) => x.synced)).toBe(true);

    await s.stopRelay();
    const onDisk = await eventsOnRelayDisk(s.dataDir, s.registers.flatMap((r) => r.session.journalUrls));
    expect(onDisk.sort()).toEqual(sold.flat().sort());
  });

  test("O2 S3 kill -9 of the relay right after a receipt turned synced loses nothing", async () => {
    const s = await setup();
    const [register] = s.registers;
    const acked: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [id] = await register!.sellMany(1);
      await register!.waitFor((snap) => snap.receipts.find((x) => x.event.id === id)?.synced === true);
      acked.push(id!);
      await s.stopRelay(true);
      const onDisk = await eventsOnRelayDisk(s.dataDir, register!.session.journalUrls);
      expect(onDisk).toEqual(expect.arrayContaining(acked));
      await s.startRelay();
      await register!.waitFor((snap) => snap.connection.state === "connected");
    }
  });

  test("S4 S5 S7 a register restarted while offline keeps its Unsynced count and pushes its journals once the relay is back", async () => {
    const s = await setup();
    const [register] = s.registers;
    await s.stopRelay();
    await register!.waitFor((snap) => snap.connection.state !== "connected");
    const sold = await register!.sellMany(5);
    const paired = register!.session.paired;
    await register!.close();

    const reopened = await openNodeRegister(join(s.dataDir, "..", "register-1"), paired, s.relay.url);
    cleanups.push(() => reopened.close());
    expect(reopened.session.snapshot.unsyncedCount).toBe(5);
    expect(reopened.session.snapshot.receipts.filter((r) => !r.synced).map((r) => r.event.id).sort()).toEqual([...sold].sort());
    // S7: numbering continues after the restart, nothing reused.
    const highest = Math.max(...reopened.session.snapshot.receipts.map((r) => r.event.payload.receipt.sequence));
    const [again] = await reopened.sellMany(1);
    expect(reopened.session.snapshot.receipts.find((r) => r.event.id === again)?.event.payload.receipt.sequence).toBe(highest + 1);
    sold.push(again!);

    await s.startRelay();
    await reopened.waitFor((snap) => snap.unsyncedCount === 0);
    await s.stopRelay();
    const onDisk = await eventsOnRelayDisk(s.dataDir, reopened.session.journalUrls);
    expect(onDisk).toEqual(expect.arrayContaining(sold));
  });

  test("S8 a relay that refuses the register (bad token) leaves it selling, its sales Unsynced", async () => {
    const s = await setup();
    const [register] = s.registers;
    const paired = { ...register!.session.paired, token: "x".repeat(43) };
    await register!.close();
    const refused = await openNodeRegister(join(s.dataDir, "..", "register-1"), paired, s.relay.url);
    cleanups.push(() => refused.close());
    await refused.waitFor((snap) => snap.connection.state === "refused" || (snap.connection.state === "offline" && snap.connection.lastError !== undefined));
    const sold = await refused.sellMany(3);
    expect(refused.session.snapshot.unsyncedCount).toBe(3);
    expect(refused.session.snapshot.receipts.filter((r) => sold.includes(r.event.id)).every((r) => !r.synced)).toBe(true);
  });

  test("S21 the snapshot is built when read: the same object until something changes, then one with the sale", async () => {
    const s = await setup();
    const r = s.registers[0]!;
    const before = r.session.snapshot;
    expect(r.session.snapshot).toBe(before);
    let notified = 0;
    const off = r.session.subscribe(() => void notified++);
    const [id] = await r.sellMany(1);
    off();
    expect(notified).toBeGreaterThan(0);
    const after = r.session.snapshot;
    expect(after).not.toBe(before);
    expect(after.receipts.map((x) => x.event.id)).toContain(id);
    expect(before.receipts.map((x) => x.event.id)).not.toContain(id);
    expect(r.session.snapshot).toBe(after);
  });

  test("S22 opening on a day without a journal creates it; the day's first sale only appends to it", async () => {
    const s = await setup();
    const r = s.registers[0]!;
    const urls = r.session.journalUrls;
    expect(urls).toHaveLength(1);
    const [id] = await r.sellMany(1);
    expect(r.session.journalUrls).toEqual(urls);
    await r.waitFor((x) => x.unsyncedCount === 0);
    expect(await eventsOnRelayDisk(s.dataDir, urls)).toContain(id);
  });

  test("S2 a refused sale writes nothing: unknown item, zero quantity, short payment", async () => {
    const s = await setup();
    const [register] = s.registers;
    await register!.sellMany(1);
    const before = register!.session.snapshot.receipts.length;
    const item = Object.values(register!.session.snapshot.store.catalog.items)[0]!;
    const cases = [
      { input: { lines: [{ itemId: "nope", quantityMilli: 1000 }], payments: [{ type: "cash", received: 100_000 }] }, code: "UNKNOWN_ITEM" },
      { input: { lines: [{ itemId: item.id, quantityMilli: 0 }], payments: [{ type: "cash", received: 100_000 }] }, code: "LINE_QUANTITY_NOT_POSITIVE" },
      { input: { lines: [{ itemId: item.id, quantityMilli: -1000 }], payments: [{ type: "cash", received: 100_000 }] }, code: "LINE_QUANTITY_NOT_POSITIVE" },
      { input: { lines: [{ itemId: item.id, quantityMilli: 1000 }], payments: [{ type: "cash", received: 1 }] }, code: "PAYMENT_SHORT" },
    ] as const;
    for (const c of cases) {
      const r = await register!.session.sell(c.input as never);
      expect(r).toMatchObject({ ok: false, error: { code: c.code } });
    }
    expect(register!.session.snapshot.receipts).toHaveLength(before);
    const [next] = await register!.sellMany(1);
    const numbers = register!.session.snapshot.receipts.map((x) => x.event.payload.receipt.number);
    expect(numbers).toContain("1-1002"); // the refused sales consumed no receipt number
    expect(next).toBeDefined();
  });
});
