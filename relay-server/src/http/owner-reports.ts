import { Hono, type Context } from "hono";
import { z } from "zod";
import type { StoreDoc } from "@kasa/documents";
import { HttpError } from "../errors.js";
import type { ReadModel } from "../read-model/read-model.js";
import { resolvePeriod, salesSummary, salesByItem, salesByCategory, salesByPaymentType, MAX_RANGE_DAYS, type PeriodName, type ResolvedPeriod } from "../read-model/reports.js";
import { cancelReceipt, listReceipts, receiptDetail } from "../read-model/reports-receipts.js";
import { listShifts, shiftReportFor } from "../read-model/shifts.js";
import { addDays, daysBetween, isValidTimeZone, parseLocalDate, startOfLocalDay } from "../read-model/reports-time.js";
import { listEmails } from "../outbox/email-requests.js";

/** An HTTP error with a code of the owner API's own (409s for cancellation conflicts, 400s for ranges). */
export class OwnerApiError extends HttpError {
  readonly #status: number;
  constructor(code: string, status: number, message: string) {
    super("BAD_REQUEST", message);
    Object.defineProperty(this, "code", { value: code });
    this.#status = status;
  }
  override get status(): number {
    return this.#status;
  }
}

export interface StoreSettingsView {
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly useShifts: boolean;
  readonly ticketNames: readonly string[];
}

export interface OwnerReportDeps {
  readonly readModel: ReadModel;
  readonly now: () => number;
  /** The store document as the relay holds it now (settings, catalog); undefined if it can't be loaded. */
  readonly storeDoc: (storeId: string) => Promise<StoreDoc | undefined>;
}

type Env = { Variables: { ownerId: string } };

const FALLBACK = { currency: "PLN", timeZone: "Europe/Warsaw", locale: "pl-PL" };
const EARLIEST = "2000-01-01";
const LATEST = "2100-12-31";

function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const q = schema.safeParse(c.req.query());
  if (!q.success) throw new HttpError("BAD_REQUEST", q.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
  return q.data;
}

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const periodQuery = z
  .object({
    period: z.enum(["today", "yesterday", "week", "month", "custom"]).default("today"),
    from: dateString.optional(),
    to: dateString.optional(),
  })
  .strict();

