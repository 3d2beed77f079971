import type { SaleCompleted } from "@kasa/domain";

/**
 * The relay's HTTP JSON API as the back office uses it (relay-server/src/http/api.ts).
 * The session is an HttpOnly cookie scoped to /api on the same origin, so every call is a plain
 * same-origin fetch. Failures become an ApiError carrying the relay's error code.
 */

export interface StoreRef {
  readonly storeId: string;
  readonly name: string;
}

/** One row of the receipts list (the relay's read model). Times are UTC ms. */
export interface ReceiptRow {
  readonly eventId: string;
  readonly registerId: string;
  readonly registerNumber: number;
  readonly number: string;
  /** When the sale was made, on the register's clock. */
  readonly deviceTime: number;
  /** When the relay stored it (relay clock): later than deviceTime for sales made offline. */
  readonly receivedAt: number;
  readonly total: number;
  readonly subtotal: number;
  readonly tax: number;
  readonly currency: string;
  /** Distinct payment types, comma separated: "cash", "card", "cash,card". */
  readonly paymentTypes: string;
  readonly lineCount: number;
}

export interface DeviceInfo {
  readonly deviceId: string;
  readonly revoked: boolean;
  readonly lastSeenAt: number | null;
  readonly online: boolean;
  /** What the device last reported (POST /api/device/status); null until it has. */
  readonly report?: DeviceReport | null;
}

export interface DeviceReport {
  readonly reportedAt: number;
  /** Events the register had not yet seen stored by the relay, at that time. */
  readonly unsyncedEvents: number;
  /** Device clock minus relay clock. */
  readonly clockSkewMs: number;
}

export interface RegisterInfo {
  readonly registerId: string;
  readonly number: number;
  readonly name: string;
  readonly devices: readonly DeviceInfo[];
}

export interface PairingCode {
  readonly code: string;
  readonly expiresAt: number;
}

export interface DemoInfo {
  readonly enabled: boolean;
  readonly owner?: { readonly email: string; readonly password: string };
}

export type SaleEvent = SaleCompleted;

/** Codes the relay sends, plus two of our own for failures that never reached it. */
export type ApiErrorCode = "UNAUTHENTICATED" | "NOT_FOUND" | "BAD_REQUEST" | "RELAY_UNREACHABLE" | "BAD_RESPONSE" | (string & {});

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get unauthenticated(): boolean {
    return this.code === "UNAUTHENTICATED";
  }

  get unreachable(): boolean {
    return this.code === "RELAY_UNREACHABLE";
  }
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError("BAD_RESPONSE", error instanceof Error ? error.message : String(error), 0);
}

const API = "/api";

async function request<T>(method: "GET" | "POST" | "DELETE" | "PATCH" | "PUT", path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError("RELAY_UNREACHABLE", "Can't reach the relay", 0);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    // A proxy's or a stopped relay's HTML/text page: treat gateway errors as "unreachable".
    if (res.status === 502 || res.status === 503 || res.status === 504) throw new ApiError("RELAY_UNREACHABLE", "Can't reach the relay", res.status);
    throw new ApiError("BAD_RESPONSE", `Unexpected response from the relay (HTTP ${res.status})`, res.status);
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? `Request failed (HTTP ${res.status})`, res.status);
  }
  return json as T;
}

/** One sale that charged an open ticket (relay SPEC RL61); register number/name null if the store no longer lists it. */
export interface TicketChargeView {
  readonly saleEventId: string;
  readonly receiptNumber: string;
  readonly registerId: string;
  readonly registerNumber: number | null;
  readonly registerName: string | null;
  readonly at: number;
}

/** An open ticket charged on two registers while apart: both receipts stand. */
export interface ChargedTwiceTicket {
  readonly ticketId: string;
  readonly name: string;
  readonly comment: string;
  readonly charges: readonly TicketChargeView[];
}

const store = (storeId: string) => `/stores/${encodeURIComponent(storeId)}`;

