import { describe, expect, test } from "vitest";
import { PAIRING_CODE_TTL_MS } from "../src/db/directory.js";
import { addStore, startRelay } from "./support/relay-fixture.js";
import { rawSocket, joinFrame } from "./support/raw-peer.js";

describe("pairing", () => {
  test("RL6 a pairing code works once and only within 15 minutes (clock injected)", async () => {
    let t = Date.UTC(2026, 10, 29, 9, 0);
    const { relay } = await startRelay({ now: () => t });
    const store = await addStore(relay, "Pairing", 2);
    const [one, two] = store.registers;
    const redeem = async (code: string) => {
      const res = await fetch(`${relay.url}/api/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
      return { status: res.status, body: (await res.json()) as { token?: string; deviceId?: string; error?: { code: string } } };
    };

    const late = relay.directory.newPairingCode(store.storeId, one!.registerId, t);
    const justInTime = relay.directory.newPairingCode(store.storeId, two!.registerId, t);
    t += PAIRING_CODE_TTL_MS - 1;
    const ok = await redeem(justInTime.code);
    expect(ok.status).toBe(200);
    t += 1;
    expect(await redeem(late.code)).toMatchObject({ status: 410, body: { error: { code: "PAIRING_CODE_EXPIRED" } } });
    expect(await redeem(justInTime.code)).toMatchObject({ status: 400, body: { error: { code: "PAIRING_CODE_INVALID" } } });
    // Written with dashes, spaces or in lower case, a code still counts as used.
    const dashed = `${justInTime.code.slice(0, 4)}-${justInTime.code.slice(4)}`.toLowerCase();
    expect(await redeem(dashed)).toMatchObject({ status: 400, body: { error: { code: "PAIRING_CODE_INVALID" } } });
    expect(await redeem("NOSUCHCODE")).toMatchObject({ status: 400, body: { error: { code: "PAIRING_CODE_INVALID" } } });
    // The one redeemed in time gave a token the sync endpoint takes.
    expect((await rawSocket(relay, ok.body.token!, [joinFrame(`${ok.body.deviceId}/x`), Uint8Array.of(0xf6)])).code).toBe(4400);
  });
});
