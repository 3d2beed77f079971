import { expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { hashPassword } from "../src/auth/secrets.js";
import { addStore, startRelay } from "./support/relay-fixture.js";

// SPEC RL62: a graceful shutdown does not wait for the back office's live stream (a response that
// never ends on its own): requests in flight get 2 s, then what is left is closed.

test("RL62 close() with a back-office live stream open finishes after the grace period, not when the stream would end", async () => {
  const { relay } = await startRelay();
  const store = await addStore(relay, "Shutdown café");
  const email = `owner-${randomUUID()}@example.com`;
  relay.directory.createOwner(`owner-${randomUUID()}`, email, await hashPassword("secret-pass"), [store.storeId], Date.now());
  const session = await fetch(`${relay.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "secret-pass" }) });
  const cookie = session.headers.get("set-cookie")!.split(";")[0]!;
  const live = await fetch(`${relay.url}/api/stores/${store.storeId}/live`, { headers: { cookie } });
  expect(live.status).toBe(200);
  const reader = live.body!.getReader();

  // The stream is cut by the shutdown (it would otherwise stay open: the relay pings it forever).
  const streamEnded = (async () => {
    try {
      for (;;) if ((await reader.read()).done) return "ended";
    } catch {
      return "cut";
    }
  })();
  // Before RL62 this waited as long as the stream stayed open (about two minutes with a browser): the test timed out.
  await relay.close();
  expect(["ended", "cut"]).toContain(await streamEnded);
});