export const api = {
  me: () => request<{ stores: StoreRef[] }>("GET", "/me"),
  signIn: (email: string, password: string) => request<{ stores: StoreRef[] }>("POST", "/session", { email, password }),
  signOut: () => request<{ ok: true }>("DELETE", "/session"),
  demo: () => request<DemoInfo>("GET", "/demo"),

  receipts: (storeId: string, options: { limit: number; before?: number }) => {
    const q = new URLSearchParams({ limit: String(options.limit) });
    if (options.before !== undefined) q.set("before", String(options.before));
    return request<{ receipts: ReceiptRow[] }>("GET", `${store(storeId)}/receipts?${q}`);
  },
  receipt: (storeId: string, eventId: string) => request<{ event: SaleEvent }>("GET", `${store(storeId)}/receipts/${encodeURIComponent(eventId)}`),
  registers: (storeId: string) => request<{ registers: RegisterInfo[] }>("GET", `${store(storeId)}/registers`),
  pairingCode: (storeId: string, registerId: string) =>
    request<PairingCode>("POST", `${store(storeId)}/registers/${encodeURIComponent(registerId)}/pairing-code`),

  revokeDevice: (storeId: string, deviceId: string, acknowledgeUnsynced = false) =>
    request<{ revoked: true }>("POST", `${store(storeId)}/devices/${encodeURIComponent(deviceId)}/revoke`, acknowledgeUnsynced ? { acknowledgeUnsynced: true } : undefined),
  renameRegister: (storeId: string, registerId: string, name: string) => request<{ register: { registerId: string; name: string } }>("PATCH", `${store(storeId)}/registers/${encodeURIComponent(registerId)}`, { name }),
  customers: (storeId: string, query = "") => request<{ customers: CustomerView[]; total: number }>("GET", `${store(storeId)}/customers?${new URLSearchParams(query ? { query } : {})}`),
  customer: (storeId: string, customerId: string) => request<{ customer: CustomerView; history: PointsEntry[] }>("GET", `${store(storeId)}/customers/${encodeURIComponent(customerId)}`),
  createCustomer: (storeId: string, input: CustomerInput) => request<{ customer: CustomerView }>("POST", `${store(storeId)}/customers`, input),
  updateCustomer: (storeId: string, customerId: string, input: CustomerInput) => request<{ customer: CustomerView }>("PUT", `${store(storeId)}/customers/${encodeURIComponent(customerId)}`, input),
  putCatalogEntry: (storeId: string, kind: CatalogListKind, id: string, entry: Record<string, unknown>) =>
    request<{ entry: Record<string, unknown> }>("PUT", `${store(storeId)}/catalog/${kind}/${encodeURIComponent(id)}`, entry),
  deleteCatalogEntry: (storeId: string, kind: CatalogListKind, id: string) => request<{ deleted: true }>("DELETE", `${store(storeId)}/catalog/${kind}/${encodeURIComponent(id)}`),
  updateSettings: (storeId: string, patch: Partial<Omit<StoreSettings, "ticketNames">> & { ticketNames?: string[] }) => request<{ settings: StoreSettings }>("PATCH", `${store(storeId)}/settings`, patch),
  catalog: (storeId: string) => request<{ catalog: CatalogView }>("GET", `${store(storeId)}/catalog`),
  putItem: (storeId: string, item: { id: string; name: string; price: number; taxIds: string[]; categoryId?: string }) =>
    request<{ entry: CatalogItemView }>("PUT", `${store(storeId)}/catalog/items/${encodeURIComponent(item.id)}`, { name: item.name, price: item.price, taxIds: item.taxIds, ...(item.categoryId ? { categoryId: item.categoryId } : {}) }),
  deleteItem: (storeId: string, itemId: string) => request<{ deleted: true }>("DELETE", `${store(storeId)}/catalog/items/${encodeURIComponent(itemId)}`),
  settings: (storeId: string) => request<{ settings: StoreSettings }>("GET", `${store(storeId)}/settings`),
  ticketsChargedTwice: (storeId: string) => request<{ tickets: ChargedTwiceTicket[] }>("GET", `${store(storeId)}/tickets/charged-twice`),
  summary: (storeId: string, p: PeriodQuery) => request<SalesSummary>("GET", `${store(storeId)}/reports/summary?${periodParams(p)}`),
  itemSales: (storeId: string, p: PeriodQuery) => request<{ currency: string; rows: ItemSalesRow[] }>("GET", `${store(storeId)}/reports/items?${periodParams(p)}`),
  categorySales: (storeId: string, p: PeriodQuery) => request<{ currency: string; rows: CategorySalesRow[] }>("GET", `${store(storeId)}/reports/categories?${periodParams(p)}`),
  paymentSales: (storeId: string, p: PeriodQuery) => request<{ currency: string; rows: PaymentSalesRow[] }>("GET", `${store(storeId)}/reports/payment-types?${periodParams(p)}`),
  sales: (storeId: string, f: SalesFilter) => {
    const q = new URLSearchParams({ limit: String(f.limit ?? 100) });
    for (const k of ["registerId", "from", "to", "number"] as const) if (f[k]) q.set(k, f[k]!);
    if (f.kind && f.kind !== "all") q.set("kind", f.kind);
    return request<{ receipts: HistoryRow[] }>("GET", `${store(storeId)}/sales?${q}`);
  },
  saleDetail: (storeId: string, eventId: string) => request<SaleDetail>("GET", `${store(storeId)}/sales/${encodeURIComponent(eventId)}`),
  cancelSale: (storeId: string, eventId: string, reason = "") => request<{ cancelledAt: number }>("POST", `${store(storeId)}/sales/${encodeURIComponent(eventId)}/cancel`, { reason }),
  shifts: (storeId: string) => request<{ shifts: ShiftRow[] }>("GET", `${store(storeId)}/shifts`),
  outbox: (storeId: string) => request<{ messages: OutboxRow[] }>("GET", `${store(storeId)}/outbox`),

  /** URL of the store's server-sent event stream (receipts, devices, ping). */
  liveUrl: (storeId: string) => `${API}${store(storeId)}/live`,
};

