import { describe, expect, test } from "vitest";
import * as A from "@automerge/automerge";
import type { AutomergeUrl, DocumentId } from "@automerge/automerge-repo";
import { docIdOf } from "../src/db/directory.js";
import { addStore, metric, pair, startRelay, type Paired } from "./support/relay-fixture.js";
import { RawPeer, emptySyncData, joinFrame, messageFrame, rawSocket, syncDataWithChange } from "./support/raw-peer.js";

const STORES = 10;
const DEVICES_PER_STORE = 3;

describe("store isolation", () => {
  test("RL4 RL9 10 stores × 3 devices: every read of another store's documents and every write attempt is refused, and nothing changes", async () => {
    const started = performance.now();
    const { relay } = await startRelay();
    const stores: { storeId: string; docs: string[]; devices: Paired[] }[] = [];
    for (let s = 0; s < STORES; s++) {
      const store = await addStore(relay, `Store ${s}`, DEVICES_PER_STORE);
      // A journal per register, as the registers would have synced them.
      for (const r of store.registers) {
        const journal = relay.repo.create({ kind: "journal", n: r.number });
        relay.directory.claimDocument(journal.documentId, { storeId: store.storeId, registerId: r.registerId }, Date.now());
      }
      // Store, tickets, customers, register and journal documents: everything the store owns.
      const docs = relay.directory.documentsOfStore(store.storeId);
      const devices = await Promise.all(store.registers.map((r) => pair(relay, store.storeId, r.registerId)));
      stores.push({ storeId: store.storeId, docs, devices });
    }
    await relay.repo.flush();
    const headsBefore = new Map(stores.flatMap((s) => s.docs).map((id) => [id, A.getHeads(relay.repo.handles[id as DocumentId]!.doc() as A.Doc<unknown>).join()]));

    let reads = 0;
    let writes = 0;
    const empty = emptySyncData();
    const write = syncDataWithChange();
    await Promise.all(
      stores.flatMap((own) =>
        own.devices.map(async (device) => {
          const foreign = stores.filter((s) => s !== own).flatMap((s) => s.docs);
          // Reads: one connection asks for every foreign document, as `sync` and as `request`.
          const peerId = `${device.deviceId}/reader`;
          const peer = await RawPeer.connect(relay, device.token, peerId);
          for (const [i, docId] of foreign.entries()) peer.send(messageFrame(i % 2 === 0 ? "request" : "sync", peerId, docId, empty));
          for (const docId of foreign) await peer.waitFor((m) => m["type"] === "doc-unavailable" && m["documentId"] === docId);
          expect(peer.received.filter((m) => m["type"] === "sync")).toEqual([]);
          reads += foreign.length;
          peer.close();
          // Writes: each attempt carries real changes and costs it its connection, so every device tries one
          // document per foreign store, rotating through store, register and journal documents.
          const others = stores.filter((s) => s !== own);
          for (const [i, other] of others.entries()) {
            const docId = other.docs[(i + own.devices.indexOf(device)) % other.docs.length]!;
            const w = `${device.deviceId}/writer`;
            expect(await rawSocket(relay, device.token, [joinFrame(w), messageFrame("sync", w, docId, write)])).toEqual({ code: 4403, reason: "FORBIDDEN" });
            writes++;
          }
        }),
      ),
    );

    for (const [id, heads] of headsBefore) expect(A.getHeads(relay.repo.handles[id as DocumentId]!.doc() as A.Doc<unknown>).join()).toBe(heads);
    expect(await metric(relay, "kasa_refused_document_reads_total")).toBe(reads);
    expect(await metric(relay, "kasa_rejected_connections_total", { code: "FORBIDDEN" })).toBe(writes);
    expect(reads).toBe(STORES * DEVICES_PER_STORE * (STORES - 1) * (3 + 2 * DEVICES_PER_STORE));
    expect(writes).toBe(STORES * DEVICES_PER_STORE * (STORES - 1));
    console.log(`RL9 cross-store: ${reads} reads and ${writes} writes by ${STORES * DEVICES_PER_STORE} devices refused, 0 documents changed (${Math.round(performance.now() - started)} ms)`);
  }, 60_000);

  test("RL9 within a store, a register reads the store and customers documents but may not write them, nor touch another register's documents; its own and the open tickets it writes", async () => {
    const { relay } = await startRelay();
    const store = await addStore(relay, "Shop", 2);
    const [one, two] = await Promise.all(store.registers.map((r) => pair(relay, store.storeId, r.registerId)));
    const storeDoc = relay.repo.handles[docIdOf(store.storeDocUrl) as DocumentId]!.doc() as A.Doc<unknown>;
    const p = `${one!.deviceId}/p`;

    const reader = await RawPeer.connect(relay, one!.token, p);
    reader.send(messageFrame("request", p, docIdOf(store.storeDocUrl), emptySyncData()));
    await reader.waitFor((m) => m["type"] === "sync" && m["documentId"] === docIdOf(store.storeDocUrl));
    reader.send(messageFrame("request", p, docIdOf(two!.registerDocUrl), emptySyncData()));
    await reader.waitFor((m) => m["type"] === "doc-unavailable" && m["documentId"] === docIdOf(two!.registerDocUrl));
    reader.close();

    // Store-wide documents are read-only for devices, whether the change comes as `sync` or smuggled in a `request`.
    expect(await rawSocket(relay, one!.token, [joinFrame(p), messageFrame("sync", p, docIdOf(store.storeDocUrl), syncDataWithChange(storeDoc))])).toEqual({ code: 4403, reason: "FORBIDDEN" });
    expect(await rawSocket(relay, one!.token, [joinFrame(p), messageFrame("request", p, docIdOf(store.storeDocUrl), syncDataWithChange(storeDoc))])).toEqual({ code: 4403, reason: "FORBIDDEN" });
    expect(await rawSocket(relay, one!.token, [joinFrame(p), messageFrame("sync", p, docIdOf(two!.registerDocUrl), syncDataWithChange())])).toEqual({ code: 4403, reason: "FORBIDDEN" });
    expect(JSON.stringify(relay.repo.handles[docIdOf(store.storeDocUrl) as DocumentId]!.doc())).not.toContain("intruder");

    const { ticketsDocUrl, customersDocUrl } = storeDoc as unknown as { ticketsDocUrl: { val: string }; customersDocUrl: { val: string } };
    const customers = await relay.repo.find(customersDocUrl.val as AutomergeUrl);
    expect(await rawSocket(relay, one!.token, [joinFrame(p), messageFrame("sync", p, docIdOf(customersDocUrl.val), syncDataWithChange(customers.doc() as A.Doc<unknown>))])).toEqual({ code: 4403, reason: "FORBIDDEN" });

    // Its own register document and the store's open tickets take the same kind of change.
    for (const url of [one!.registerDocUrl, ticketsDocUrl.val]) {
      const handle = await relay.repo.find(url as AutomergeUrl);
      const writer = await RawPeer.connect(relay, one!.token, p);
      writer.send(messageFrame("sync", p, docIdOf(url), syncDataWithChange(handle.doc() as A.Doc<unknown>)));
      await expect.poll(() => JSON.stringify(handle.doc())).toContain("intruder");
      writer.close();
      await writer.closed;
    }
  });
});
