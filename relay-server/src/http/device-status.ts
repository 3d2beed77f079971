import { Hono } from "hono";
import { z } from "zod";
import type { Directory } from "../db/directory.js";
import type { LiveFeed } from "./live-feed.js";

/**
 * `POST /api/device/status {unsyncedEvents, deviceTime}`: a register tells the relay how many of its
 * journal events are not yet durable on the relay and what its clock says, so the back office can show
 * "3 events unsynced at last contact" and a clock that is off (SPEC RL38). Mounted before the device
 * API, whose catch-all would answer 404; authenticated the same way (RL30). The relay can't learn
 * either figure by itself: it never sees what it hasn't received, and device times in receipts were
 * written earlier, possibly offline.
 */
export function createDeviceStatusRoutes(deps: { directory: Directory; live: LiveFeed; now: () => number }): Hono {
  const api = new Hono();
  const body = z
    .object({
      unsyncedEvents: z.number().int().nonnegative().max(10_000_000),
      // 2000-01-01 … 2100-01-01: a clock outside that is broken, not skewed.
      deviceTime: z.number().int().min(946_684_800_000).max(4_102_444_800_000),
    })
    .strict();

  api.post("/status", async (c) => {
    const error = (status: 400 | 401 | 403 | 413, code: string, message: string) => c.json({ error: { code, message } }, status);
    const token = /^Bearer ([\w.~+/=-]{16,512})$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const device = token ? deps.directory.deviceByToken(token) : undefined;
    if (!device) return error(401, "UNAUTHENTICATED", "Unknown device token");
    if (device.revokedAt !== null) return error(403, "DEVICE_REVOKED", "This device was deactivated in the back office");
    const text = await c.req.text();
    if (text.length > 4096) return error(413, "PAYLOAD_TOO_LARGE", "request body too large");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return error(400, "BAD_REQUEST", "body must be JSON");
    }
    const parsed = body.safeParse(json);
    if (!parsed.success) return error(400, "BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    const now = deps.now();
    deps.directory.recordDeviceReport({ deviceId: device.deviceId, reportedAt: now, unsyncedEvents: parsed.data.unsyncedEvents, clockSkewMs: parsed.data.deviceTime - now });
    deps.directory.touchDevice(device.deviceId, now);
    deps.live.emit("devices", device.storeId);
    return c.json({ now });
  });
  return api;
}
