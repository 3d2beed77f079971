import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Repo, type PeerId, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketServer, type WebSocket } from "ws";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import { pino, type Logger } from "pino";
import type { IdSource } from "@kasa/domain";
import { KASA_SUBPROTOCOL } from "@kasa/documents";
import { DEFAULT_CONFIG, type RelayConfig } from "./config.js";
import { openRelayDb } from "./db/relay-db.js";
import { Directory, type DeviceRow } from "./db/directory.js";
import { SqliteStorageAdapter } from "./storage/sqlite-storage-adapter.js";
import { GuardedServerAdapter } from "./sync/guarded-server-adapter.js";
import { bindSocket } from "./sync/connected-device.js";
import { DurableAcks } from "./sync/durable-acks.js";
import { Connections } from "./sync/connections.js";
import { DocumentAccess } from "./sync/document-access.js";
import { DocumentUnloader } from "./sync/document-unloader.js";
import { RevocationWatcher } from "./sync/revocation-watcher.js";
import { createUpgradeGate } from "./sync/upgrade-gate.js";
import { ReadModel } from "./read-model/read-model.js";
import { Projector } from "./read-model/projector.js";
import { createApi } from "./http/api.js";
import { createDeviceApi } from "./http/device-api.js";
import { createDeviceStatusRoutes } from "./http/device-status.js";
import { createOpsRoutes } from "./http/ops-routes.js";
import { LiveFeed } from "./http/live-feed.js";
import { mountApp } from "./http/static-apps.js";
import { landingPage } from "./http/landing-page.js";
import { createStore } from "./stores/create-store.js";
import { DEMO_OWNER, DEMO_STORE } from "./demo/demo-store.js";
import { hashPassword } from "./auth/secrets.js";
import { RelayMetrics } from "./ops/metrics.js";
import { dataFileBytes, dataFilePath } from "./ops/data-files.js";
import { probeWritable } from "./db/write-probe.js";
import { CLOSE_CODES } from "./errors.js";
import { docKind, readStore, type StoreDoc } from "@kasa/documents";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { EmailSender } from "./outbox/email-sender.js";

export { SYNC_PATH } from "./sync/upgrade-gate.js";

export interface RelayServer {
  readonly url: string;
  readonly port: number;
  readonly repo: Repo;
  readonly directory: Directory;
  readonly readModel: ReadModel;
  readonly emailSender: EmailSender;
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  /** Revokes a device's token and disconnects it at once. */
  revokeDevice(deviceId: string): boolean;
  /** Looks for devices revoked by another process now instead of at the next poll; returns how many were disconnected. */
  checkRevocations(): number;
  /** One pass of the idle-document sweep now instead of on its timer; returns how many documents left memory. */
  unloadIdleDocuments(): Promise<number>;
  /** Closes connections, flushes every document to disk, closes the files. Idempotent. */
  close(): Promise<void>;
}

