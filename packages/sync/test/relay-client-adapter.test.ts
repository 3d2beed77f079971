import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { Repo, cbor, type Message, type PeerId } from "@automerge/automerge-repo";
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { WebSocket as WsWebSocket, WebSocketServer as WsWebSocketServer } from "ws";
import { backoffDelay } from "../src/backoff.js";
import {
  KASA_SUBPROTOCOL,
  RelayClientAdapter,
  TOKEN_SUBPROTOCOL_PREFIX,
  tokenFromSubprotocols,
  type RelayClientAdapterOptions,
  type RelayConnectionState,
  type RelayTimers,
  type WebSocketConstructor,
} from "../src/relay-client-adapter.js";

// Real sockets on 127.0.0.1 throughout; only retry intervals are shortened. A throw escaping a socket handler would
// surface as an unhandled error, which fails the vitest run: that is how "does not crash" is checked.

interface ServerSocket {
  readonly readyState: number;
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: "message", listener: (data: Uint8Array) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
}
interface WsServer {
  readonly clients: Set<ServerSocket>;
  on(event: "connection", listener: (socket: ServerSocket, request: IncomingMessage) => void): void;
  emit(event: "connection", socket: ServerSocket, request: IncomingMessage): boolean;
  handleUpgrade(request: IncomingMessage, socket: Socket, head: Buffer, done: (ws: ServerSocket) => void): void;
  close(callback: () => void): void;
}
type WsServerConstructor = new (options: { noServer: true; handleProtocols: (protocols: Set<string>) => string | false }) => WsServer;

const WebSocketImpl = WsWebSocket as unknown as WebSocketConstructor;
const WebSocketServerImpl = WsWebSocketServer as unknown as WsServerConstructor;

const RELAY_PEER = "relay-1";
const REGISTER_PEER = "register-1" as PeerId;
const OPEN = 1;

type Decoded = Record<string, unknown>;
type ConnectionHandler = (socket: ServerSocket, request: IncomingMessage, relay: TestRelay) => void;

interface TestRelay {
  readonly port: number;
  readonly url: string;
  readonly wss: WsServer;
  /** Every upgrade request that reached the server, answered or not. */
  readonly upgrades: IncomingMessage[];
  readonly sockets: ServerSocket[];
  readonly received: Decoded[];
  stop(): Promise<void>;
}

const decode = (data: Uint8Array): unknown => cbor.decode(new Uint8Array(data));
const encode = (message: unknown): Uint8Array => new Uint8Array(cbor.encode(message));
const peerMessage = (targetId: unknown) => ({
  type: "peer",
  senderId: RELAY_PEER,
  peerMetadata: { isEphemeral: false },
  selectedProtocolVersion: "1",
  targetId,
});

/** The relay's half of the handshake, as the stock WebSocketServerAdapter does it. */
const answerJoin: ConnectionHandler = (socket, _request, relay) => {
  socket.on("message", (data) => {
    const message = decode(data) as Decoded;
    relay.received.push(message);
    if (message["type"] === "join") socket.send(encode(peerMessage(message["senderId"])));
  });
};

const relays: TestRelay[] = [];
const adapters: RelayClientAdapter[] = [];

