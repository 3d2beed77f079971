import { pl } from "./strings-pl.js";

/**
 * Every user-visible string of the report, catalog and settings pages, in one place. English here,
 * Polish in strings-pl.ts (same shape, checked by the compiler); the language follows the browser, or
 * `localStorage["kasa.backOffice.lang"]` ("en" | "pl"). The older pages (live receipts, devices) are
 * English only still.
 */
const en = {
  nav: { dashboard: "Dashboard", sales: "Sales reports", receipts: "Receipts", shifts: "Shifts", outbox: "E-mail outbox", settings: "Store settings", devices: "POS devices" },
  period: { today: "Today", yesterday: "Yesterday", week: "This week", month: "This month", custom: "Custom", from: "From", to: "To", apply: "Apply" },
  dashboard: {
    title: "Dashboard",
    lead: "Sales in the store's time zone, compared with the period before.",
    gross: "Gross sales",
    refunds: "Refunds",
    discounts: "Discounts",
    net: "Net sales",
    taxes: "Taxes",
    receipts: "Receipts",
    average: "Average sale",
    vs: "vs previous period",
    chart: "Net sales",
    previous: "Previous period",
    current: "This period",
    noChange: "no change",
  },
  sales: { title: "Sales reports", lead: "What sold, by item, category and payment type. Refunds count against the item they refund; cancelled receipts are left out.", items: "By item", categories: "By category", payments: "By payment type", item: "Item", category: "Category", quantity: "Qty sold", gross: "Gross sales", discounts: "Discounts", refunds: "Refunds", net: "Net sales", payment: "Payment type", payments_n: "Payments", amount: "Amount", refundAmount: "Refunded", netAmount: "Net amount", empty: "Nothing sold in this period." },
  history: { title: "Receipt history", lead: "Find receipts by register, kind and date; open one to see its refunds or cancel it.", register: "Register", allRegisters: "All registers", kind: "Kind", all: "Sales and refunds", sale: "Sales", refund: "Refunds", number: "Receipt no.", time: "Time", total: "Total", status: "Status", cancelled: "Cancelled", active: "Valid", refundBadge: "Refund", cancel: "Cancel receipt", cancelConfirm: "Cancel this receipt? It is removed from reports and shift totals and its stock is returned. This cannot be undone.", cancelDo: "Yes, cancel it", keep: "Keep it", empty: "No receipts match these filters.", receivedAt: "Received by the relay", refundsOf: "Refunds of this receipt", search: "Search", clear: "Clear" },
  shifts: { title: "Shifts", lead: "Every shift with its cash report: expected and counted cash, pay ins and pay outs.", opened: "Opened", closed: "Closed", open: "Open", register: "Register", net: "Net sales", expected: "Expected cash", counted: "Counted", difference: "Difference", starting: "Starting cash", cashPayments: "Cash payments", cashRefunds: "Cash refunds", paidIn: "Paid in", paidOut: "Paid out", receipts: "Receipts", empty: "No shifts yet. Shifts appear here when a register opens one." },
  outbox: { title: "E-mail outbox", lead: "Receipts customers asked to get by e-mail, and what became of each message.", to: "To", receipt: "Receipt", requested: "Requested", state: "State", attempts: "Attempts", error: "Last error", queued: "Queued", sent: "Sent", failed: "Failed", empty: "No e-mail receipts requested yet." },
  settings: { title: "Store settings", lead: "How this store formats money and dates and computes report periods. Changes reach online registers at once.", edit: "Edit", save: "Save", cancel: "Cancel", saved: "Saved — registers get it at their next sync (at once when online)", name: "Store name", currency: "Currency", timeZone: "Time zone", locale: "Locale", useShifts: "Use shifts", ticketNames: "Open ticket names", yes: "Yes", no: "No", none: "None" },
  items: { title: "Items", lead: "The catalog the registers sell from. Changes reach online registers within a second.", add: "Add item", name: "Name", price: "Price", tax: "Tax", category: "Category", save: "Save item", cancel: "Cancel", edit: "Edit", remove: "Delete", variants: "variants", invalid: "Enter a name and a price of zero or more." },
  common: { loading: "Loading…", retry: "Try again", refresh: "Refresh", error: "Couldn't load this page" },
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Strings = Widen<typeof en>;

function language(): "en" | "pl" {
  try {
    const chosen = localStorage.getItem("kasa.backOffice.lang");
    if (chosen === "pl" || chosen === "en") return chosen;
  } catch {
    // No storage (private mode): follow the browser.
  }
  return typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("pl") ? "pl" : "en";
}

export const t: Strings = language() === "pl" ? pl : en;