/** Owner routes for reports, receipts (with cancel), shifts, outbox and settings. Mounted behind the owner session guard. */
export function createOwnerReportRoutes(deps: OwnerReportDeps): Hono<Env> {
  const { readModel, now } = deps;
  const db = readModel.db;
  const r = new Hono<Env>();

  async function settingsOf(storeId: string): Promise<StoreSettingsView> {
    const doc = await deps.storeDoc(storeId);
    const s = doc?.settings;
    // Automerge may hand back text objects: plain strings for JSON and Intl.
    const zone = s?.timeZone === undefined ? undefined : String(s.timeZone);
    const timeZone = zone && isValidTimeZone(zone) ? zone : FALLBACK.timeZone;
    return {
      name: String(s?.name ?? ""),
      currency: String(s?.currency ?? FALLBACK.currency),
      timeZone,
      locale: String(s?.locale ?? FALLBACK.locale),
      useShifts: Boolean(s?.useShifts),
      ticketNames: [...(s?.ticketNames ?? [])].map(String),
    };
  }

  function period(c: Context, timeZone: string): ResolvedPeriod {
    const q = parseQuery(c, periodQuery);
    if (q.period !== "custom") {
      if (q.from || q.to) throw new OwnerApiError("RANGE_INVALID", 400, "from/to are only for period=custom");
      return resolvePeriod(q.period as PeriodName, now(), timeZone);
    }
    if (!q.from || !q.to) throw new OwnerApiError("RANGE_INVALID", 400, "period=custom needs from and to (YYYY-MM-DD)");
    const from = parseLocalDate(q.from);
    const to = parseLocalDate(q.to);
    if (!from || !to) throw new OwnerApiError("RANGE_INVALID", 400, "from/to is not a calendar date");
    if (q.from < EARLIEST || q.to > LATEST) throw new OwnerApiError("RANGE_INVALID", 400, `dates must be between ${EARLIEST} and ${LATEST}`);
    const days = daysBetween(from, to) + 1;
    if (days < 1) throw new OwnerApiError("RANGE_INVALID", 400, "from is after to");
    if (days > MAX_RANGE_DAYS) throw new OwnerApiError("RANGE_INVALID", 400, `a range is at most ${MAX_RANGE_DAYS} days`);
    return resolvePeriod("custom", now(), timeZone, { from, to });
  }

  r.get("/stores/:storeId/settings", async (c) => c.json({ settings: await settingsOf(c.req.param("storeId")) }));

  r.get("/stores/:storeId/reports/summary", async (c) => {
    const storeId = c.req.param("storeId");
    const settings = await settingsOf(storeId);
    const p = period(c, settings.timeZone);
    return c.json({ currency: settings.currency, timeZone: settings.timeZone, ...salesSummary(db, storeId, p, settings.timeZone) });
  });

  for (const kind of ["items", "categories", "payment-types"] as const) {
    r.get(`/stores/:storeId/reports/${kind}`, async (c) => {
      const storeId = c.req.param("storeId");
      const settings = await settingsOf(storeId);
      const p = period(c, settings.timeZone).current;
      const base = { currency: settings.currency, period: { start: p.start, end: p.end } };
      if (kind === "payment-types") return c.json({ ...base, rows: salesByPaymentType(db, storeId, p.start, p.end) });
      const catalog = (await deps.storeDoc(storeId))?.catalog;
      const items = salesByItem(db, storeId, p.start, p.end, catalog);
      return c.json({ ...base, rows: kind === "items" ? items : salesByCategory(items, catalog) });
    });
  }

  r.get("/stores/:storeId/sales", async (c) => {
    const storeId = c.req.param("storeId");
    const q = parseQuery(
      c,
      z
        .object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().nonnegative().optional(),
          registerId: z.string().min(1).max(64).optional(),
          kind: z.enum(["sale", "refund", "all"]).default("all"),
          from: dateString.optional(),
          to: dateString.optional(),
          number: z.string().regex(/^\d+-\d+$/).optional(),
        })
        .strict(),
    );
    if (q.registerId && !readModel.db.prepare("SELECT 1 FROM receipts WHERE store_id = ? AND register_id = ? LIMIT 1").get(storeId, q.registerId) && !(await knownRegister(storeId, q.registerId)))
      throw new HttpError("NOT_FOUND", "no such register");
    const settings = await settingsOf(storeId);
    let start: number | undefined;
    let end: number | undefined;
    if (q.from) {
      const d = parseLocalDate(q.from);
      if (!d || q.from < EARLIEST || q.from > LATEST) throw new OwnerApiError("RANGE_INVALID", 400, "from is not a valid date");
      start = startOfLocalDay(d, settings.timeZone);
    }
    if (q.to) {
      const d = parseLocalDate(q.to);
      if (!d || q.to < EARLIEST || q.to > LATEST) throw new OwnerApiError("RANGE_INVALID", 400, "to is not a valid date");
      end = startOfLocalDay(addDays(d, 1), settings.timeZone);
    }
    if (start !== undefined && end !== undefined && start >= end) throw new OwnerApiError("RANGE_INVALID", 400, "from is after to");
    const receipts = listReceipts(db, storeId, {
      limit: q.limit,
      ...(q.before !== undefined ? { before: q.before } : {}),
      ...(q.registerId ? { registerId: q.registerId } : {}),
      ...(q.kind !== "all" ? { kind: q.kind } : {}),
      ...(start !== undefined ? { start } : {}),
      ...(end !== undefined ? { end } : {}),
      ...(q.number ? { number: q.number } : {}),
    });
    return c.json({ receipts });
  });

  async function knownRegister(storeId: string, registerId: string): Promise<boolean> {
    const doc = await deps.storeDoc(storeId);
    return Object.values(doc?.registers ?? {}).some((reg) => reg.registerId === registerId);
  }

  r.get("/stores/:storeId/sales/:eventId", (c) => {
    const detail = receiptDetail(db, c.req.param("storeId"), c.req.param("eventId"));
    if (!detail) throw new HttpError("NOT_FOUND", "no such receipt");
    return c.json(detail);
  });

  r.post("/stores/:storeId/sales/:eventId/cancel", async (c) => {
    let reason = "";
    const text = await c.req.text();
    if (text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new HttpError("BAD_REQUEST", "body must be JSON");
      }
      const parsed = z.object({ reason: z.string().max(500).default("") }).strict().safeParse(json);
      if (!parsed.success) throw new HttpError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      reason = parsed.data.reason;
    }
    const result = cancelReceipt(db, c.req.param("storeId"), c.req.param("eventId"), c.get("ownerId"), reason, now());
    if (!result.ok) {
      if (result.code === "NOT_FOUND") throw new HttpError("NOT_FOUND", "no such sale receipt");
      throw new OwnerApiError(result.code, 409, result.code === "RECEIPT_HAS_REFUNDS" ? "Cancel its refunds first: the receipt has a refund" : "The receipt is already cancelled");
    }
    return c.json({ cancelledAt: result.cancelledAt });
  });

  r.get("/stores/:storeId/shifts", async (c) => {
    const storeId = c.req.param("storeId");
    const q = parseQuery(c, z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), registerId: z.string().min(1).max(64).optional() }).strict());
    return c.json({ shifts: listShifts(db, storeId, { limit: q.limit, ...(q.registerId ? { registerId: q.registerId } : {}) }) });
  });

  r.get("/stores/:storeId/shifts/:shiftId", (c) => {
    const report = shiftReportFor(db, c.req.param("storeId"), c.req.param("shiftId"));
    if (!report) throw new HttpError("NOT_FOUND", "no such shift");
    return c.json({ report });
  });

  r.get("/stores/:storeId/outbox", (c) => {
    const q = parseQuery(c, z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict());
    return c.json({ messages: listEmails(db, c.req.param("storeId"), q.limit) });
  });

  return r;
}
