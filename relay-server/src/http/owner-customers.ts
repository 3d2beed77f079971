import { Hono, type Context } from "hono";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import { pino, type Logger } from "pino";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import { readCustomers, readStore, type Customer, type CustomersDoc, type Stored, type StoredStoreDoc } from "@kasa/documents";
import { HttpError } from "../errors.js";
import type { Directory, DeviceRow } from "../db/directory.js";
import type { ReadModel } from "../read-model/read-model.js";
import { OnlineService, type CustomerInput } from "../online/online-service.js";
import { OnlineError } from "../online/online-error.js";
import { balancesOfStore, pointsHistory } from "../online/customer-points.js";
import { OwnerApiError } from "./owner-reports.js";

type Env = { Variables: { ownerId: string } };

export interface OwnerCustomerDeps {
  readonly directory: Directory;
  readonly readModel: ReadModel;
  readonly repo: Repo;
  readonly now: () => number;
  readonly log?: Logger;
}

const optionalText = (max: number) => z.string().max(max).optional();
const customerBody = z
  .object({
    // Optional for the owner: the back office sends one per form submission so a retried save applies once.
    requestId: z.string().min(1).max(64).regex(/^[\w.:-]+$/, "letters, digits, . _ : - only").optional(),
    name: z.string().trim().min(1).max(200),
    email: optionalText(254),
    phone: optionalText(40),
    code: optionalText(64),
    note: optionalText(1000),
  })
  .strict();

export interface CustomerView extends Omit<Customer, "points"> {
  readonly points: number;
}

/**
 * The store's customers for the back office (SPEC RL41–RL43): list and search, create and edit with
 * the same uniqueness rules as registers (RL35, by reusing OnlineService), the points balance and its
 * history. Customers live in the store's customers document (written only by the relay) and their
 * unique keys in `online_customers`.
 */
export function createOwnerCustomerRoutes(deps: OwnerCustomerDeps): Hono<Env> {
  const r = new Hono<Env>();
  const online = new OnlineService(deps.readModel, deps.repo, deps.directory, deps.now, deps.log ?? pino({ level: "silent" }));
  const db = deps.readModel.db;

  async function customersOf(storeId: string): Promise<Customer[]> {
    const store = deps.directory.store(storeId);
    if (!store) throw new HttpError("NOT_FOUND", "no such store");
    const storeDoc = readStore((await deps.repo.find<StoredStoreDoc>(store.storeDocUrl as AutomergeUrl)).doc());
    if (!storeDoc.customersDocUrl) return [];
    return readCustomers((await deps.repo.find<Stored<CustomersDoc>>(storeDoc.customersDocUrl as AutomergeUrl)).doc());
  }

  /** The owner acts on a store, not through a device: the service only reads the store id. */
  const actingAs = (storeId: string, ownerId: string): DeviceRow => ({ deviceId: `owner:${ownerId}`, storeId, registerId: "", revokedAt: null, lastSeenAt: null });

  async function write(c: Context<Env>, run: (input: CustomerInput, requestId: string) => Promise<unknown>) {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw new HttpError("BAD_REQUEST", "body must be JSON");
    }
    const parsed = customerBody.safeParse(json);
    if (!parsed.success) throw new HttpError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    const { requestId, ...input } = parsed.data;
    try {
      return await run(input, `owner:${requestId ?? randomUUID()}`);
    } catch (e) {
      if (e instanceof OnlineError) throw new OwnerApiError(e.code, e.status, e.message);
      throw e;
    }
  }

  r.get("/stores/:storeId/customers", async (c) => {
    const q = z
      .object({ query: z.string().trim().max(100).default(""), limit: z.coerce.number().int().min(1).max(1000).default(200) })
      .strict()
      .safeParse(c.req.query());
    if (!q.success) throw new HttpError("BAD_REQUEST", q.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
    const storeId = c.req.param("storeId");
    const needle = q.data.query.toLowerCase();
    const digits = needle.replace(/[^\d]/g, "");
    const balances = balancesOfStore(db, storeId);
    const all = await customersOf(storeId);
    const found = all
      .filter(
        (x) =>
          !needle ||
          x.name.toLowerCase().includes(needle) ||
          (x.email ?? "").includes(needle) ||
          (x.code ?? "").toLowerCase().includes(needle) ||
          (digits.length >= 3 && (x.phone ?? "").includes(digits)),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, q.data.limit)
      .map((x) => ({ ...x, points: balances.get(x.customerId) ?? 0 }));
    return c.json({ customers: found, total: all.length });
  });

  r.get("/stores/:storeId/customers/:customerId", async (c) => {
    const storeId = c.req.param("storeId");
    const customer = (await customersOf(storeId)).find((x) => x.customerId === c.req.param("customerId"));
    if (!customer) throw new OwnerApiError("UNKNOWN_CUSTOMER", 404, "No such customer in this store");
    return c.json({ customer: { ...customer, points: online.balance(storeId, customer.customerId) }, history: pointsHistory(db, storeId, customer.customerId) });
  });

  r.post("/stores/:storeId/customers", async (c) => {
    const storeId = c.req.param("storeId");
    const customer = await write(c, (input, requestId) => online.registerCustomer(actingAs(storeId, c.get("ownerId")), requestId, input));
    return c.json({ customer }, 201);
  });

  r.put("/stores/:storeId/customers/:customerId", async (c) => {
    const storeId = c.req.param("storeId");
    const customerId = c.req.param("customerId");
    if (customerId.length > 64) throw new OwnerApiError("UNKNOWN_CUSTOMER", 404, "No such customer in this store");
    const customer = await write(c, (input, requestId) => online.editCustomer(actingAs(storeId, c.get("ownerId")), requestId, customerId, input));
    return c.json({ customer });
  });

  return r;
}
