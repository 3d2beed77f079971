import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { pino } from "pino";
import { cbor } from "@automerge/automerge-repo/slim";
import { Repo, type AutomergeUrl, type PeerId } from "@automerge/automerge-repo";
import { RelayClientAdapter, type WebSocketConstructor } from "@kasa/sync";
import { completeSale, newEventId, type BusinessDay, type ItemId, type RegisterId, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc, readStore } from "@kasa/documents";
import { createRelayServer, type RelayServer } from "../src/index.js";
import { deviceRepo as connectDevice } from "./support/relay-fixture.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

interface Paired {
  deviceId: string;
  registerId: string;
  token: string;
  storeDocUrl: string;
  registerDocUrl: string;
}

async function relayWithDemo(): Promise<{ relay: RelayServer; pair: (n: number) => Promise<Paired> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "kasa-relay-"));
  const relay = await createRelayServer({ port: 0, dataDir, demo: true, logger: pino({ level: "silent" }) });
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  cleanups.push(() => relay.close());
  const pair = async (n: number) => {
    const demo = (await (await fetch(`${relay.url}/api/demo`)).json()) as { stores: { storeId: string }[] };
    const { code } = (await (await fetch(`${relay.url}/api/demo/stores/${demo.stores[0]!.storeId}/registers/${n}/pairing-code`, { method: "POST" })).json()) as { code: string };
    const res = await fetch(`${relay.url}/api/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
    return (await res.json()) as Paired;
  };
  return { relay, pair };
}

const wsUrl = (relay: RelayServer) => relay.url.replace("http", "ws") + "/sync";

/** Opens a raw socket; resolves with the close code (or the HTTP status of a refused upgrade). */
function rawSocket(relay: RelayServer, token: string | undefined, frames: (Uint8Array | Buffer)[] = []): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(relay), token ? ["kasa.v1", `kasa.token.${token}`] : ["kasa.v1"]);
    ws.on("unexpected-response", (_req, res) => resolve({ code: res.statusCode ?? 0, reason: "http" }));
    ws.on("error", () => undefined);
    ws.on("open", () => frames.forEach((f) => ws.send(f)));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

function joinFrame(peerId: string): Uint8Array {
  return cbor.encode({ type: "join", senderId: peerId, peerMetadata: { storageId: undefined, isEphemeral: true }, supportedProtocolVersions: ["1"] });
}

/** A Repo connected with a device's token, as a register would be. */
function deviceRepo(relay: RelayServer, paired: Paired, peerId = `${paired.deviceId}/t`): Repo {
  const connection = new RelayClientAdapter({ url: wsUrl(relay), token: paired.token, WebSocket: WebSocket as unknown as WebSocketConstructor, retry: { initialMs: 50, maxMs: 200 } });
  const repo = new Repo({ network: [connection], peerId: peerId as PeerId });
  cleanups.push(() => repo.shutdown());
  return repo;
}

describe("relay guards", () => {
  test("RL1 no token gets HTTP 401; a wrong token is closed with 4401 right after the handshake and never reaches the repo; other paths 404", async () => {
    const { relay } = await relayWithDemo();
    expect((await rawSocket(relay, undefined)).code).toBe(401);
    const wrong = await rawSocket(relay, "not-a-real-token-000000000000000000", [joinFrame("dev-x/1")]);
    expect(wrong).toEqual({ code: 4401, reason: "UNAUTHENTICATED" });
    expect(relay.repo.peers).toEqual([]);
    const other = await new Promise<number>((resolve) => {
      const ws = new WebSocket(relay.url.replace("http", "ws") + "/elsewhere", ["kasa.v1"]);
      ws.on("unexpected-response", (_r, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => undefined);
    });
    expect(other).toBe(404);
  });

  test("RL2 a CBOR null frame, garbage bytes or an unknown message type close that connection with 4400 and the relay keeps serving", async () => {
    const { relay, pair } = await relayWithDemo();
    const p = await pair(1);
    expect(await rawSocket(relay, p.token, [Buffer.from([0xf6])])).toEqual({ code: 4400, reason: "MALFORMED_FRAME" });
    expect((await rawSocket(relay, p.token, [Buffer.from([0xff, 0x00, 0x13])])).code).toBe(4400);
    expect((await rawSocket(relay, p.token, [cbor.encode({ type: "evil", senderId: `${p.deviceId}/x` })])).code).toBe(4400);
    expect((await rawSocket(relay, p.token, [joinFrame(`${p.deviceId}/x`), cbor.encode({ type: "sync", senderId: `${p.deviceId}/x`, targetId: "r" })])).code).toBe(4400);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    const repo = deviceRepo(relay, p);
    const store = await repo.find(p.storeDocUrl as AutomergeUrl);
    expect((store.doc() as { kind: unknown }).kind?.toString()).toBe("store");
  });

  test("RL3 a device that joins with another device's peer id is disconnected with 4409", async () => {
    const { relay, pair } = await relayWithDemo();
    const a = await pair(1);
    const b = await pair(2);
    expect(await rawSocket(relay, a.token, [joinFrame(`${b.deviceId}/spoof`)])).toEqual({ code: 4409, reason: "PEER_ID_MISMATCH" });
  });

  test("RL4 a register can open its store's documents but not another register's register document", async () => {
    const { relay, pair } = await relayWithDemo();
    const a = await pair(1);
    const b = await pair(2);
    const repo = deviceRepo(relay, a);
    await expect(repo.find(a.registerDocUrl as AutomergeUrl)).resolves.toBeDefined();
    await expect(repo.find(b.registerDocUrl as AutomergeUrl)).rejects.toThrow(/unavailable/);
  });

  test("RL5 a revoked device is disconnected at once with 4403 and refused afterwards with 4403 DEVICE_REVOKED", async () => {
    const { relay, pair } = await relayWithDemo();
    const a = await pair(1);
    const { repo, connection } = connectDevice(relay, { ...a, storeId: "" });
    await repo.find(a.storeDocUrl as AutomergeUrl);
    expect(relay.revokeDevice(a.deviceId)).toBe(true);
    // The register's own adapter turns 4403 into "refused" (packages/sync RC4): what a browser register shows.
    await expect.poll(() => connection.state).toBe("refused");
    expect(connection.lastRejection).toEqual({ code: 4403, reason: "DEVICE_REVOKED" });
    expect(await rawSocket(relay, a.token, [joinFrame(`${a.deviceId}/again`)])).toEqual({ code: 4403, reason: "DEVICE_REVOKED" });
  });

  test("RL6 a pairing code works once", async () => {
    const { relay } = await relayWithDemo();
    const demo = (await (await fetch(`${relay.url}/api/demo`)).json()) as { stores: { storeId: string }[] };
    const { code } = (await (await fetch(`${relay.url}/api/demo/stores/${demo.stores[0]!.storeId}/registers/1/pairing-code`, { method: "POST" })).json()) as { code: string };
    const pairOnce = () => fetch(`${relay.url}/api/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
    expect((await pairOnce()).status).toBe(200);
    const second = await pairOnce();
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: { code: "PAIRING_CODE_INVALID" } });
    const bad = await fetch(`${relay.url}/api/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });
});

describe("read model projection", () => {
  test("RL7 durable acks go out for journals only: the store document every register syncs gets none", async () => {
    const { relay, pair } = await relayWithDemo();
    const a = await pair(1);
    const repo = deviceRepo(relay, a);
    const storeHandle = await repo.find(a.storeDocUrl as AutomergeUrl);
    const store = readStore(storeHandle.doc());
    const acks = (handle: { on(e: "ephemeral-message", f: (p: { message: unknown }) => void): void }) => {
      const seen: unknown[] = [];
      handle.on("ephemeral-message", ({ message }) => void ((message as { type?: string })?.type === "kasa/durable" && seen.push(message)));
      return seen;
    };
    const storeAcks = acks(storeHandle);
    const journal = repo.create(initialJournalDoc(store.storeId, a.registerId as RegisterId, "2026-11-29" as BusinessDay));
    const journalAcks = acks(journal);
    journal.change((d) => void ((d as unknown as { note?: number }).note = 1));
    await expect.poll(() => journalAcks.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // The store document was synced before the journal existed; an ack for it would have come first.
    expect(storeAcks).toEqual([]);
  });

  test("RL7 durable journal events are projected once; an event naming another store is quarantined and blocks nothing", async () => {
    const { relay, pair } = await relayWithDemo();
    const a = await pair(1);
    const repo = deviceRepo(relay, a);
    const store = readStore((await repo.find(a.storeDocUrl as AutomergeUrl)).doc());
    const item = Object.values(store.catalog.items)[0]!;
    const registerId = a.registerId as RegisterId;
    const make = (n: number, storeId: string) => {
      const r = completeSale(
        {
          catalog: store.catalog,
          currency: store.settings.currency,
          storeId: storeId as StoreId,
          registerId,
          registerNumber: 1,
          sequence: 1000 + n,
          eventId: newEventId({ now: () => Date.now(), randomBytes: (k) => crypto.getRandomValues(new Uint8Array(k)) }),
          now: Date.now(),
        },
        { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "card", amount: item.price }] },
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const good = make(1, store.storeId);
    const foreign = make(2, "some-other-store");
    const journal = repo.create(initialJournalDoc(store.storeId, registerId, "2026-11-29" as BusinessDay));
    journal.change((d) => {
      appendEvent(d, good);
      appendEvent(d, foreign);
    });
    journal.change((d) => void appendEvent(d, good)); // a duplicate delivery changes nothing
    await expect.poll(() => relay.readModel.receipts(store.storeId, { limit: 10 }).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => relay.readModel.quarantined(store.storeId).map((q) => q.code)).toEqual(["WRONG_STORE"]);
    expect(relay.readModel.receipts(store.storeId, { limit: 10 })[0]).toMatchObject({ eventId: good.id, number: "1-1001", total: item.price });
  });
});
