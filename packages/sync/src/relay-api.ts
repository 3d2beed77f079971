import type { CatalogItem, KasaEvent, RefundLineInput, RefundedSoFar, SaleCompleted } from "@kasa/domain";

/**
 * Client for the relay's online-only commands (DESIGN §4): each needs a store-wide invariant, so it
 * is refused offline with NO_CONNECTION and carries a client-generated request id, making a retry
 * after a lost reply safe. The device token goes in the Authorization header (never in the URL).
 */
export type RelayApiFailure = {
  readonly code: "NO_CONNECTION" | "UNAUTHENTICATED" | "BAD_RESPONSE" | (string & {});
  readonly message: string;
  readonly status?: number;
};
export type RelayApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RelayApiFailure };

export interface RefundApproval {
  readonly requestId: string;
  /** The sale being refunded (it may come from another register). */
  readonly sale: SaleCompleted;
  /** What earlier approved refunds of this sale took, not counting this request. */
  readonly earlier: { readonly quantities: readonly [number, number][]; readonly payments: readonly [string, number][] };
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

export interface CustomerInput {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly code?: string;
  readonly note?: string;
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

export class RelayApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    /** A command that takes longer is treated as a lost connection; the request id makes the retry safe. */
    private readonly timeoutMs = 10_000,
  ) {}

  /** Asks the relay to approve a refund; it refuses anything beyond what was sold, even when two registers race. */
  requestRefund(input: { requestId: string; saleEventId: string; lines: readonly RefundLineInput[] }): Promise<RelayApiResult<RefundApproval>> {
    return this.#call("POST", "/api/device/refunds", input);
  }

  searchReceipts(query: string, limit = 50): Promise<RelayApiResult<{ receipts: StoreReceiptHit[] }>> {
    return this.#call("GET", `/api/device/receipts?query=${encodeURIComponent(query)}&limit=${limit}`);
  }

  receipt(eventId: string): Promise<RelayApiResult<{ event: KasaEvent; receivedAt: number; refunds: KasaEvent[] }>> {
    return this.#call("GET", `/api/device/receipts/${encodeURIComponent(eventId)}`);
  }

  registerCustomer(input: CustomerInput & { requestId: string }): Promise<RelayApiResult<CustomerRecord>> {
    return this.#call("POST", "/api/device/customers", input);
  }

  editCustomer(customerId: string, input: CustomerInput & { requestId: string }): Promise<RelayApiResult<CustomerRecord>> {
    return this.#call("PUT", `/api/device/customers/${encodeURIComponent(customerId)}`, input);
  }

  redeemPoints(input: { requestId: string; customerId: string; points: number }): Promise<RelayApiResult<{ customerId: string; points: number; balance: number }>> {
    return this.#call("POST", "/api/device/points/redeem", input);
  }

  /** Gives back the points of a redemption no sale used (relay RL52); idempotent by the redemption's request id. */
  releasePoints(input: { redemptionId: string }): Promise<RelayApiResult<{ redemptionId: string; customerId: string; points: number; releasedAt: number; balance: number }>> {
    return this.#call("POST", "/api/device/points/release", input);
  }

  /** Creates an item in the store's catalog (online only, relay RL53); it reaches every register through the store document. */
  createItem(input: { requestId: string; name: string; price: number; soldBy: "each" | "weight"; categoryId?: string; taxIds: readonly string[] }): Promise<RelayApiResult<{ item: CatalogItem }>> {
    return this.#call("POST", "/api/device/items", input);
  }

  stock(itemIds: readonly string[]): Promise<RelayApiResult<{ stock: Record<string, number> }>> {
    return this.#call("GET", `/api/device/stock?items=${itemIds.map(encodeURIComponent).join(",")}`);
  }

  /** Tells the relay how many events are not yet durable there and what this device's clock says (shown in the back office). */
  reportStatus(input: { unsyncedEvents: number; deviceTime: number }): Promise<RelayApiResult<{ now: number }>> {
    return this.#call("POST", "/api/device/status", input);
  }

  /** The relay's clock, to warn a cashier whose device clock is off. */
  async time(): Promise<RelayApiResult<{ relayTime: number; roundTripMs: number }>> {
    const started = Date.now();
    const r = await this.#call<{ now: number }>("GET", "/api/device/time");
    return r.ok ? { ok: true, value: { relayTime: r.value.now, roundTripMs: Date.now() - started } } : r;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<RelayApiResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.token()}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: controller.signal,
      });
    } catch {
      return { ok: false, error: { code: "NO_CONNECTION", message: "No internet connection" } };
    } finally {
      clearTimeout(timer);
    }
    const json = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    if (!response.ok) {
      return { ok: false, error: { code: json?.error?.code ?? (response.status === 401 ? "UNAUTHENTICATED" : "BAD_RESPONSE"), message: json?.error?.message ?? `HTTP ${response.status}`, status: response.status } };
    }
    if (json === undefined) return { ok: false, error: { code: "BAD_RESPONSE", message: "The relay sent an unexpected answer" } };
    return { ok: true, value: json as T };
  }
}

/** Rebuilds the domain's RefundedSoFar from an approval sent as JSON. */
export function earlierRefunds(approval: RefundApproval): RefundedSoFar {
  return { quantities: new Map(approval.earlier.quantities), payments: new Map(approval.earlier.payments) };
}
