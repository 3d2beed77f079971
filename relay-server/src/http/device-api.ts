import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Repo } from "@automerge/automerge-repo";
import type { Logger } from "pino";
import type { Directory, DeviceRow } from "../db/directory.js";
import type { ReadModel } from "../read-model/read-model.js";
import { OnlineService } from "../online/online-service.js";
import { OnlineError } from "../online/online-error.js";
import type { LiveFeed } from "./live-feed.js";

export interface DeviceApiDeps {
  readonly directory: Directory;
  readonly readModel: ReadModel;
  readonly repo: Repo;
  readonly live: LiveFeed;
  readonly now: () => number;
  readonly log: Logger;
  /** RL51: unused refund approvals are released after this long (default OnlineService's). */
  readonly refundApprovalTtlMs?: number;
  /** RL52: redeemed points no sale used are given back after this long (default OnlineService's). */
  readonly pointsRedemptionTtlMs?: number;
}

type Env = { Variables: { device: DeviceRow } };

/** Largest JSON body a device command may send. */
const MAX_BODY_BYTES = 64 * 1024;

const requestId = z.string().min(1).max(64).regex(/^[\w.:-]+$/, "letters, digits, . _ : - only");
const refundBody = z
  .object({
    requestId,
    saleEventId: z.string().min(1).max(64),
    lines: z.array(z.object({ lineIndex: z.number().int().nonnegative().max(10_000), quantityMilli: z.number().int().safe() }).strict()).max(1000),
  })
  .strict();
const optionalText = (max: number) => z.string().max(max).optional();
const customerBody = z
  .object({
    requestId,
    name: z.string().trim().min(1).max(200),
    email: optionalText(254),
    phone: optionalText(40),
    code: optionalText(64),
    note: optionalText(1000),
  })
  .strict();
const redeemBody = z.object({ requestId, customerId: z.string().min(1).max(64), points: z.number().int().positive().max(1_000_000_000) }).strict();
// RL53: an item created from a register; the catalog's own id rules for the references.
const catalogId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, "letters, digits, . _ : - only");
const itemBody = z
  .object({
    requestId,
    name: z.string().trim().min(1).max(200),
    price: z.number().int().nonnegative().max(1_000_000_000),
    soldBy: z.enum(["each", "weight"]),
    categoryId: catalogId.optional(),
    taxIds: z.array(catalogId).max(10),
  })
  .strict();
// RL52: the redemption's own request id names it; releasing is idempotent by it, so no second id.
const releaseBody = z.object({ redemptionId: requestId }).strict();

/**
 * The relay's device API (SPEC RL14–RL21): the online-only operations of DESIGN §4, for paired
 * registers. The device token goes in `Authorization: Bearer`; every command is scoped to the
 * device's store (another store's ids look exactly like unknown ones) and answers bad input with a
 * coded 4xx. Mount it before the owner API: its own authentication replaces the session cookie.
 */
export function createDeviceApi(deps: DeviceApiDeps): Hono<Env> {
  const { directory, now } = deps;
  const online = new OnlineService(deps.readModel, deps.repo, directory, now, deps.log, {
    ...(deps.refundApprovalTtlMs === undefined ? {} : { refundApprovalTtlMs: deps.refundApprovalTtlMs }),
    ...(deps.pointsRedemptionTtlMs === undefined ? {} : { pointsRedemptionTtlMs: deps.pointsRedemptionTtlMs }),
  });
  const api = new Hono<Env>();

  // Balances in the customers document follow projected sales (earned points), a little later.
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  deps.live.on("receipts", (storeId) => {
    if (pending.has(storeId)) return;
    pending.set(
      storeId,
      setTimeout(() => {
        pending.delete(storeId);
        online.refreshPoints(storeId).catch((e: unknown) => deps.log.warn({ err: e, storeId }, "points refresh failed"));
      }, 100),
    );
  });

  api.onError((error, c) => {
    if (error instanceof OnlineError) return c.json({ error: { code: error.code, message: error.message } }, error.status);
    deps.log.error({ err: error }, "device API error");
    return c.json({ error: { code: "INTERNAL", message: "internal error" } }, 500);
  });

  api.use("*", async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer ([\w.~+/=-]{16,512})$/i.exec(header)?.[1];
    const device = token ? directory.deviceByToken(token) : undefined;
    if (!device) throw new OnlineError(401, "UNAUTHENTICATED", "Unknown device token");
    if (device.revokedAt !== null) throw new OnlineError(403, "DEVICE_REVOKED", "This device was deactivated in the back office");
    c.set("device", device);
    await next();
  });

  api.get("/time", (c) => c.json({ now: now() }));

  api.post("/refunds", async (c) => {
    const body = await parseBody(c, refundBody);
    return c.json(online.approveRefund(c.get("device"), body));
  });

  api.get("/receipts", (c) => {
    const q = z.object({ query: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(100).default(50) }).safeParse(c.req.query());
    if (!q.success) throw badRequest(q.error);
    return c.json({ receipts: online.searchReceipts(c.get("device").storeId, q.data.query, q.data.limit) });
  });

  api.get("/receipts/:eventId", (c) => {
    const found = online.receipt(c.get("device").storeId, c.req.param("eventId"));
    if (!found) throw new OnlineError(404, "UNKNOWN_RECEIPT", "No synced receipt with this id in this store");
    return c.json(found);
  });

  api.post("/customers", async (c) => {
    const { requestId: id, ...input } = await parseBody(c, customerBody);
    return c.json(await online.registerCustomer(c.get("device"), id, input));
  });

  api.put("/customers/:customerId", async (c) => {
    const { requestId: id, ...input } = await parseBody(c, customerBody);
    const customerId = c.req.param("customerId");
    if (customerId.length > 64) throw new OnlineError(404, "UNKNOWN_CUSTOMER", "No such customer in this store");
    return c.json(await online.editCustomer(c.get("device"), id, customerId, input));
  });

  api.post("/points/redeem", async (c) => {
    const body = await parseBody(c, redeemBody);
    return c.json(await online.redeemPoints(c.get("device"), body));
  });

  api.post("/points/release", async (c) => {
    const body = await parseBody(c, releaseBody);
    return c.json(await online.releasePoints(c.get("device"), body));
  });

  api.post("/items", async (c) => {
    const body = await parseBody(c, itemBody);
    return c.json({ item: await online.createItem(c.get("device"), body) });
  });

  api.get("/stock", async (c) => {
    const raw = c.req.query("items") ?? "";
    const items = [...new Set(raw.split(",").map((s) => s.trim()).filter(Boolean))];
    if (items.length === 0 || items.length > 200 || items.some((i) => i.length > 64)) throw new OnlineError(400, "BAD_REQUEST", "items: 1–200 comma-separated item ids");
    return c.json({ stock: await online.stock(c.get("device").storeId, items) });
  });

  // Anything else under /api/device ends here, never in the owner API behind it.
  api.all("*", (c) => c.json({ error: { code: "NOT_FOUND", message: "no such device command" } }, 404));
  return api;
}

async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new OnlineError(413, "PAYLOAD_TOO_LARGE", "request body too large");
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new OnlineError(413, "PAYLOAD_TOO_LARGE", "request body too large");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OnlineError(400, "BAD_REQUEST", "body must be JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

function badRequest(error: z.ZodError): OnlineError {
  return new OnlineError(400, "BAD_REQUEST", error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
}
