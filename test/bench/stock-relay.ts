// P4's reference: the stock automerge-repo sync server (the websocket server adapter and NodeFS
// storage, no authentication, no validation, no durable ack), as its own process like Kasa's relay.
//   node --import tsx test/bench/stock-relay.ts   with STOCK_PORT, STOCK_DIR, STOCK_TARGETS (a JSON
//   file of { docId, heads }[]). Prints "listening" once it accepts connections, then "durable"
//   once every target document holds those heads and has been flushed to disk.
import { WebSocketServer } from "ws";
import * as A from "@automerge/automerge";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { NodeWSServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import { readFileSync } from "node:fs";

const port = Number(process.env.STOCK_PORT);
const targets = JSON.parse(readFileSync(process.env.STOCK_TARGETS!, "utf8")) as { docId: string; heads: string[] }[];

const wss = new WebSocketServer({ port, host: "127.0.0.1" });
// ws's own types and the adapter's isomorphic-ws types differ (research/automerge.md, gotcha 7).
const repo = new Repo({ network: [new NodeWSServerAdapter(wss as never)], storage: new NodeFSStorageAdapter(process.env.STOCK_DIR!) });
// Connections that arrive before the storage id resolves are ignored by 2.5.6 (gotcha 8).
await repo.storageId();
await new Promise<void>((resolve) => (wss.address() ? resolve() : wss.once("listening", () => resolve())));
console.log("listening");

// "Durable" for the stock setup: the server's handle holds the register's heads and a flush of
// that document has finished (NodeFS writes, no fsync — that is the stock adapter).
const pending = new Map(targets.map((t) => [t.docId, t.heads]));
const flushing = new Set<string>();
const timer = setInterval(() => {
  for (const [docId, heads] of pending) {
    if (flushing.has(docId)) continue;
    const handle = repo.handles[docId as DocumentId];
    if (!handle?.isReady() || !A.hasHeads(handle.doc() as A.Doc<unknown>, heads)) continue;
    flushing.add(docId);
    void repo.flush([docId as DocumentId]).then(() => {
      pending.delete(docId);
      if (pending.size === 0) {
        clearInterval(timer);
        console.log("durable");
      }
    });
  }
}, 5);

process.on("SIGTERM", () => {
  clearInterval(timer);
  wss.close();
  void repo.shutdown().finally(() => process.exit(0));
});