// ── Reports (relay-server/src/http/owner-reports.ts) ──────────────────────────────────────────

export type PeriodName = "today" | "yesterday" | "week" | "month" | "custom";
export interface PeriodQuery {
  readonly period: PeriodName;
  readonly from?: string;
  readonly to?: string;
}
function periodParams(p: PeriodQuery): URLSearchParams {
  const q = new URLSearchParams({ period: p.period });
  if (p.period === "custom") {
    if (p.from) q.set("from", p.from);
    if (p.to) q.set("to", p.to);
  }
  return q;
}

export interface StoreSettings {
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly useShifts: boolean;
  readonly ticketNames: readonly string[];
}

export interface SalesTotals {
  readonly grossSales: number;
  readonly refunds: number;
  readonly discounts: number;
  readonly netSales: number;
  readonly taxes: number;
  readonly receipts: number;
  readonly refundReceipts: number;
  readonly averageSale: number;
}

export interface SalesSummary {
  readonly currency: string;
  readonly timeZone: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly previousPeriod: { readonly from: string; readonly to: string };
  readonly bucket: "hour" | "day" | "week" | "month";
  readonly current: SalesTotals;
  readonly previous: SalesTotals;
  readonly series: readonly { readonly start: number; readonly label: string; readonly netSales: number; readonly previousNetSales: number | null }[];
}

export interface ItemSalesRow {
  readonly itemId: string;
  readonly name: string;
  readonly quantityMilli: number;
  readonly refundedQuantityMilli: number;
  readonly grossSales: number;
  readonly discounts: number;
  readonly refunds: number;
  readonly netSales: number;
}
export interface CategorySalesRow {
  readonly categoryId: string | null;
  readonly name: string;
  readonly quantityMilli: number;
  readonly grossSales: number;
  readonly discounts: number;
  readonly refunds: number;
  readonly netSales: number;
}
export interface PaymentSalesRow {
  readonly name: string;
  readonly type: string;
  readonly payments: number;
  readonly amount: number;
  readonly refundAmount: number;
  readonly netAmount: number;
}

