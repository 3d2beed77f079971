// Runs automerge-repo's stock WebSocketClientAdapter against a relay, in its own process: the stock
// Node client throws from an event handler on an HTTP 401 (research/automerge.md P2), which would
// take a test runner down with it. Prints one JSON line: did the document load, and what happened.
//
// The stock client cannot send a subprotocol, so a token is added by swapping the `ws` class it
// loads through isomorphic-ws for a subclass that only fills in the protocols; nothing else changes.
import { createRequire } from "node:module";

const { RELAY_WS_URL, TOKEN, PEER_ID, DOC_URL } = process.env;
const closes: { code: number; reason: string }[] = [];
const uncaught: string[] = [];
process.on("uncaughtException", (error) => uncaught.push(error.message));

const require = createRequire(import.meta.url);
const fromAdapter = createRequire(require.resolve("@automerge/automerge-repo-network-websocket"));
const fromIsomorphic = createRequire(fromAdapter.resolve("isomorphic-ws"));
const wsPath = fromIsomorphic.resolve("ws");
type WsClass = new (url: string, protocols?: string[], options?: object) => { on(e: "close", f: (code: number, reason: Buffer) => void): void };
const Ws = fromIsomorphic("ws") as WsClass;
class RecordingWebSocket extends Ws {
  constructor(url: string, protocols?: string[], options?: object) {
    super(url, protocols ?? (TOKEN ? ["kasa.v1", `kasa.token.${TOKEN}`] : undefined), options);
    this.on("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
  }
}
require.cache[wsPath]!.exports = RecordingWebSocket;

const { Repo } = await import("@automerge/automerge-repo");
const { WebSocketClientAdapter } = await import("@automerge/automerge-repo-network-websocket");
const repo = new Repo({ network: [new WebSocketClientAdapter(RELAY_WS_URL!, 300)], ...(PEER_ID ? { peerId: PEER_ID as never } : {}) });
let outcome: { loaded: boolean; content?: string; error?: string };
try {
  const handle = await repo.find(DOC_URL as never, { signal: AbortSignal.timeout(2_500) });
  outcome = { loaded: true, content: JSON.stringify(handle.doc()).slice(0, 200) };
} catch (error) {
  outcome = { loaded: false, error: (error as Error).message };
}
console.log(JSON.stringify({ ...outcome, closes, uncaught: [...new Set(uncaught)] }));
process.exit(0);
