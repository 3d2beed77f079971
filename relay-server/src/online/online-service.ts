import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import {
  NOTHING_REFUNDED,
  refundSale,
  refundedSoFar,
  type CatalogItem,
  type EventId,
  type KasaEvent,
  type RefundCompleted,
  type RefundLineInput,
  type RegisterId,
  type SaleCompleted,
  type StoreId,
} from "@kasa/domain";
import { putCustomer, readCustomers, readStore, setCustomerPoints, type Customer, type CustomersDoc, type Stored, type StoredStoreDoc } from "@kasa/documents";
import type { Logger } from "pino";
import type { Directory, DeviceRow } from "../db/directory.js";
import type { ReadModel } from "../read-model/read-model.js";
import { attachOnlineFile } from "./online-file.js";
import { migrateRefunds } from "../read-model/refunds.js";
import { OnlineError } from "./online-error.js";
import { DEFAULT_CONFIG } from "../config.js";
import { settleRefundPoints } from "./point-takebacks.js";
import { APPROVAL_HOLDS, approvalReleased, releaseExpiredApprovals } from "./refund-approval-expiry.js";
import { balancesOfStore } from "./customer-points.js";
import { redemption, releaseExpiredRedemptions, releaseRedemption } from "./points-release.js";
import { registerItem, type RegisterItemInput } from "./register-items.js";
import { upsertCatalogEntry } from "../catalog/store-editor.js";

export interface CustomerInput {
  readonly name: string;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly code?: string | undefined;
  readonly note?: string | undefined;
}

export interface CustomerRecord {
  readonly customerId: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly code?: string;
  readonly note?: string;
  readonly points: number;
}

export interface StoreReceiptHit {
  readonly eventId: string;
  readonly number: string;
  readonly registerNumber: number;
  readonly deviceTime: number;
  readonly receivedAt: number;
  readonly total: number;
  readonly kind: "sale" | "refund";
}

/**
 * The relay's online-only operations (DESIGN §4, SPEC RL14–RL20). Each write is idempotent by the
 * client's request id: the first success is stored with a hash of the request, a retry with the
 * same body gets the same answer, a different body under the same id is refused (REQUEST_ID_REUSED).
 * Every check-and-reserve runs in one IMMEDIATE SQLite transaction, so two registers racing for the
 * same receipt or the same points can't both win.
 */
export interface OnlineServiceOptions {
  /** An unused refund approval is released after this long (RL51); 0 keeps approvals forever. */
  readonly refundApprovalTtlMs?: number;
  /** A points redemption no sale used is released after this long (RL52); 0 keeps redemptions forever. */
  readonly pointsRedemptionTtlMs?: number;
}

export class OnlineService {
  readonly #db: Database.Database;
  readonly #approvalTtlMs: number;
  readonly #redemptionTtlMs: number;

  constructor(
    readModel: ReadModel,
    private readonly repo: Repo,
    private readonly directory: Directory,
    private readonly now: () => number,
    private readonly log: Logger,
    options: OnlineServiceOptions = {},
  ) {
    this.#approvalTtlMs = options.refundApprovalTtlMs ?? DEFAULT_CONFIG.refundApprovalTtlMs;
    this.#redemptionTtlMs = options.pointsRedemptionTtlMs ?? DEFAULT_CONFIG.pointsRedemptionTtlMs;
    // Own connection to the read model's file with online.sqlite attached (RL55): the online rows are
    // authoritative, so they commit with fsync.
    this.#db = new Database(readModel.db.name);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("synchronous = FULL");
    this.#db.pragma("busy_timeout = 5000");
    migrateRefunds(this.#db);
    attachOnlineFile(this.#db, readModel.onlineFile);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** Runs `run` once per (store, request id); stores and replays its answer. `guard` runs first, in the same transaction, replays included. */
  #idempotent<T>(storeId: string, requestId: string, kind: string, body: unknown, run: () => T, guard?: () => void): { value: T; replay: boolean } {
    const hash = createHash("sha256").update(kind).update("\0").update(canonical(body)).digest("hex");
    return this.#db.transaction(() => {
      guard?.();
      const seen = this.#db.prepare("SELECT body_hash AS hash, response FROM online_requests WHERE store_id = ? AND request_id = ?").get(storeId, requestId) as
        | { hash: string; response: string }
        | undefined;
      if (seen) {
        if (seen.hash !== hash) throw new OnlineError(409, "REQUEST_ID_REUSED", "This request id was already used for another request");
        return { value: JSON.parse(seen.response) as T, replay: true };
      }
      const value = run();
      this.#db.prepare("INSERT INTO online_requests (store_id, request_id, kind, body_hash, response, at) VALUES (?, ?, ?, ?, ?, ?)").run(storeId, requestId, kind, hash, JSON.stringify(value), this.now());
      return { value, replay: false };
    }).immediate();
  }