export interface RelayOptions extends Partial<RelayConfig> {
  readonly logger?: Logger;
  /** Wall clock (ms): pairing-code expiry, sessions, rate limits, idle unloading. Injected by tests. */
  readonly now?: () => number;
  /** SMTP for receipt e-mails; default `KASA_SMTP_URL`. Unset: `.eml` files in `<dataDir>/outbox/`. */
  readonly smtpUrl?: string;
  /** From: address of receipt e-mails; default `KASA_SMTP_FROM`. */
  readonly smtpFrom?: string;
  /** Outbox retry timing (tests shorten it). */
  readonly emailRetry?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number; readonly maxAttempts?: number; readonly pollMs?: number };
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

  const directory = new Directory(openRelayDb(dataFilePath(config.dataDir, "relay")));
  // A damaged chunk is set aside and named (SPEC-storage ST26); the document loads without it and a
  // device that still has those changes puts them back when it syncs.
  const storage = new SqliteStorageAdapter({ file: dataFilePath(config.dataDir, "documents") }, {
    onDamagedChunk: (c) =>
      log.error({ documentId: c.documentId, key: c.key.join("/"), reason: c.reason, bytes: c.bytes }, "STORAGE_CHUNK_DAMAGED: a stored chunk of a document is damaged; quarantined, the document loads without it"),
  });
  const readModel = new ReadModel(dataFilePath(config.dataDir, "read_model"), dataFilePath(config.dataDir, "online"));
  const live = new LiveFeed();
  const connections = new Connections({ perDevice: config.maxConnectionsPerDevice, perIp: config.maxConnectionsPerIp });
  const access = new DocumentAccess(directory, config.maxDocumentsPerStore, now);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    // Compression costs CPU and memory per socket and opens compression-bomb attacks; frames are CBOR already.
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(KASA_SUBPROTOCOL) ? KASA_SUBPROTOCOL : false),
  });
  const adapter = new GuardedServerAdapter(wss, log.child({ part: "sync" }), {
    access,
    messagesPerSecond: config.messagesPerSecond,
    messageBurst: config.messageBurst,
    keepAliveMs: config.keepAliveMs,
    now,
    events: {
      onPeer: (_peerId, device) => {
        directory.touchDevice(device.deviceId, now());
        live.emit("devices", device.storeId);
      },
      onRejected: (code) => metrics.rejectedConnections.inc({ code }),
      onReadRefused: () => metrics.refusedDocumentAccess.inc(),
      onFrame: (direction) => (direction === "in" ? metrics.framesIn : metrics.framesOut).inc(),
    },
    beforeDeliver: (documentId) => storedDocumentReady(documentId),
  });

  const repo = new Repo({
    network: [adapter],
    storage,
    peerId: `relay-${randomUUID().slice(0, 8)}` as PeerId,
    shareConfig: {
      // Never push documents to peers that didn't ask: by default automerge-repo offers every document to every peer.
      announce: async () => false,
      // The socket guard has already refused what this would refuse; this keeps the Repo's own checks
      // (sharing on peer arrival, ephemeral fan-out) to the same rule.
      access: async (peerId, documentId) => mayRead(adapter.deviceByPeer.get(peerId), documentId),
    },
  });
  const metrics = new RelayMetrics({
    connections: () => connections.count,
    stores: () => directory.counts().stores,
    documentsLoaded: () => Object.keys(repo.handles).length,
    storageBytes: () => dataFileBytes(config.dataDir),
    quarantinedEvents: () => readModel.counts().quarantined,
  });

  /**
   * A document the relay has stored but not loaded is read from storage before a device's message
   * about it reaches the Repo (SPEC RL60); undefined when nothing to wait for. A document with an
   * owner but no chunks yet (a register's new journal, claimed by this very message) has nothing
   * to read: waiting for it held every register's first sale of the day for seconds (P6).
   */
  function storedDocumentReady(documentId: string): Promise<unknown> | undefined {
    const handle = repo.handles[documentId as DocumentId];
    if (handle?.isReady()) return undefined;
    if (!storage.hasDocument(documentId)) return undefined;
    return repo.find(documentId as DocumentId, { allowableStates: ["ready", "unavailable"] }).catch(() => undefined);
  }

  function mayRead(device: DeviceRow | undefined, documentId: DocumentId | undefined): boolean {
    return device !== undefined && documentId !== undefined && access.level(device, documentId) !== "none";
  }

  async function storeDoc(storeId: string): Promise<StoreDoc | undefined> {
    const store = directory.store(storeId);
    if (!store) return undefined;
    try {
      const handle = await repo.find<StoreDoc>(store.storeDocUrl as AutomergeUrl);
      // Plain strings out of the stored ImmutableStrings (and a detached copy).
      return readStore(handle.doc());
    } catch {
      return undefined;
    }
  }
  const emailSender = new EmailSender({
    db: readModel.db,
    dataDir: config.dataDir,
    smtpUrl: options.smtpUrl ?? process.env.KASA_SMTP_URL,
    from: options.smtpFrom ?? process.env.KASA_SMTP_FROM,
    log: log.child({ part: "outbox" }),
    now,
    store: async (storeId) => {
      const s = (await storeDoc(storeId))?.settings;
      return { name: String(s?.name ?? directory.store(storeId)?.name ?? "Kasa"), locale: String(s?.locale ?? "pl-PL"), timeZone: String(s?.timeZone ?? "Europe/Warsaw") };
    },
    ...stripUndefined(options.emailRetry ?? {}),
  });

  const projector = new Projector(readModel, directory, log.child({ part: "projector" }), {
    onReceipts: (storeId, rows) => live.emit("receipts", storeId, rows),
  }, now);
  const acks = new DurableAcks(repo, log.child({ part: "durable" }), {
    // Projected once the ack is out and the sync messages already waiting have been taken in: a
    // catch-up journal (2,000 receipts take ~1.4 s to project) held back the next register's
    // durable ack by that much (issue 7, P4). A projection that fails (a full disk) is tried again
    // through another flush of the document, as a failed flush is.
    onDurable: (handle) => {
      setImmediate(() => {
        if (closing !== undefined) return;
        try {
          projector.project(handle);
          emailSender.kick();
        } catch (error) {
          log.error({ err: error, documentId: handle.documentId }, "projection failed; retrying");
          setTimeout(() => acks.schedule(handle.documentId), 1_000).unref();
        }
      });
    },
    onAcked: (_id, ms) => metrics.durableAckSeconds.observe(ms / 1000),
    // Registers track the durability of their journals only (sync S3, S6); the store-wide documents
    // every register syncs would otherwise cost an ack to every register on each one's sync (RL7).
    acknowledges: (handle) => docKind(handle.doc()) === "journal",
  });
  const unloader = new DocumentUnloader(repo, config.unloadIdleDocumentsAfterMs, {
    isBusy: (id) => acks.isBusy(id),
    onUnloaded: (id) => {
      acks.forget(id);
      projector.forget(id);
      metrics.documentsUnloaded.inc();
    },
  }, now, log.child({ part: "unloader" }));
  const revocations = new RevocationWatcher(directory, connections, log.child({ part: "revocation" }));

  // The server adapter registers its connection listener only once the repo knows its storage id;
  // sockets accepted earlier are silently ignored (research/tooling.md §2.2). Wait for it.
  await repo.storageId();
  await new Promise((r) => setTimeout(r, 0));

  if (config.demo && directory.stores().length === 0) {
    const { storeId } = await createStore(repo, directory, ids, DEMO_STORE);
    directory.createOwner(`owner-${randomUUID()}`, DEMO_OWNER.email, await hashPassword(DEMO_OWNER.password), [storeId], now());
    log.info({ storeId }, "demo store created");
  }

  function revokeDevice(deviceId: string): boolean {
    const revoked = directory.revokeDevice(deviceId, now());
    connections.closeDevice(deviceId, "DEVICE_REVOKED");
    return revoked;
  }

  let closing: Promise<void> | undefined;
  const app = new Hono();
  app.route(
    "/",
    createOpsRoutes({
      metrics,
      isClosing: () => closing !== undefined,
      connections: () => connections.count,
      probeStorage: () => {
        const t = now();
        directory.probeWritable(t);
        storage.probeWritable(t);
        probeWritable(readModel.db, t);
        probeWritable(readModel.db, t, "online"); // online.sqlite (RL55), attached to the read model's connection
      },
    }),
  );
  app.route("/api/device", createDeviceStatusRoutes({ directory, live, now }));
  app.route("/api/device", createDeviceApi({ directory, readModel, repo, live, now, log: log.child({ part: "device-api" }), refundApprovalTtlMs: config.refundApprovalTtlMs, pointsRedemptionTtlMs: config.pointsRedemptionTtlMs }));
  app.route("/api", createApi({ directory, readModel, live, deviceStatus: connections, now, demo: config.demo ? { owner: DEMO_OWNER } : undefined, storeDoc, revokeDevice, repo }));
  mountApp(app, "/register", config.registerAppDir);
  mountApp(app, "/back-office", config.backOfficeAppDir);
  app.get("/", (c) => c.html(landingPage(config.demo)));

  const server: Server = createServer(getRequestListener(app.fetch));
  server.on(
    "upgrade",
    createUpgradeGate({
      wss,
      directory,
      connections,
      allowedOrigins: config.allowedOrigins,
      trustProxy: config.trustProxy,
      log: log.child({ part: "upgrade" }),
      isClosing: () => closing !== undefined,
      onRefused: (code) => metrics.rejectedConnections.inc({ code }),
      onAccepted: (ws: WebSocket, device: DeviceRow, req: IncomingMessage) => {
        bindSocket(ws, device);
        live.emit("devices", device.storeId);
        ws.on("error", (err) => {
          // ws closes the socket itself (1009, 1002, 1007) and then reports why; count it like our own closes.
          const code = (err as { code?: string }).code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? "FRAME_TOO_LARGE" : "MALFORMED_FRAME";
          metrics.rejectedConnections.inc({ code });
          log.warn({ code, deviceId: device.deviceId, detail: err.message }, "closing connection");
        });
        ws.on("close", () => {
          directory.touchDevice(device.deviceId, now());
          for (const peer of adapter.peersOfDevice(device.deviceId)) if (!adapter.sockets[peer]) adapter.deviceByPeer.delete(peer);
          live.emit("devices", device.storeId);
        });
        wss.emit("connection", ws, req);
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  revocations.start(config.revocationPollMs);
  unloader.start();
  emailSender.start();
  log.info({ url, dataDir: config.dataDir }, "relay listening");

  return {
    url,
    port,
    repo,
    directory,
    readModel,
    emailSender,
    metrics,
    log,
    revokeDevice,
    checkRevocations: () => revocations.check(),
    unloadIdleDocuments: () => unloader.sweep(),
    close() {
      closing ??= (async () => {
        revocations.stop();
        unloader.stop();
        // Every socket, including refused ones still closing: server.close() waits for all of them.
        for (const client of wss.clients) client.close(CLOSE_CODES.SHUTTING_DOWN, "SHUTTING_DOWN");
        const closed = new Promise<void>((r) => server.close(() => r()));
        // Requests in flight get a moment; long-lived responses (the back office's live stream) never
        // end on their own and would hold the shutdown for minutes: close what is left after that.
        const grace = setTimeout(() => server.closeAllConnections(), 2_000);
        await closed;
        clearTimeout(grace);
        server.closeAllConnections();
        // The message in flight is sent and recorded before the read model closes: none lost, none sent twice.
        await emailSender.close();
        await acks.close();
        // Only ready documents: flush() with no ids throws at the first one still loading or that
        // nobody had, and then saves nothing.
        await repo.flush(Object.values(repo.handles).filter((h) => h.isReady()).map((h) => h.documentId));
        await repo.shutdown().catch((error: unknown) => log.warn({ err: error }, "repo shutdown reported an error after the flush"));
        // A throttled save scheduled before shutdown may still fire (research/tooling.md §2.3); let it land.
        await new Promise((r) => setTimeout(r, 150));
        storage.close();
        readModel.close();
        directory.close();
        log.info("relay stopped; every document flushed");
      })();
      return closing;
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
