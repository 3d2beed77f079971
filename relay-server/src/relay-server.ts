import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { Repo, type PeerId, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketServer, type WebSocket } from "ws";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import { pino, type Logger } from "pino";
import type { IdSource } from "@kasa/domain";
import { DEFAULT_CONFIG, type RelayConfig } from "./config.js";
import { openRelayDb } from "./db/relay-db.js";
import { Directory, type DeviceRow } from "./db/directory.js";
import { SqliteStorageAdapter } from "./storage/sqlite-storage-adapter.js";
import { GuardedServerAdapter } from "./sync/guarded-server-adapter.js";
import { bindSocket } from "./sync/connected-device.js";
import { DurableAcks } from "./sync/durable-acks.js";
import { DeviceStatus } from "./sync/device-status.js";
import { ReadModel } from "./read-model/read-model.js";
import { Projector } from "./read-model/projector.js";
import { createApi } from "./http/api.js";
import { LiveFeed } from "./http/live-feed.js";
import { mountApp } from "./http/static-apps.js";
import { landingPage } from "./http/landing-page.js";
import { createStore } from "./stores/create-store.js";
import { DEMO_OWNER, DEMO_STORE } from "./demo/demo-store.js";
import { hashPassword } from "./auth/secrets.js";
import { KASA_SUBPROTOCOL, tokenFromSubprotocols } from "@kasa/documents";

/** The WebSocket endpoint registers sync on. */
export const SYNC_PATH = "/sync";

export interface RelayServer {
  readonly url: string;
  readonly port: number;
  readonly repo: Repo;
  readonly directory: Directory;
  readonly readModel: ReadModel;
  readonly log: Logger;
  /** Revokes a device's token and disconnects it at once. */
  revokeDevice(deviceId: string): boolean;
  close(): Promise<void>;
}

export interface RelayOptions extends Partial<RelayConfig> {
  readonly logger?: Logger;
  readonly now?: () => number;
}

/**
 * Starts the relay: HTTP API + built apps + the automerge-repo WebSocket endpoint, on durable
 * storage, with the read model projecting as documents become durable. Resolves once storage is
 * ready and the port is listening, so nothing can connect before the repo would accept it.
 */
export async function createRelayServer(options: RelayOptions = {}): Promise<RelayServer> {
  const config: RelayConfig = { ...DEFAULT_CONFIG, ...stripUndefined(options) };
  const now = options.now ?? Date.now;
  const log = options.logger ?? pino({ level: config.logLevel });
  const ids: IdSource = { now, randomBytes: (n) => new Uint8Array(randomBytes(n)) };

  const directory = new Directory(openRelayDb(join(config.dataDir, "relay.sqlite")));
  const storage = new SqliteStorageAdapter({ file: join(config.dataDir, "documents.sqlite") });
  const readModel = new ReadModel(join(config.dataDir, "read-model.sqlite"));
  const live = new LiveFeed();
  const deviceStatus = new DeviceStatus();

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    // Compression costs CPU and memory per socket and opens compression-bomb attacks; frames are CBOR already.
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(KASA_SUBPROTOCOL) ? KASA_SUBPROTOCOL : false),
  });
  const adapter = new GuardedServerAdapter(wss, log.child({ part: "sync" }), {
    onPeer: (_peerId, device) => {
      directory.touchDevice(device.deviceId, now());
      live.emit("devices", device.storeId);
    },
  });

  const repo = new Repo({
    network: [adapter],
    storage,
    peerId: `relay-${randomUUID().slice(0, 8)}` as PeerId,
    shareConfig: {
      // Never push documents to peers that didn't ask: by default automerge-repo offers every document to every peer.
      announce: async () => false,
      access: async (peerId, documentId) => mayAccess(adapter.deviceByPeer.get(peerId), documentId),
    },
  });

  function mayAccess(device: DeviceRow | undefined, documentId: DocumentId | undefined): boolean {
    if (!device || documentId === undefined) return false;
    const owner = directory.documentOwner(documentId);
    if (!owner) {
      // A document id never seen before is new (ids are random and unguessable): it belongs to the register that first sent it.
      directory.claimDocument(documentId, { storeId: device.storeId, registerId: device.registerId }, now());
      return true;
    }
    const allowed = owner.storeId === device.storeId && (owner.registerId === null || owner.registerId === device.registerId);
    if (!allowed) log.warn({ deviceId: device.deviceId, documentId }, "access refused: document of another store or register");
    return allowed;
  }

  const projector = new Projector(readModel, directory, log.child({ part: "projector" }), {
    onReceipts: (storeId, rows) => live.emit("receipts", storeId, rows),
  }, now);
  const acks = new DurableAcks(repo, log.child({ part: "durable" }), { onDurable: (handle) => projector.project(handle) });

  // The server adapter registers its connection listener only once the repo knows its storage id;
  // sockets accepted earlier are silently ignored (research/tooling.md §2.2). Wait for it.
  await repo.storageId();
  await new Promise((r) => setTimeout(r, 0));

  if (config.demo && directory.stores().length === 0) {
    const { storeId } = await createStore(repo, directory, ids, DEMO_STORE);
    directory.createOwner(`owner-${randomUUID()}`, DEMO_OWNER.email, await hashPassword(DEMO_OWNER.password), [storeId], now());
    log.info({ storeId }, "demo store created");
  }

  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", (c) => c.json({ ready: true, connections: deviceStatus.connectionCount }));
  app.route("/api", createApi({ directory, readModel, live, deviceStatus, now, demo: config.demo ? { owner: DEMO_OWNER } : undefined }));
  mountApp(app, "/register", config.registerAppDir);
  mountApp(app, "/back-office", config.backOfficeAppDir);
  app.get("/", (c) => c.html(landingPage(config.demo)));

  const server: Server = createServer(getRequestListener(app.fetch));
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    if (new URL(req.url ?? "/", "http://relay").pathname !== SYNC_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    const token = tokenFromSubprotocols(req.headers["sec-websocket-protocol"]);
    const device = token ? directory.deviceByToken(token) : undefined;
    if (!device || device.revokedAt !== null) {
      log.warn({ ip: req.socket.remoteAddress, reason: device ? "revoked" : "bad token" }, "upgrade refused");
      socket.end(`HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${device ? "DEVICE_REVOKED" : "UNAUTHENTICATED"}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      bindSocket(ws, device);
      deviceStatus.connected(device.deviceId);
      live.emit("devices", device.storeId);
      ws.on("error", (err) => log.debug({ err, deviceId: device.deviceId }, "socket error"));
      ws.on("close", () => {
        deviceStatus.disconnected(device.deviceId);
        directory.touchDevice(device.deviceId, now());
        for (const peer of adapter.peersOfDevice(device.deviceId)) if (!adapter.sockets[peer]) adapter.deviceByPeer.delete(peer);
        live.emit("devices", device.storeId);
      });
      wss.emit("connection", ws, req);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  log.info({ url, dataDir: config.dataDir }, "relay listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    repo,
    directory,
    readModel,
    log,
    revokeDevice(deviceId) {
      const revoked = directory.revokeDevice(deviceId, now());
      adapter.disconnectDevice(deviceId, "FORBIDDEN");
      return revoked;
    },
    close() {
      closing ??= (async () => {
        for (const client of wss.clients) client.close(4503, "SHUTTING_DOWN");
        await new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await acks.close();
        await repo.flush();
        await repo.shutdown();
        // A throttled save scheduled before shutdown may still fire (research/tooling.md §2.3); let it land.
        await new Promise((r) => setTimeout(r, 150));
        storage.close();
        readModel.close();
      })();
      return closing;
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
