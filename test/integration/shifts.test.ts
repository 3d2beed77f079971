import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister } from "../support/node-register.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe("shifts on a register", () => {
  test("D22 S3 open → sales → pay out → close with a difference; the shift is Unsynced offline and synced after", async () => {
    const root = await mkdtemp(join(tmpdir(), "kasa-shift-"));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = join(root, "relay");
    const port = await freePort();
    let relay: RelayProcess = await startRelayProcess({ dataDir, port });
    cleanups.push(() => relay.stop());
    const register = await openNodeRegister(join(root, "register"), await pairDemoRegister(relay.url, 1), relay.url);
    cleanups.push(() => register.close());
    await register.waitFor((s) => s.connection.state === "connected");
    await relay.stop();

    const s = register.session;
    expect(await s.openShift(-5)).toMatchObject({ ok: false, error: { code: "CASH_AMOUNT_INVALID" } });
    expect(await s.openShift(20_000)).toMatchObject({ ok: true });
    expect(await s.openShift(0)).toMatchObject({ ok: false, error: { code: "SHIFT_ALREADY_OPEN" } });
    await register.sellMany(2);
    expect(await s.moveCash("out", -100, "x")).toMatchObject({ ok: false, error: { code: "CASH_AMOUNT_INVALID" } });
    expect(await s.moveCash("out", 1_000, "Milk from the corner shop")).toMatchObject({ ok: true });
    const open = s.snapshot.shift!;
    expect(open.synced).toBe(false);
    const cashTaken = s.snapshot.receipts.reduce((sum, r) => sum + r.event.payload.receipt.payments.filter((p) => p.type === "cash").reduce((a, p) => a + p.amount, 0), 0);
    expect(open.report.expectedCash).toBe(20_000 + cashTaken - 1_000);
    expect(open.report.receipts).toBe(2);

    const closed = await s.closeShift(open.report.expectedCash - 50);
    expect(closed).toMatchObject({ ok: true, value: { difference: -50, countedCash: open.report.expectedCash - 50 } });
    expect(s.snapshot.shift).toBeUndefined();
    expect(await s.closeShift(0)).toMatchObject({ ok: false, error: { code: "SHIFT_ALREADY_CLOSED" } });

    const [offline] = await s.shiftHistory();
    expect(offline).toMatchObject({ synced: false, report: { difference: -50, movements: [{ kind: "out", amount: 1_000, comment: "Milk from the corner shop" }] } });

    relay = await startRelayProcess({ dataDir, port });
    await register.waitFor((snap) => snap.unsyncedCount === 0);
    const [synced] = await s.shiftHistory();
    expect(synced?.synced).toBe(true);
  });
});