  // ---- Refunds (O6) ----

  approveRefund(device: DeviceRow, input: { requestId: string; saleEventId: string; lines: readonly RefundLineInput[] }) {
    // Expired unused approvals give their quantities back first (RL51), committed on their own so a refusal below keeps the release.
    this.#db.transaction(() => releaseExpiredApprovals(this.#db, device.storeId, input, this.now(), this.#approvalTtlMs)).immediate();
    const expired = () => {
      if (approvalReleased(this.#db, device.storeId, input.requestId)) throw new OnlineError(409, "REFUND_APPROVAL_EXPIRED", "This refund approval expired unused; start the refund again");
    };
    return this.#idempotent(device.storeId, input.requestId, "refund", input, () => {
      const sale = this.#sale(device.storeId, input.saleEventId);
      if (!sale) throw new OnlineError(404, "UNKNOWN_RECEIPT", "No synced receipt with this id in this store");
      const rows = this.#db.prepare(`SELECT lines_json AS lines, payments_json AS payments FROM refund_approvals a WHERE a.store_id = ? AND a.sale_event_id = ? AND ${APPROVAL_HOLDS}`).all(device.storeId, sale.id) as {
        lines: string;
        payments: string;
      }[];
      const earlier = rows.length === 0 ? NOTHING_REFUNDED : refundedSoFar(sale.id, rows.map((r) => pseudoRefund(sale.id, JSON.parse(r.lines) as [number, number][], JSON.parse(r.payments))));
      // The domain's own command decides (D25, D26): the register will run the same one on this approval.
      const refund = refundSale(
        { storeId: device.storeId as StoreId, registerId: device.registerId as RegisterId, registerNumber: 1, sequence: 1, eventId: "00000000-0000-7000-8000-000000000000" as EventId, now: this.now() },
        sale,
        earlier,
        { requestId: input.requestId, lines: input.lines },
      );
      if (!refund.ok) throw new OnlineError(refund.error.code === "REFUND_OVER_SOLD" ? 409 : 400, refund.error.code, refund.error.message);
      const f = refund.value.payload.refund;
      this.#db
        .prepare("INSERT INTO refund_approvals (store_id, request_id, sale_event_id, register_id, lines_json, payments_json, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(device.storeId, input.requestId, sale.id, device.registerId, JSON.stringify(f.lines.map((l) => [l.lineIndex, l.quantityMilli])), JSON.stringify(f.payments), this.now());
      return { requestId: input.requestId, sale, earlier: { quantities: [...earlier.quantities], payments: [...earlier.payments] } };
    }, expired).value;
  }

