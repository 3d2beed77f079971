/**
 * Client-side routes, kept in the URL's hash: /back-office/#/receipts, #/receipts/<eventId>,
 * #/devices. A hash works with any static server; path routes would need the server to answer
 * every /back-office/* path with index.html (the relay's fallback does not do that today).
 */
export type Route =
  | { readonly page: "receipts"; readonly eventId?: string }
  | { readonly page: "devices" }
  | { readonly page: "dashboard" }
  | { readonly page: "sales"; readonly tab?: "items" | "categories" | "payments" }
  | { readonly page: "history" }
  | { readonly page: "shifts" }
  | { readonly page: "outbox" }
  | { readonly page: "settings" }
  | { readonly page: "items" }
  | { readonly page: "customers"; readonly customerId?: string }
  | { readonly page: "categories" }
  | { readonly page: "taxes" }
  | { readonly page: "discounts" }
  | { readonly page: "payment-types" }
  | { readonly page: "ticket-names" };

const SIMPLE = ["devices", "dashboard", "history", "shifts", "outbox", "settings", "items", "categories", "taxes", "discounts", "payment-types", "ticket-names"] as const;

const BASE = import.meta.env.BASE_URL; // "/back-office/"

export function parseRoute(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  for (const p of SIMPLE) if (page === p) return { page: p };
  if (page === "sales") return id === "categories" || id === "payments" || id === "items" ? { page: "sales", tab: id } : { page: "sales" };
  if (page === "receipts" && id) return { page: "receipts", eventId: decodeURIComponent(id) };
  if (page === "customers") return id ? { page: "customers", customerId: decodeURIComponent(id) } : { page: "customers" };
  return { page: "receipts" };
}

export function routeHash(route: Route): string {
  if (route.page === "sales") return route.tab ? `#/sales/${route.tab}` : "#/sales";
  if (route.page === "customers") return route.customerId ? `#/customers/${encodeURIComponent(route.customerId)}` : "#/customers";
  if (route.page !== "receipts") return `#/${route.page}`;
  return route.eventId ? `#/receipts/${encodeURIComponent(route.eventId)}` : "#/receipts";
}

export function routeHref(route: Route): string {
  return `${BASE}${routeHash(route)}`;
}

/** Children ask the app to navigate with this event; it bubbles out of shadow roots. */
export class NavigateEvent extends Event {
  constructor(readonly route: Route) {
    super("bo-navigate", { bubbles: true, composed: true });
  }
}

/** For <a href> clicks: let modified clicks (new tab) through, handle plain ones in the app. */
export function navigateOnClick(event: MouseEvent, route: Route): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  event.currentTarget?.dispatchEvent(new NavigateEvent(route));
}

declare global {
  interface HTMLElementEventMap {
    "bo-navigate": NavigateEvent;
  }
}