async function startRelay(options: { port?: number; httpStatus?: number; onConnection?: ConnectionHandler } = {}): Promise<TestRelay> {
  const http: Server = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServerImpl({
    noServer: true,
    // The client offers ["kasa.v1", "kasa.token.…"]; echoing the token back would leak it into responses.
    handleProtocols: (protocols) => (protocols.has(KASA_SUBPROTOCOL) ? KASA_SUBPROTOCOL : false),
  });
  const onConnection = options.onConnection ?? answerJoin;
  const upgrades: IncomingMessage[] = [];
  const sockets: ServerSocket[] = [];
  const received: Decoded[] = [];
  http.on("upgrade", (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node's http server drops its own error handler from a socket it hands to "upgrade": without this, the client
    // resetting the connection right after reading our 401 (it does, now and then) kills the test process.
    socket.on("error", () => {});
    upgrades.push(request);
    if (options.httpStatus !== undefined) {
      socket.end(`HTTP/1.1 ${options.httpStatus} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  let stopped = false;
  const relay: TestRelay = {
    port,
    url: `ws://127.0.0.1:${port}/sync`,
    wss,
    upgrades,
    sockets,
    received,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(resolve));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  wss.on("connection", (socket, request) => {
    socket.on("error", () => {}); // the client under test may reset; that's its business, not the harness's crash
    sockets.push(socket);
    onConnection(socket, request, relay);
  });
  relays.push(relay);
  return relay;
}

/** A port nothing listens on (ECONNREFUSED) that a relay can be started on later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function makeClient(url: string, options: Partial<RelayClientAdapterOptions> = {}, connect = true): RelayClientAdapter {
  const adapter = new RelayClientAdapter({ url, WebSocket: WebSocketImpl, retry: { initialMs: 20, maxMs: 80 }, ...options });
  adapters.push(adapter);
  if (connect) adapter.connect(REGISTER_PEER, { isEphemeral: false });
  return adapter;
}

function record(adapter: RelayClientAdapter) {
  const log = { states: [] as RelayConnectionState[], candidates: [] as string[], disconnected: [] as string[] };
  adapter.on("state", (status) => log.states.push(status.state));
  adapter.on("peer-candidate", ({ peerId }) => log.candidates.push(peerId));
  adapter.on("peer-disconnected", ({ peerId }) => log.disconnected.push(peerId));
  return log;
}

function countingWebSocket() {
  const counter = { count: 0, Impl: WebSocketImpl };
  counter.Impl = function CountingWebSocket(url: string, protocols: string[]) {
    counter.count += 1;
    return new WebSocketImpl(url, protocols);
  } as unknown as WebSocketConstructor;
  return counter;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

afterEach(async () => {
  for (const adapter of adapters.splice(0)) adapter.disconnect();
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

describe("relay client adapter", () => {
  test("RC1 join → peer handshake: connected only after the relay's peer message, then peer-candidate", async () => {
    let answer: (() => void) | undefined;
    const relay = await startRelay({
      onConnection: (socket, _request, r) =>
        socket.on("message", (data) => {
          const join = decode(data) as Decoded;
          r.received.push(join);
          answer = () => socket.send(encode(peerMessage(join["senderId"])));
        }),
    });
    const adapter = makeClient(relay.url);
    const log = record(adapter);
    expect(adapter.state).toBe("connecting");

    await waitFor(() => answer !== undefined, "the join message");
    expect(relay.received[0]).toEqual({
      type: "join",
      senderId: REGISTER_PEER,
      peerMetadata: { isEphemeral: false },
      supportedProtocolVersions: ["1"],
    });
    // The socket is open and the join is sent, but the relay hasn't answered: not connected yet.
    expect(adapter.state).toBe("connecting");
    expect(log.candidates).toEqual([]);

    answer?.();
    await waitFor(() => adapter.state === "connected", "connected");
    expect(log.candidates).toEqual([RELAY_PEER]);
    expect(adapter.remotePeerId).toBe(RELAY_PEER);
    expect(adapter.connectedAt).toBeTypeOf("number");
    expect(adapter.status).toMatchObject({ state: "connected", connectedAt: adapter.connectedAt });
    expect(log.states).toEqual(["connected"]); // "connecting" was published by connect(), before record() subscribed
  });

  test("RC2 the token travels as a subprotocol next to kasa.v1, never in the URL, and is re-read per attempt", async () => {
    const relay = await startRelay();
    makeClient(relay.url, { token: "s3cr3t-Token_1" });
    await waitFor(() => relay.received.length > 0, "join");
    const request = relay.upgrades[0];
    const offered = request?.headers["sec-websocket-protocol"];
    expect(offered?.split(",").map((p) => p.trim())).toEqual([KASA_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}s3cr3t-Token_1`]);
    expect(request?.url).toBe("/sync");
    expect(request?.url).not.toContain("s3cr3t");
    expect(tokenFromSubprotocols(offered)).toBe("s3cr3t-Token_1");

    const anonymous = await startRelay();
    makeClient(anonymous.url);
    await waitFor(() => anonymous.upgrades.length > 0, "upgrade");
    expect(anonymous.upgrades[0]?.headers["sec-websocket-protocol"]).toBe(KASA_SUBPROTOCOL);
  });

  test("RC2 tokenFromSubprotocols parses Sec-WebSocket-Protocol", () => {
    expect(tokenFromSubprotocols(undefined)).toBeUndefined();
    expect(tokenFromSubprotocols("")).toBeUndefined();
    expect(tokenFromSubprotocols("kasa.v1")).toBeUndefined();
    expect(tokenFromSubprotocols("kasa.v1, kasa.token.")).toBeUndefined();
    expect(tokenFromSubprotocols("kasa.v1, kasa.token.abc")).toBe("abc");
    expect(tokenFromSubprotocols("kasa.token.abc.def,kasa.v1")).toBe("abc.def");
    expect(tokenFromSubprotocols("  kasa.v1 ,  kasa.token.x-y_z  ")).toBe("x-y_z");
  });

  test("RC2 a token a subprotocol cannot carry is refused locally instead of throwing", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url, { token: "has space/and=" });
    expect(adapter.state).toBe("refused");
    expect(adapter.lastError).toMatch(/subprotocol/);
    expect(relay.upgrades).toHaveLength(0);
  });

  test("RC3 RC4 HTTP 401 on upgrade: no crash, state refused, retries continue", async () => {
    const relay = await startRelay({ httpStatus: 401 });
    const adapter = makeClient(relay.url, { retry: { initialMs: 10, maxMs: 40 } });
    const log = record(adapter);
    await waitFor(() => relay.upgrades.length >= 3, "three upgrade attempts");
    expect(adapter.state).toBe("refused");
    expect(adapter.lastError).toMatch(/401/);
    expect(log.candidates).toEqual([]);
    expect(log.disconnected).toEqual([]);
  });

  test("RC4 close 4401 from the relay: refused, lastRejection recorded, retries at maxMs until the token is fixed", async () => {
    const attempts: number[] = [];
    const relay = await startRelay({
      onConnection: (socket, request, r) => {
        attempts.push(Date.now());
        if (tokenFromSubprotocols(request.headers["sec-websocket-protocol"]) !== "good") {
          socket.close(4401, "bad token");
          return;
        }
        answerJoin(socket, request, r);
      },
    });
    let token = "bad";
    const maxMs = 150;
    const adapter = makeClient(relay.url, { token: () => token, retry: { initialMs: 5, maxMs } });
    const log = record(adapter);
    await waitFor(() => attempts.length >= 3, "three refused attempts");
    expect(adapter.state).toBe("refused");
    expect(adapter.lastRejection).toEqual({ code: 4401, reason: "bad token" });
    expect(adapter.lastError).toMatch(/4401/);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(maxMs - 15);
    expect(log.states).toEqual(["refused"]); // retrying does not flicker through "connecting"

    token = "good"; // re-paired: the next attempt carries the new token
    await waitFor(() => adapter.state === "connected", "connected with the new token");
    expect(log.candidates).toEqual([RELAY_PEER]);
    expect(adapter.lastRejection?.code).toBe(4401);
  });

  test("RC4 close 4403 means refused; another 4xxx code is recorded but retried with normal backoff", async () => {
    let code = 4403;
    const relay = await startRelay({ onConnection: (socket) => socket.close(code, "nope") });
    const adapter = makeClient(relay.url, { retry: { initialMs: 5, maxMs: 60 } });
    await waitFor(() => adapter.lastRejection?.code === 4403, "4403");
    expect(adapter.state).toBe("refused");
    code = 4500;
    await waitFor(() => adapter.lastRejection?.code === 4500, "4500");
    expect(adapter.state).toBe("offline");
    expect(relay.upgrades.length).toBeGreaterThanOrEqual(2);
  });

  test("RC3 relay down (ECONNREFUSED), then started: connects by itself, no peer-disconnected for failed attempts", async () => {
    const port = await freePort();
    const adapter = makeClient(`ws://127.0.0.1:${port}`);
    const log = record(adapter);
    await waitFor(() => adapter.state === "offline", "offline");
    expect(adapter.lastError).toMatch(/ECONNREFUSED/);
    await sleep(100); // several failed retries
    await startRelay({ port });
    await waitFor(() => adapter.state === "connected", "connected", 5000);
    expect(log.candidates).toEqual([RELAY_PEER]);
    expect(log.disconnected).toEqual([]);
  });

  test("RC3 an unresolvable host does not crash and keeps being retried", async () => {
    const counter = countingWebSocket();
    const adapter = makeClient("ws://kasa-nonexistent.invalid:1", { WebSocket: counter.Impl, retry: { initialMs: 10, maxMs: 20 } });
    await waitFor(() => counter.count >= 3, "three attempts", 10_000);
    expect(adapter.state).toBe("offline");
    expect(adapter.lastError).toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);
  }, 15_000); // a slow resolver may take seconds per lookup

  test("RC3 ECONNRESET mid-connection is survived and followed by a reconnect", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url);
    await waitFor(() => adapter.state === "connected", "connected");
    for (const socket of relay.sockets) socket.terminate();
    await waitFor(() => adapter.state !== "connected", "lost");
    await waitFor(() => adapter.state === "connected", "reconnected");
    expect(relay.upgrades).toHaveLength(2);
  });

  test("RC6 garbage, zero-length, CBOR null, text and non-message frames are dropped; the connection stays", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url);
    const messages: unknown[] = [];
    adapter.on("message", (message) => messages.push(message));
    await waitFor(() => adapter.state === "connected", "connected");
    const socket = relay.sockets[0];
    if (socket === undefined) throw new Error("no server socket");
    socket.send(new Uint8Array([0xff, 0xfe, 0x1c, 0x00]));
    socket.send(new Uint8Array(0));
    socket.send(new Uint8Array([0xf6])); // CBOR null: killed the stock server adapter (P8)
    socket.send("hello");
    socket.send(encode(42));
    socket.send(encode({ no: "type" }));
    socket.send(encode({ type: "error", senderId: RELAY_PEER, message: "something went wrong" }));
    const valid = { type: "doc-unavailable", senderId: RELAY_PEER, targetId: REGISTER_PEER, documentId: "abc" };
    socket.send(encode(valid));
    await waitFor(() => messages.length === 1, "the valid message");
    expect(messages).toEqual([valid]);
    expect(adapter.state).toBe("connected");
    expect(adapter.lastError).toBe("relay error: something went wrong");
    expect(relay.upgrades).toHaveLength(1);
  });

  test("RC6 RC7 garbage instead of a handshake: no crash, no connection, abandoned after the handshake timeout", async () => {
    const relay = await startRelay({
      onConnection: (socket) =>
        socket.on("message", () => {
          socket.send(new Uint8Array([0xf6]));
          socket.send(new Uint8Array(0));
          socket.send(encode({ type: "sync", senderId: RELAY_PEER, targetId: REGISTER_PEER, documentId: "x", data: new Uint8Array([1]) }));
        }),
    });
    const adapter = makeClient(relay.url, { handshakeTimeoutMs: 100 });
    const messages: unknown[] = [];
    adapter.on("message", (message) => messages.push(message));
    await waitFor(() => relay.upgrades.length >= 2, "a second attempt");
    expect(messages).toEqual([]);
    expect(adapter.state).toBe("offline");
    expect(adapter.lastError).toMatch(/handshake/);
  });

  test("RC6 the relay's error message (unsupported protocol) is recorded and the client retries", async () => {
    const relay = await startRelay({
      onConnection: (socket) =>
        socket.on("message", () => {
          socket.send(encode({ type: "error", senderId: RELAY_PEER, message: "unsupported protocol version", targetId: REGISTER_PEER }));
          socket.close();
        }),
    });
    const adapter = makeClient(relay.url);
    await waitFor(() => relay.upgrades.length >= 2, "a retry");
    expect(adapter.state).toBe("offline");
    expect(adapter.lastError).toBe("relay error: unsupported protocol version");
  });

  test("RC7 a superseded socket is closed, not leaked", async () => {
    const relay = await startRelay({ onConnection: () => {} }); // accepts, never answers the join
    makeClient(relay.url, { handshakeTimeoutMs: 60, retry: { initialMs: 10, maxMs: 20 } });
    await waitFor(() => relay.upgrades.length >= 4, "four attempts");
    await sleep(20);
    const open = relay.sockets.filter((socket) => socket.readyState === OPEN);
    expect(open.length).toBeLessThanOrEqual(1);
  });

  test("RC5 backoff doubles a jittered ceiling from initialMs to maxMs, and resets after a handshake", async () => {
    expect(backoffDelay(0, { initialMs: 100, maxMs: 1000 }, () => 0)).toBe(100);
    expect(backoffDelay(0, { initialMs: 100, maxMs: 1000 }, () => 1)).toBe(200);
    expect(backoffDelay(1, { initialMs: 100, maxMs: 1000 }, () => 1)).toBe(400);
    expect(backoffDelay(1, { initialMs: 100, maxMs: 1000 }, () => 0.5)).toBe(250);
    expect(backoffDelay(10, { initialMs: 100, maxMs: 1000 }, () => 1)).toBe(1000);
    expect(backoffDelay(10_000, { initialMs: 100, maxMs: 1000 }, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 1000 }, () => Number.NaN)).toBeGreaterThanOrEqual(100);

    // Observe the delays the adapter asks for, on real timers against a real port.
    const delays: number[] = [];
    const timers: RelayTimers = {
      setTimeout: (callback, ms) => {
        delays.push(ms);
        return setTimeout(callback, ms);
      },
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const retryDelays = () => delays.filter((ms) => ms < 1000); // the ready (1 s) and handshake timers are longer
    const port = await freePort();
    const adapter = makeClient(`ws://127.0.0.1:${port}`, { timers, random: () => 1, retry: { initialMs: 5, maxMs: 40 } });
    await waitFor(() => retryDelays().length >= 5, "five retries");
    expect(retryDelays().slice(0, 5)).toEqual([10, 20, 40, 40, 40]);

    const relay = await startRelay({ port });
    await waitFor(() => adapter.state === "connected", "connected");
    const before = retryDelays().length;
    for (const socket of relay.sockets) socket.terminate();
    await waitFor(() => retryDelays().length > before, "a retry after the loss");
    expect(retryDelays()[before]).toBe(10);
  });

  test("RC8 disconnect() stops everything: a relay coming back sees no reconnection attempt", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url, { retry: { initialMs: 10, maxMs: 20 } });
    const log = record(adapter);
    await waitFor(() => adapter.state === "connected", "connected");
    await relay.stop();
    await waitFor(() => adapter.state === "offline", "offline");
    await sleep(50); // in the middle of the backoff loop
    adapter.disconnect();
    expect(log.disconnected).toEqual([RELAY_PEER]);
    expect(adapter.state).toBe("offline");

    const restarted = await startRelay({ port: relay.port });
    adapter.connect(REGISTER_PEER); // a no-op after disconnect
    adapter.reconnectNow();
    await sleep(200);
    expect(restarted.upgrades).toHaveLength(0);
    expect(adapter.state).toBe("offline");
  });

  test("RC8 disconnect() of a connected adapter closes the socket and emits peer-disconnected once", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url);
    const log = record(adapter);
    await waitFor(() => adapter.state === "connected", "connected");
    adapter.disconnect();
    adapter.disconnect();
    expect(log.disconnected).toEqual([RELAY_PEER]);
    expect(adapter.remotePeerId).toBeUndefined();
    await waitFor(() => relay.sockets.every((socket) => socket.readyState !== OPEN), "server side closed");
  });

  test("RC8 disconnect() before connect() and while connecting does not throw", async () => {
    const early = makeClient("ws://127.0.0.1:1", {}, false);
    expect(() => early.disconnect()).not.toThrow();
    early.connect(REGISTER_PEER);
    expect(early.state).toBe("offline");

    const relay = await startRelay({ onConnection: () => {} });
    const connecting = makeClient(relay.url);
    expect(() => connecting.disconnect()).not.toThrow(); // socket still CONNECTING: ws emits an error on close
    await sleep(50);
  });

  test("RC9 peer-disconnected exactly once per lost connection, not per failed retry", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url, { retry: { initialMs: 5, maxMs: 10 } });
    const log = record(adapter);
    await waitFor(() => adapter.state === "connected", "connected");

    await relay.stop();
    await sleep(150); // ~10 failed retries against a closed port
    expect(log.disconnected).toEqual([RELAY_PEER]);
    expect(adapter.remotePeerId).toBeUndefined();
    expect(adapter.connectedAt).toBeUndefined();

    const again = await startRelay({ port: relay.port });
    await waitFor(() => adapter.state === "connected", "reconnected");
    expect(log.candidates).toEqual([RELAY_PEER, RELAY_PEER]);
    await again.stop();
    await sleep(100);
    expect(log.disconnected).toEqual([RELAY_PEER, RELAY_PEER]);
  });

  test("RC10 ready at the first handshake, or after 1 s when the relay is unreachable", async () => {
    const relay = await startRelay();
    const online = makeClient(relay.url);
    expect(online.isReady()).toBe(false);
    const t0 = Date.now();
    await online.whenReady();
    expect(Date.now() - t0).toBeLessThan(900);
    expect(online.state).toBe("connected");

    const offline = makeClient(`ws://127.0.0.1:${await freePort()}`);
    const t1 = Date.now();
    await offline.whenReady();
    expect(Date.now() - t1).toBeGreaterThanOrEqual(950);
    expect(offline.isReady()).toBe(true);
    expect(offline.state).toBe("offline");
  });

  test("RC11 reconnectNow() skips the backoff wait, and is a no-op while connected", async () => {
    const port = await freePort();
    const adapter = makeClient(`ws://127.0.0.1:${port}`, { retry: { initialMs: 30_000, maxMs: 60_000 } });
    const log = record(adapter);
    await waitFor(() => adapter.state === "offline", "offline");
    const relay = await startRelay({ port });
    adapter.reconnectNow();
    expect(adapter.state).toBe("connecting");
    await waitFor(() => adapter.state === "connected", "connected", 1000);
    expect(log.states).toEqual(["offline", "connecting", "connected"]);

    adapter.reconnectNow();
    await sleep(50);
    expect(relay.upgrades).toHaveLength(1);
    expect(adapter.state).toBe("connected");
  });

  test("RC12 send() drops silently when not connected, and delivers CBOR once connected", async () => {
    const request = { type: "request", senderId: REGISTER_PEER, targetId: RELAY_PEER, documentId: "d1", data: new Uint8Array([1, 2]) };
    const message = request as unknown as Message;
    const port = await freePort();
    const notYet = makeClient(`ws://127.0.0.1:${port}`, {}, false);
    expect(() => notYet.send(message)).not.toThrow();
    notYet.connect(REGISTER_PEER);
    expect(() => notYet.send(message)).not.toThrow(); // socket CONNECTING: the stock adapter throws here

    const relay = await startRelay();
    const adapter = makeClient(relay.url);
    await waitFor(() => adapter.state === "connected", "connected");
    adapter.send({ ...request, data: new Uint8Array(0) } as unknown as Message);
    adapter.send(message);
    await waitFor(() => relay.received.length === 2, "join + one message");
    expect(relay.received[1]).toMatchObject({ type: "request", documentId: "d1", data: new Uint8Array([1, 2]) });
  });

  test("RC13 a listener that throws does not escape into the socket handler", async () => {
    const relay = await startRelay();
    const adapter = makeClient(relay.url);
    adapter.on("peer-candidate", () => {
      throw new Error("UI bug");
    });
    await waitFor(() => adapter.state === "connected", "connected");
    expect(adapter.lastError).toMatch(/UI bug/);
  });

  test("RC14 a real Repo syncs a document to a relay Repo running the stock WebSocketServerAdapter", async () => {
    const relay = await startRelay({ onConnection: () => {} });
    const serverAdapter = new WebSocketServerAdapter(relay.wss as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0]);
    // Default share policy: a Repo only asks peers it would share with, so `false` here would make find() fail.
    const serverRepo = new Repo({ network: [serverAdapter], peerId: RELAY_PEER as PeerId });
    const adapter = makeClient(relay.url, { token: "t0k3n" }, false);
    const clientRepo = new Repo({ network: [adapter], peerId: REGISTER_PEER });
    try {
      const handle = clientRepo.create({ receipts: { "1-1001": { total: 1250 } } });
      await waitFor(() => adapter.state === "connected" && serverRepo.peers.includes(REGISTER_PEER), "repos connected");
      const found = await serverRepo.find<{ receipts: Record<string, { total: number }> }>(handle.url);
      expect(found.doc()).toEqual({ receipts: { "1-1001": { total: 1250 } } });
      expect(adapter.remotePeerId).toBe(RELAY_PEER);
    } finally {
      await clientRepo.shutdown();
      await serverRepo.shutdown();
    }
  });
});