  #sale(storeId: string, eventId: string): SaleCompleted | undefined {
    const row = this.#db.prepare("SELECT body FROM receipts WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as SaleCompleted) : undefined;
  }

  // ---- Receipts (O13, other registers) ----

  searchReceipts(storeId: string, query: string, limit: number): StoreReceiptHit[] {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const sales = this.#db
      .prepare(
        `SELECT event_id AS eventId, number, register_number AS registerNumber, device_time AS deviceTime, received_at AS receivedAt, total, 'sale' AS kind
         FROM receipts r WHERE store_id = ? AND (number LIKE ? ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM json_each(r.body, '$.payload.receipt.lines') l WHERE json_extract(l.value, '$.name') LIKE ? ESCAPE '\\'))
         ORDER BY device_time DESC LIMIT ?`,
      )
      .all(storeId, like, like, limit) as StoreReceiptHit[];
    const refunds = this.#db
      .prepare(
        `SELECT event_id AS eventId, number, register_number AS registerNumber, device_time AS deviceTime, received_at AS receivedAt, total, 'refund' AS kind
         FROM refunds r WHERE store_id = ? AND (number LIKE ? ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM json_each(r.body, '$.payload.refund.lines') l WHERE json_extract(l.value, '$.name') LIKE ? ESCAPE '\\'))
         ORDER BY device_time DESC LIMIT ?`,
      )
      .all(storeId, like, like, limit) as StoreReceiptHit[];
    return [...sales, ...refunds].sort((a, b) => b.deviceTime - a.deviceTime).slice(0, limit);
  }

  receipt(storeId: string, eventId: string): { event: KasaEvent; receivedAt: number; refunds: KasaEvent[] } | undefined {
    const sale = this.#db.prepare("SELECT body, received_at AS receivedAt FROM receipts WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { body: string; receivedAt: number } | undefined;
    if (sale) {
      const refunds = (this.#db.prepare("SELECT body FROM refunds WHERE store_id = ? AND sale_event_id = ? ORDER BY device_time").all(storeId, eventId) as { body: string }[]).map((r) => JSON.parse(r.body) as KasaEvent);
      return { event: JSON.parse(sale.body) as KasaEvent, receivedAt: sale.receivedAt, refunds };
    }
    const refund = this.#db.prepare("SELECT body, received_at AS receivedAt FROM refunds WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { body: string; receivedAt: number } | undefined;
    return refund ? { event: JSON.parse(refund.body) as KasaEvent, receivedAt: refund.receivedAt, refunds: [] } : undefined;
  }

  // ---- Stock (O11) ----

  async stock(storeId: string, itemIds: readonly string[]): Promise<Record<string, number>> {
    const store = await this.#storeDoc(storeId);
    for (const id of itemIds) if (!store.catalog.items[id]) throw new OnlineError(404, "UNKNOWN_ITEM", `No item ${id} in this store's catalog`);
    const tracked = itemIds.filter((id) => store.catalog.items[id]?.trackStock === true);
    if (tracked.length === 0) return {};
    const moved = new Map<string, number>();
    const sum = (sql: string, sign: number) => {
      for (const r of this.#db.prepare(sql).all(storeId) as { itemId: string; qty: number }[]) moved.set(r.itemId, (moved.get(r.itemId) ?? 0) + sign * r.qty);
    };
    // A cancelled receipt returns its stock (issue 6); refunds put theirs back.
    sum(`SELECT json_extract(l.value, '$.itemId') AS itemId, SUM(json_extract(l.value, '$.quantityMilli')) AS qty
         FROM receipts r, json_each(r.body, '$.payload.receipt.lines') l WHERE r.store_id = ? AND r.cancelled_at IS NULL GROUP BY 1`, -1);
    sum(`SELECT json_extract(l.value, '$.itemId') AS itemId, SUM(json_extract(l.value, '$.quantityMilli')) AS qty
         FROM refunds r, json_each(r.body, '$.payload.refund.lines') l WHERE r.store_id = ? GROUP BY 1`, 1);
    return Object.fromEntries(tracked.map((id) => [id, (store.catalog.items[id]?.stock ?? 0) + (moved.get(id) ?? 0)]));
  }

  // ---- Customers (O7) and loyalty ----

  async registerCustomer(device: DeviceRow, requestId: string, input: CustomerInput): Promise<CustomerRecord> {
    const normalized = normalizeCustomer(input);
    const { doc } = await this.#customersDoc(device.storeId);
    const existing = readCustomers(doc.doc());
    const { value } = this.#idempotent(device.storeId, requestId, "customer.create", normalized, () => {
      const customerId = `cus-${randomUUID()}`;
      this.#claimUnique(device.storeId, customerId, normalized, existing);
      return { customerId, ...normalized, points: 0 } as CustomerRecord;
    });
    await this.#writeCustomer(device.storeId, value, existing.find((c) => c.customerId === value.customerId)?.createdAt);
    return { ...value, points: this.balance(device.storeId, value.customerId) };
  }

  async editCustomer(device: DeviceRow, requestId: string, customerId: string, input: CustomerInput): Promise<CustomerRecord> {
    const normalized = normalizeCustomer(input);
    const { doc } = await this.#customersDoc(device.storeId);
    const existing = readCustomers(doc.doc());
    const before = existing.find((c) => c.customerId === customerId);
    const { value } = this.#idempotent(device.storeId, requestId, "customer.edit", { customerId, ...normalized }, () => {
      if (!before && !this.#db.prepare("SELECT 1 FROM online_customers WHERE store_id = ? AND customer_id = ?").get(device.storeId, customerId)) {
        throw new OnlineError(404, "UNKNOWN_CUSTOMER", "No such customer in this store");
      }
      this.#claimUnique(device.storeId, customerId, normalized, existing);
      return { customerId, ...normalized, points: 0 } as CustomerRecord;
    });
    await this.#writeCustomer(device.storeId, value, before?.createdAt);
    return { ...value, points: this.balance(device.storeId, customerId) };
  }

  /** Records the customer's unique keys, refusing any held by another customer of the store. */
  #claimUnique(storeId: string, customerId: string, c: CustomerInput, inDoc: readonly Customer[]): void {
    for (const field of ["email", "phone", "code"] as const) {
      const value = c[field];
      if (value === undefined) continue;
      const taken =
        this.#db.prepare(`SELECT 1 FROM online_customers WHERE store_id = ? AND ${field} = ? AND customer_id <> ?`).get(storeId, value, customerId) !== undefined ||
        inDoc.some((o) => o.customerId !== customerId && o[field] !== undefined && normalizeField(field, o[field]) === value);
      if (taken) throw new OnlineError(409, `CUSTOMER_${field.toUpperCase()}_TAKEN`, `Another customer already has this ${field === "code" ? "customer code" : field}`);
    }
    this.#db
      .prepare(
        `INSERT INTO online_customers (store_id, customer_id, email, phone, code, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (store_id, customer_id) DO UPDATE SET email = excluded.email, phone = excluded.phone, code = excluded.code, updated_at = excluded.updated_at`,
      )
      .run(storeId, customerId, c.email ?? null, c.phone ?? null, c.code ?? null, this.now());
  }

  async #writeCustomer(storeId: string, record: CustomerRecord, createdAt: number | undefined): Promise<void> {
    const { doc } = await this.#customersDoc(storeId);
    const t = this.now();
    const { points: _points, ...fields } = record;
    const customer: Customer = { ...fields, createdAt: createdAt ?? t, updatedAt: t, points: this.balance(storeId, record.customerId) };
    doc.change((d) => putCustomer(d, customer));
    await this.repo.flush([doc.documentId]);
  }

  /** Points earned on projected sales not cancelled, minus redeemed (not released), minus taken back: the rule in customer-points.ts (RL36, RL50, RL52, RL63). */
  balance(storeId: string, customerId: string): number {
    return balancesOfStore(this.#db, storeId, customerId).get(customerId) ?? 0;
  }

  /** Takes back the points of refunds projected since the last call (RL50); the caller holds an IMMEDIATE transaction. */
  #settleRefunds(storeId: string): string[] {
    return settleRefundPoints(this.#db, storeId, this.now(), (customerId) => this.balance(storeId, customerId));
  }

  async redeemPoints(device: DeviceRow, input: { requestId: string; customerId: string; points: number }): Promise<{ customerId: string; points: number; balance: number }> {
    const { doc } = await this.#customersDoc(device.storeId);
    const known = readCustomers(doc.doc()).some((c) => c.customerId === input.customerId);
    // Redemptions no sale used in time give their points back first (RL52), committed on their own like RL51's release.
    this.#db.transaction(() => releaseExpiredRedemptions(this.#db, device.storeId, this.now(), this.#redemptionTtlMs)).immediate();
    const released = () => {
      if (redemption(this.#db, device.storeId, input.requestId)?.releasedAt != null) throw new OnlineError(409, "REDEMPTION_RELEASED", "These points were given back unused; redeem them again");
    };
    const { value } = this.#idempotent(device.storeId, input.requestId, "points.redeem", input, () => {
      if (!known && !this.#db.prepare("SELECT 1 FROM online_customers WHERE store_id = ? AND customer_id = ?").get(device.storeId, input.customerId)) {
        throw new OnlineError(404, "UNKNOWN_CUSTOMER", "No such customer in this store");
      }
      // Refunds that arrived since take their points first: those points are no longer there to spend.
      this.#settleRefunds(device.storeId);
      const balance = this.balance(device.storeId, input.customerId);
      if (input.points > balance) throw new OnlineError(409, "INSUFFICIENT_POINTS", `The customer has ${balance} points`);
      this.#db.prepare("INSERT INTO point_redemptions (store_id, request_id, customer_id, points, at) VALUES (?, ?, ?, ?, ?)").run(device.storeId, input.requestId, input.customerId, input.points, this.now());
      return { customerId: input.customerId, points: input.points, balance: balance - input.points };
    }, released);
    await this.refreshPoints(device.storeId, [input.customerId]);
    return value;
  }

  /**
   * Gives back the points of a redemption no sale used (RL52): the register cleared the ticket or took
   * the customer off it. Idempotent by the redemption's request id; refused once a sale carrying it
   * reached the relay (409 REDEMPTION_USED).
   */
  async releasePoints(device: DeviceRow, input: { redemptionId: string }): Promise<{ redemptionId: string; customerId: string; points: number; releasedAt: number; balance: number }> {
    const released = this.#db.transaction(() => releaseRedemption(this.#db, device.storeId, input.redemptionId, this.now())).immediate();
    await this.refreshPoints(device.storeId, [released.customerId]);
    return { redemptionId: input.redemptionId, customerId: released.customerId, points: released.points, releasedAt: released.releasedAt, balance: this.balance(device.storeId, released.customerId) };
  }

  // ---- Items created from a register (O12, RL53) ----

  /**
   * Adds an item to the store's catalog for a register (online only): references checked against
   * the store document, the item id derived from the request id, so a retry after a lost answer
   * writes the same item once.
   */
  async createItem(device: DeviceRow, input: RegisterItemInput): Promise<CatalogItem> {
    const row = this.directory.store(device.storeId);
    if (!row) throw new OnlineError(404, "UNKNOWN_STORE", "No such store");
    const store = await this.#storeDoc(device.storeId);
    const { requestId, ...fields } = input;
    const { value, replay } = this.#idempotent(device.storeId, requestId, "item.create", fields, () => registerItem(store, device.storeId, input));
    // A replay writes only an item that is missing (its first write was cut short), never over a later back-office edit.
    if (!replay || !store.catalog.items[value.id]) {
      const written = await upsertCatalogEntry(this.repo, row.storeDocUrl, "items", value as unknown as { id: string } & Record<string, unknown>);
      if (!written.ok) throw new OnlineError(400, written.code, written.message);
      await this.repo.flush([(await this.repo.find(row.storeDocUrl as AutomergeUrl)).documentId]);
    }
    return value;
  }

  /** Writes current balances into the customers document where they changed (after sales are projected, or a redemption). */
  async refreshPoints(storeId: string, only?: readonly string[]): Promise<number> {
    const { doc } = await this.#customersDoc(storeId);
    this.#db
      .transaction(() => {
        releaseExpiredRedemptions(this.#db, storeId, this.now(), this.#redemptionTtlMs);
        this.#settleRefunds(storeId);
      })
      .immediate();
    const changed: [string, number][] = [];
    for (const c of readCustomers(doc.doc())) {
      if (only && !only.includes(c.customerId)) continue;
      const balance = this.balance(storeId, c.customerId);
      if (balance !== c.points) changed.push([c.customerId, balance]);
    }
    if (changed.length === 0) return 0;
    doc.change((d) => {
      for (const [id, points] of changed) setCustomerPoints(d, id, points);
    });
    await this.repo.flush([doc.documentId]);
    return changed.length;
  }

  async #storeDoc(storeId: string) {
    const row = this.directory.store(storeId);
    if (!row) throw new OnlineError(404, "UNKNOWN_STORE", "No such store");
    const handle = await this.repo.find<StoredStoreDoc>(row.storeDocUrl as AutomergeUrl);
    return readStore(handle.doc());
  }

  async #customersDoc(storeId: string) {
    const store = await this.#storeDoc(storeId);
    if (!store.customersDocUrl) throw new OnlineError(404, "CUSTOMERS_UNAVAILABLE", "This store has no customers list");
    const doc = await this.repo.find<Stored<CustomersDoc>>(store.customersDocUrl as AutomergeUrl);
    return { doc };
  }

  logError(error: unknown): void {
    this.log.error({ err: error }, "device command failed");
  }
}

