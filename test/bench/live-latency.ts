import { performance } from "node:perf_hooks";
import type { NodeRegister } from "../support/node-register.js";
import { summarize, type Summary } from "./stats.js";

/**
 * P5: an online sale until the back office hears of it — the relay's live stream (server-sent
 * events, fed by the read model after the durable flush) as an owner's dashboard receives it.
 */
export async function liveLatency(register: NodeRegister, relayUrl: string, owner: { email: string; password: string }, n: number): Promise<Summary> {
  const login = await fetch(`${relayUrl}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const storeId = register.session.paired.storeId;
  const controller = new AbortController();
  const stream = await fetch(`${relayUrl}/api/stores/${storeId}/live`, { headers: { cookie }, signal: controller.signal });
  const seen = new Map<string, number>();
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (const match of buffer.matchAll(/"eventId":"([^"]+)"/g)) if (!seen.has(match[1]!)) seen.set(match[1]!, performance.now());
      buffer = buffer.slice(-200);
    }
  })();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const [id] = await register.sellMany(1);
    while (!seen.has(id!)) await new Promise((r) => setTimeout(r, 2));
    samples.push(seen.get(id!)! - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  controller.abort();
  return summarize(samples);
}
