import { describe, expect, test } from "vitest";
import { TokenBucket } from "../src/sync/token-bucket.js";
import { docIdOf } from "../src/db/directory.js";
import { generateAutomergeUrl, parseAutomergeUrl } from "@automerge/automerge-repo";
import { addStore, metric, pair, startRelay } from "./support/relay-fixture.js";
import { RawPeer, emptySyncData, joinFrame, messageFrame, rawSocket, syncDataWithChange } from "./support/raw-peer.js";

const newDocId = () => parseAutomergeUrl(generateAutomergeUrl()).documentId;

describe("limits", () => {
  test("RL10 a frame over maxFrameBytes is closed with 1009 before it is read, and counted", async () => {
    const { relay } = await startRelay({ maxFrameBytes: 4096 });
    const store = await addStore(relay, "Frames", 1);
    const d = await pair(relay, store.storeId, store.registers[0]!.registerId);
    expect((await rawSocket(relay, d.token, [new Uint8Array(4097)])).code).toBe(1009);
    // A frame just under the limit is judged on its content instead.
    expect((await rawSocket(relay, d.token, [new Uint8Array(4000)])).code).toBe(4400);
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "FRAME_TOO_LARGE" })).toBe(1);
  });

  test("RL11 documents per store: the one past maxDocumentsPerStore is refused with 4507, other stores unaffected", async () => {
    // A store starts with 5 documents (store, tickets, customers, 2 registers); room for exactly one more.
    const { relay } = await startRelay({ maxDocumentsPerStore: 6 });
    const full = await addStore(relay, "Full", 2);
    const roomy = await addStore(relay, "Roomy", 1);
    const d = await pair(relay, full.storeId, full.registers[0]!.registerId);
    const p = `${d.deviceId}/p`;
    const peer = await RawPeer.connect(relay, d.token, p);
    const first = newDocId();
    peer.send(messageFrame("sync", p, first, syncDataWithChange()));
    await expect.poll(() => relay.directory.documentOwner(first)?.storeId).toBe(full.storeId);
    peer.send(messageFrame("sync", p, newDocId(), syncDataWithChange()));
    expect(await peer.closed).toEqual({ code: 4507, reason: "DOCUMENT_LIMIT" });
    expect(relay.directory.documentCountOfStore(full.storeId)).toBe(6);
    const r = await pair(relay, roomy.storeId, roomy.registers[0]!.registerId);
    const q = `${r.deviceId}/q`;
    const other = await RawPeer.connect(relay, r.token, q);
    other.send(messageFrame("sync", q, newDocId(), syncDataWithChange()));
    await expect.poll(() => relay.directory.documentCountOfStore(roomy.storeId)).toBe(5);
    other.close();
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "DOCUMENT_LIMIT" })).toBe(1);
  });

  test("RL12 connections per device and per IP: one more is closed with 4429; X-Forwarded-For counts only behind a trusted proxy", async () => {
    const { relay } = await startRelay({ maxConnectionsPerDevice: 2, maxConnectionsPerIp: 3 });
    const store = await addStore(relay, "Caps", 3);
    const [a, b, c] = await Promise.all(store.registers.map((r) => pair(relay, store.storeId, r.registerId)));
    const a1 = await RawPeer.connect(relay, a!.token, `${a!.deviceId}/1`);
    const a2 = await RawPeer.connect(relay, a!.token, `${a!.deviceId}/2`);
    expect(await rawSocket(relay, a!.token)).toEqual({ code: 4429, reason: "TOO_MANY_CONNECTIONS" });
    const b1 = await RawPeer.connect(relay, b!.token, `${b!.deviceId}/1`);
    // Four from 127.0.0.1 would be one too many; a client-supplied X-Forwarded-For changes nothing without trustProxy.
    expect(await rawSocket(relay, c!.token, [], { "x-forwarded-for": "203.0.113.9" })).toEqual({ code: 4429, reason: "TOO_MANY_CONNECTIONS" });
    a2.close();
    await a2.closed;
    // Accepted now: the malformed frame after the join proves it got past the upgrade.
    await expect.poll(async () => (await rawSocket(relay, c!.token, [joinFrame(`${c!.deviceId}/x`), Uint8Array.of(0xf6)])).code).toBe(4400);
    a1.close();
    b1.close();
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "TOO_MANY_CONNECTIONS" })).toBe(2);

    const proxied = await startRelay({ maxConnectionsPerIp: 1, trustProxy: true });
    const s2 = await addStore(proxied.relay, "Proxied", 2);
    const [x, y] = await Promise.all(s2.registers.map((r) => pair(proxied.relay, s2.storeId, r.registerId)));
    const viaProxy = (token: string, ip: string) => rawSocket(proxied.relay, token, [Uint8Array.of(0xf6)], { "x-forwarded-for": `198.51.100.1, ${ip}` });
    const held = await RawPeer.connect(proxied.relay, x!.token, `${x!.deviceId}/1`);
    // The RawPeer came without X-Forwarded-For (its socket address counts); two shops behind the proxy have their own budget.
    expect((await viaProxy(y!.token, "192.0.2.10")).code).toBe(4400);
    expect((await viaProxy(y!.token, "192.0.2.11")).code).toBe(4400);
    held.close();
  });

  test("RL12 a connection sending faster than messagesPerSecond beyond its burst is closed with 4429 RATE_LIMITED", async () => {
    // Each reading of the clock moves it by `step`: 100 ms paces frames at exactly the sustained rate, 0 sends them all at once.
    let t = 1_000_000;
    let step = 0;
    const { relay } = await startRelay({ messagesPerSecond: 10, messageBurst: 20, now: () => (t += step) });
    const store = await addStore(relay, "Rate", 1);
    const d = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const p = `${d.deviceId}/p`;
    const doc = docIdOf(d.registerDocUrl);
    step = 100;
    const paced = await RawPeer.connect(relay, d.token, p);
    const framesBefore = (await metric(relay, "kasa_frames_in_total")) ?? 0;
    for (let i = 0; i < 60; i++) paced.send(messageFrame("request", p, doc, emptySyncData()));
    await expect.poll(() => metric(relay, "kasa_frames_in_total")).toBe(framesBefore + 60);
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "RATE_LIMITED" })).toBeUndefined();
    paced.close();
    await paced.closed;
    step = 0;
    const frames = [joinFrame(p), ...Array.from({ length: 25 }, () => messageFrame("request", p, doc, emptySyncData()))];
    expect(await rawSocket(relay, d.token, frames)).toEqual({ code: 4429, reason: "RATE_LIMITED" });
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "RATE_LIMITED" })).toBe(1);
  });

  test("RL12 the token bucket allows its burst, then refills at the sustained rate and never above the burst", () => {
    let t = 0;
    const bucket = new TokenBucket(10, 5, () => t);
    expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([true, true, true, true, true, false]);
    t += 100;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    t += 60_000;
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });

  test("RL13 browsers from other origins are closed with 4403 ORIGIN_NOT_ALLOWED; same origin, listed origins and non-browsers pass", async () => {
    const { relay } = await startRelay({ allowedOrigins: ["https://pos.example.com"] });
    const store = await addStore(relay, "Origins", 1);
    const d = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const j = [joinFrame(`${d.deviceId}/o`)];
    const host = new URL(relay.url).host;
    expect(await rawSocket(relay, d.token, j, { origin: "https://evil.example" })).toEqual({ code: 4403, reason: "ORIGIN_NOT_ALLOWED" });
    expect(await rawSocket(relay, d.token, j, { origin: "null" })).toEqual({ code: 4403, reason: "ORIGIN_NOT_ALLOWED" });
    // Accepted ones stay open until the client leaves; rawSocket sees the client's own close (1005 = no status).
    for (const origin of [`http://${host}`, `https://${host}`, "https://pos.example.com"]) {
      expect((await rawSocket(relay, d.token, [...j, Uint8Array.of(0xf6)], { origin })).code).toBe(4400);
    }
    expect((await rawSocket(relay, d.token, [...j, Uint8Array.of(0xf6)])).code).toBe(4400);
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "ORIGIN_NOT_ALLOWED" })).toBe(2);
  });
});