function pseudoRefund(saleId: string, lines: [number, number][], payments: RefundCompleted["payload"]["refund"]["payments"]): RefundCompleted {
  return { payload: { refund: { refundFor: { eventId: saleId }, lines: lines.map(([lineIndex, quantityMilli]) => ({ lineIndex, quantityMilli })), payments } } } as unknown as RefundCompleted;
}

function normalizeField(field: "email" | "phone" | "code", value: string): string {
  const v = value.trim();
  return field === "email" ? v.toLowerCase() : field === "phone" ? v.replace(/[^\d+]/g, "") : v.toUpperCase();
}

function normalizeCustomer(input: CustomerInput): CustomerInput {
  const opt = (field: "email" | "phone" | "code", v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : normalizeField(field, v));
  const email = opt("email", input.email);
  const phone = opt("phone", input.phone);
  const code = opt("code", input.code);
  const note = input.note?.trim() || undefined;
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) throw new OnlineError(400, "EMAIL_INVALID", "Enter a valid e-mail address");
  if (phone !== undefined && !/^\+?\d{3,20}$/.test(phone)) throw new OnlineError(400, "PHONE_INVALID", "Enter a valid phone number");
  return { name: input.name.trim(), ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(code ? { code } : {}), ...(note ? { note } : {}) };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}
