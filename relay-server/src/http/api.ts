import { Hono, type Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import { HttpError } from "../errors.js";
import { newSecret, verifyPassword } from "../auth/secrets.js";
import type { Directory } from "../db/directory.js";
import type { ReadModel } from "../read-model/read-model.js";
import type { LiveFeed } from "./live-feed.js";
import type { StoreDoc } from "@kasa/documents";
import { createOwnerReportRoutes, OwnerApiError } from "./owner-reports.js";
import { createOwnerCatalogRoutes } from "./owner-catalog.js";
import { createOwnerCustomerRoutes } from "./owner-customers.js";
import { createOwnerDeviceRoutes } from "./owner-devices.js";
import { createOwnerTicketRoutes } from "./owner-tickets.js";
import type { Repo } from "@automerge/automerge-repo";

export interface ApiDeps {
  readonly directory: Directory;
  readonly readModel: ReadModel;
  readonly live: LiveFeed;
  /** Which devices hold an open sync connection right now. */
  readonly deviceStatus: { isOnline(deviceId: string): boolean };
  readonly now: () => number;
  readonly demo: { readonly owner: { email: string; password: string } } | undefined;
  /** The store document (settings, catalog) for reports; without it reports use default settings. */
  readonly storeDoc?: (storeId: string) => Promise<StoreDoc | undefined>;
  /** Revokes a device's token and closes its connections at once (RelayServer.revokeDevice). */
  readonly revokeDevice?: (deviceId: string) => boolean;
  /** The relay's Repo: catalog and settings edits are written to the store document through it. */
  readonly repo?: Repo;
}

const SESSION_COOKIE = "kasa_session";
/** Owner sessions last 12 hours: a working day in the back office without signing in again. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

type Env = { Variables: { ownerId: string } };

/** The relay's HTTP API: pairing for registers, sessions and store data for the back office. */
export function createApi(deps: ApiDeps): Hono<Env> {
  const { directory, readModel, live, now } = deps;
  const api = new Hono<Env>();

  api.onError((error, c) => {
    if (error instanceof HttpError) return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    console.error(error);
    return c.json({ error: { code: "INTERNAL", message: "internal error" } }, 500);
  });

  api.post("/pair", async (c) => {
    const body = await parseBody(c, z.object({ code: z.string().trim().min(4).max(32) }));
    const deviceId = `dev-${randomUUID()}`;
    const result = directory.redeemPairingCode(body.code.toUpperCase().replace(/[\s-]/g, ""), deviceId, now());
    if (!result.ok) throw new HttpError(result.reason, result.reason === "PAIRING_CODE_EXPIRED" ? "This pairing code has expired" : "Unknown or already used pairing code");
    const store = directory.store(result.register.storeId);
    if (!store) throw new HttpError("NOT_FOUND", "store not found");
    return c.json({
      deviceId,
      token: result.token,
      storeId: store.storeId,
      storeName: store.name,
      storeDocUrl: store.storeDocUrl,
      registerId: result.register.registerId,
      registerNumber: result.register.number,
      registerName: result.register.name,
      registerDocUrl: result.register.registerDocUrl,
    });
  });

  api.post("/session", async (c) => {
    const body = await parseBody(c, z.object({ email: z.string().email().max(200), password: z.string().min(1).max(200) }));
    const owner = directory.ownerByEmail(body.email);
    if (!owner || !(await verifyPassword(body.password, owner.passwordHash))) throw new HttpError("UNAUTHENTICATED", "Wrong e-mail or password");
    const token = newSecret();
    directory.createSession(owner.ownerId, token, now() + SESSION_TTL_MS);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/api", maxAge: SESSION_TTL_MS / 1000 });
    return c.json({ stores: directory.storesOfOwner(owner.ownerId).map(({ storeId, name }) => ({ storeId, name })) });
  });

  api.delete("/session", (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) directory.deleteSession(token);
    deleteCookie(c, SESSION_COOKIE, { path: "/api" });
    return c.json({ ok: true });
  });

  api.get("/demo", (c) => c.json(deps.demo ? { enabled: true, owner: deps.demo.owner, stores: directory.stores().map((s) => ({ storeId: s.storeId, name: s.name, registers: directory.registers(s.storeId).map((r) => ({ number: r.number, name: r.name })) })) } : { enabled: false }));

  if (deps.demo) {
    // Demo only: anyone at the machine may pair a register without signing in first.
    api.post("/demo/stores/:storeId/registers/:number/pairing-code", (c) => {
      const reg = directory.registers(c.req.param("storeId")).find((r) => r.number === Number(c.req.param("number")));
      if (!reg) throw new HttpError("NOT_FOUND", "no such register");
      return c.json(directory.newPairingCode(reg.storeId, reg.registerId, now()));
    });
  }

  // Everything below needs a signed-in owner, and only sees that owner's stores.
  const owner = new Hono<Env>();
  owner.use("*", async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const ownerId = token ? directory.ownerOfSession(token, now()) : undefined;
    if (!ownerId) throw new HttpError("UNAUTHENTICATED", "Sign in first");
    c.set("ownerId", ownerId);
    await next();
  });
  owner.use("/stores/:storeId/*", async (c, next) => {
    // Another owner's store looks exactly like a missing one: no probing for ids.
    if (!directory.ownerCanSeeStore(c.get("ownerId"), c.req.param("storeId") ?? "")) throw new HttpError("NOT_FOUND", "no such store");
    await next();
  });

  owner.get("/me", (c) => c.json({ stores: directory.storesOfOwner(c.get("ownerId")).map(({ storeId, name }) => ({ storeId, name })) }));

  owner.get("/stores/:storeId/receipts", (c) => {
    const q = z
      .object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().nonnegative().optional() })
      .safeParse(c.req.query());
    if (!q.success) throw new HttpError("BAD_REQUEST", q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const opts = q.data.before === undefined ? { limit: q.data.limit } : { limit: q.data.limit, before: q.data.before };
    return c.json({ receipts: readModel.receipts(c.req.param("storeId"), opts) });
  });

  owner.get("/stores/:storeId/receipts/:eventId", (c) => {
    const body = readModel.receiptBody(c.req.param("storeId"), c.req.param("eventId"));
    if (!body) throw new HttpError("NOT_FOUND", "no such receipt");
    return c.json({ event: body });
  });

  owner.get("/stores/:storeId/registers", (c) => {
    const storeId = c.req.param("storeId");
    const devices = directory.devices(storeId);
    const reports = directory.deviceReports(storeId);
    return c.json({
      registers: directory.registers(storeId).map((r) => ({
        registerId: r.registerId,
        number: r.number,
        name: r.name,
        devices: devices
          .filter((d) => d.registerId === r.registerId)
          .map((d) => {
            const report = reports.get(d.deviceId);
            return {
              deviceId: d.deviceId,
              revoked: d.revokedAt !== null,
              revokedAt: d.revokedAt,
              lastSeenAt: d.lastSeenAt,
              online: deps.deviceStatus.isOnline(d.deviceId),
              // What the device last said about itself (RL38); null until it has reported.
              report: report ? { reportedAt: report.reportedAt, unsyncedEvents: report.unsyncedEvents, clockSkewMs: report.clockSkewMs } : null,
            };
          }),
      })),
    });
  });

  owner.post("/stores/:storeId/registers/:registerId/pairing-code", (c) => {
    const reg = directory.register(c.req.param("registerId"));
    if (!reg || reg.storeId !== c.req.param("storeId")) throw new HttpError("NOT_FOUND", "no such register");
    return c.json(directory.newPairingCode(reg.storeId, reg.registerId, now()));
  });

  owner.post("/stores/:storeId/devices/:deviceId/revoke", async (c) => {
    const storeId = c.req.param("storeId");
    const device = directory.devices(storeId).find((d) => d.deviceId === c.req.param("deviceId"));
    if (!device) throw new HttpError("NOT_FOUND", "no such device");
    if (device.revokedAt !== null) throw new OwnerApiError("DEVICE_ALREADY_REVOKED", 409, "This device is already revoked");
    // RL39: a device that last reported unsynced events is only revoked once the owner has seen the warning.
    const text = await c.req.text();
    let acknowledged = false;
    if (text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new HttpError("BAD_REQUEST", "body must be JSON");
      }
      const parsed = z.object({ acknowledgeUnsynced: z.boolean().optional() }).strict().safeParse(json);
      if (!parsed.success) throw new HttpError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      acknowledged = parsed.data.acknowledgeUnsynced === true;
    }
    const unsynced = directory.deviceReports(storeId).get(device.deviceId)?.unsyncedEvents ?? 0;
    if (unsynced > 0 && !acknowledged)
      throw new OwnerApiError("DEVICE_HAS_UNSYNCED_DATA", 409, `The device had ${unsynced} unsynced events at its last contact; they stay on the device until it has synced`);
    if (deps.revokeDevice) deps.revokeDevice(device.deviceId);
    else directory.revokeDevice(device.deviceId, now());
    live.emit("devices", storeId);
    return c.json({ revoked: true });
  });

  owner.get("/stores/:storeId/live", (c) => {
    const storeId = c.req.param("storeId");
    return streamSSE(c, async (stream) => {
      const onReceipts = (s: string, rows: unknown[]) => {
        if (s === storeId) void stream.writeSSE({ event: "receipts", data: JSON.stringify(rows) });
      };
      const onDevices = (s: string) => {
        if (s === storeId) void stream.writeSSE({ event: "devices", data: "{}" });
      };
      live.on("receipts", onReceipts);
      live.on("devices", onDevices);
      stream.onAbort(() => {
        live.off("receipts", onReceipts);
        live.off("devices", onDevices);
      });
      // Comments keep proxies from closing an idle stream; 25 s is under common 30–60 s idle timeouts.
      while (!stream.aborted) {
        await stream.writeSSE({ event: "ping", data: String(now()) });
        await stream.sleep(25_000);
      }
    });
  });

  // Reports, receipts with cancel, shifts, outbox, settings (issue 6).
  owner.route("/", createOwnerReportRoutes({ readModel, now, storeDoc: deps.storeDoc ?? (async () => undefined) }));

  if (deps.repo) owner.route("/", createOwnerCatalogRoutes({ repo: deps.repo, directory }));
  if (deps.repo) owner.route("/", createOwnerCustomerRoutes({ repo: deps.repo, directory, readModel, now }));
  owner.route("/", createOwnerDeviceRoutes({ directory, repo: deps.repo, live }));
  if (deps.repo && deps.storeDoc) owner.route("/", createOwnerTicketRoutes({ repo: deps.repo, storeDoc: deps.storeDoc }));

  api.route("/", owner);
  return api;
}

async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new HttpError("BAD_REQUEST", "body must be JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}
