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

async function request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
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

  /** URL of the store's server-sent event stream (receipts, devices, ping). */
  liveUrl: (storeId: string) => `${API}${store(storeId)}/live`,
};