export interface SalesFilter {
  readonly registerId?: string | undefined;
  readonly kind?: "all" | "sale" | "refund" | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly number?: string | undefined;
  readonly limit?: number | undefined;
}
export interface HistoryRow {
  readonly kind: "sale" | "refund";
  readonly eventId: string;
  readonly registerId: string;
  readonly number: string;
  readonly deviceTime: number;
  readonly receivedAt: number;
  readonly total: number;
  readonly currency: string;
  readonly paymentTypes: string;
  readonly cancelledAt: number | null;
  readonly saleEventId: string | null;
}
export interface SaleDetail {
  readonly kind: "sale" | "refund";
  readonly eventId: string;
  readonly receivedAt: number;
  readonly cancellation: { readonly cancelledAt: number; readonly reason: string } | null;
  readonly event: SaleCompleted;
  readonly refunds: readonly { readonly eventId: string; readonly number: string; readonly deviceTime: number; readonly total: number; readonly cancelledAt: number | null }[];
}

export interface ShiftRow {
  readonly shiftId: string;
  readonly registerId: string;
  readonly openedAt: number;
  readonly closedAt: number | null;
  readonly report: {
    readonly startingCash: number;
    readonly grossSales: number;
    readonly netSales: number;
    readonly refunds: number;
    readonly discounts: number;
    readonly taxes: number;
    readonly receipts: number;
    readonly cashPayments: number;
    readonly cashRefunds: number;
    readonly paidIn: number;
    readonly paidOut: number;
    readonly expectedCash: number;
    readonly countedCash?: number;
    readonly difference?: number;
    readonly payments: readonly { readonly name: string; readonly amount: number }[];
  };
}

export interface OutboxRow {
  readonly eventId: string;
  readonly receiptNumber: string;
  readonly email: string;
  readonly requestedAt: number;
  readonly state: "queued" | "sent" | "failed";
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: number | null;
}

export interface CatalogItemView {
  readonly id: string;
  readonly name: string;
  readonly price: number;
  readonly taxIds: readonly string[];
  readonly categoryId?: string;
  readonly soldBy: "each" | "weight";
  readonly variants?: readonly unknown[];
}
export interface CatalogView {
  readonly items: Readonly<Record<string, CatalogItemView>>;
  readonly categories: Readonly<Record<string, CategoryView>>;
  readonly taxes: Readonly<Record<string, TaxView>>;
  readonly discounts?: Readonly<Record<string, DiscountView>>;
  readonly paymentTypes?: Readonly<Record<string, PaymentTypeView>>;
}
export interface CategoryView {
  readonly id: string;
  readonly name: string;
  readonly color?: string;
}
export interface TaxView {
  readonly id: string;
  readonly name: string;
  /** 23_000 = 23 %. */
  readonly rateMilliPercent: number;
  readonly mode: "added" | "included";
}
export interface DiscountView {
  readonly id: string;
  readonly name: string;
  readonly kind: "percentage" | "amount";
  /** Milli-percent or minor units; absent = entered at the till. */
  readonly value?: number;
}
export interface PaymentTypeView {
  readonly id: string;
  readonly name: string;
  readonly kind: "cash" | "card" | "custom";
  readonly integrated?: boolean;
}
/** Catalog lists edited by the generic list page (items have their own page). */
export type CatalogListKind = "categories" | "taxes" | "discounts" | "paymentTypes";

// ── Customers (relay-server/src/http/owner-customers.ts) ─────────────────────────────────────

export interface CustomerInput {
  readonly requestId?: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly code?: string;
  readonly note?: string;
}
export interface CustomerView {
  readonly customerId: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly code?: string;
  readonly note?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly points: number;
}
export interface PointsEntry {
  readonly kind: "earned" | "redeemed" | "taken-back";
  readonly at: number;
  readonly points: number;
  readonly eventId?: string;
  readonly receiptNumber?: string;
}
