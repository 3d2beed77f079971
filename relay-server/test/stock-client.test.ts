import { describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { addStore, pair, startRelay, wsUrl } from "./support/relay-fixture.js";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./support/stock-client-run.ts", import.meta.url));
const CWD = fileURLToPath(new URL("..", import.meta.url));

interface Outcome {
  loaded: boolean;
  content?: string;
  error?: string;
  closes: { code: number; reason: string }[];
  uncaught: string[];
}

async function stockClient(env: Record<string, string>): Promise<Outcome> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", SCRIPT], { cwd: CWD, env: { ...process.env, ...env }, timeout: 20_000 });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Outcome;
}

describe("the stock automerge-repo client", () => {
  test("RL1 RL5 with no token, a wrong token or a revoked token it reads nothing; with a valid one it reads (control)", async () => {
    const { relay } = await startRelay();
    const store = await addStore(relay, "Stock", 2);
    const [valid, revoked] = await Promise.all(store.registers.map((r) => pair(relay, store.storeId, r.registerId)));
    relay.revokeDevice(revoked!.deviceId);
    const base = { RELAY_WS_URL: wsUrl(relay), DOC_URL: store.storeDocUrl };

    const [none, wrong, gone, control] = await Promise.all([
      stockClient(base),
      stockClient({ ...base, TOKEN: "forged-token-forged-token-forged-token-00" }),
      stockClient({ ...base, TOKEN: revoked!.token, PEER_ID: `${revoked!.deviceId}/stock` }),
      stockClient({ ...base, TOKEN: valid!.token, PEER_ID: `${valid!.deviceId}/stock` }),
    ]);

    expect(none.loaded).toBe(false);
    // The stock Node client throws on the 401 it cannot handle; in a register process that is a crash.
    expect(none.uncaught.join()).toMatch(/Unexpected server response: 401/);
    expect(wrong.loaded).toBe(false);
    expect(wrong.closes).toContainEqual({ code: 4401, reason: "UNAUTHENTICATED" });
    expect(gone.loaded).toBe(false);
    expect(gone.closes).toContainEqual({ code: 4403, reason: "DEVICE_REVOKED" });
    expect(control.loaded).toBe(true);
    expect(control.content).toContain('"kind":"store"');
  }, 30_000);
});
