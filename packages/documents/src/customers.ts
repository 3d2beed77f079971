import type { StoreId } from "@kasa/domain";
import { fromStored, toStored, type Stored } from "./immutable.js";
import { DOCUMENT_SCHEMA_VERSION } from "./shapes.js";

/**
 * The store's customers. Only the relay writes it — registering and editing go through the relay,
 * which keeps e-mail, phone and customer code unique (DESIGN O7) — and every register keeps an
 * offline copy, so a cashier can find and attach a customer with no connection.
 */
export interface CustomersDoc {
  readonly kind: "customers";
  readonly schema: number;
  readonly storeId: StoreId;
  readonly customers: Readonly<Record<string, Customer>>;
}

export interface Customer {
  readonly customerId: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly code?: string;
  readonly note?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Points balance as last confirmed by the relay (earned on synced sales, minus redeemed). */
  readonly points: number;
}

export function initialCustomersDoc(storeId: StoreId): Stored<CustomersDoc> {
  const doc: CustomersDoc = { kind: "customers", schema: DOCUMENT_SCHEMA_VERSION, storeId, customers: {} };
  return toStored(doc);
}

export function putCustomer(doc: Stored<CustomersDoc>, customer: Customer): void {
  (doc.customers as Record<string, unknown>)[customer.customerId] = toStored(customer);
}

export function setCustomerPoints(doc: Stored<CustomersDoc>, customerId: string, points: number): void {
  const c = (doc.customers as Record<string, { points: number } | undefined>)[customerId];
  if (c) c.points = points;
}

export function readCustomers(doc: unknown): Customer[] {
  return Object.values(fromStored<CustomersDoc>(doc).customers ?? {});
}
