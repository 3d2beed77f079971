import { msg, str } from "@lit/localize";
import { pluralOf } from "./active-locale.js";

// Counted words, one message per plural form: Polish has three ("1 pozycja", "2 pozycje",
// "5 pozycji"), English two; forms a language doesn't use simply repeat another one.

export function itemsLabel(n: number): string {
  switch (pluralOf(n)) {
    case "one":
      return msg(str`${n} item`, { id: "count.items.one" });
    case "few":
      return msg(str`${n} items`, { id: "count.items.few" });
    case "many":
      return msg(str`${n} items`, { id: "count.items.many" });
    default:
      return msg(str`${n} items`, { id: "count.items.other" });
  }
}

export function receiptsLabel(n: number): string {
  switch (pluralOf(n)) {
    case "one":
      return msg(str`${n} receipt`, { id: "count.receipts.one" });
    case "few":
      return msg(str`${n} receipts`, { id: "count.receipts.few" });
    case "many":
      return msg(str`${n} receipts`, { id: "count.receipts.many" });
    default:
      return msg(str`${n} receipts`, { id: "count.receipts.other" });
  }
}

export function unsyncedLabel(n: number): string {
  return msg(str`${n} unsynced`, { id: "count.unsynced" });
}

export function eventsLabel(n: number): string {
  switch (pluralOf(n)) {
    case "one":
      return msg(str`${n} event`, { id: "count.events.one" });
    case "few":
      return msg(str`${n} events`, { id: "count.events.few" });
    case "many":
      return msg(str`${n} events`, { id: "count.events.many" });
    default:
      return msg(str`${n} events`, { id: "count.events.other" });
  }
}

export function paymentsLabel(n: number): string {
  switch (pluralOf(n)) {
    case "one":
      return msg(str`${n} payment`, { id: "count.payments.one" });
    case "few":
      return msg(str`${n} payments`, { id: "count.payments.few" });
    case "many":
      return msg(str`${n} payments`, { id: "count.payments.many" });
    default:
      return msg(str`${n} payments`, { id: "count.payments.other" });
  }
}

export function linesLabel(n: number): string {
  switch (pluralOf(n)) {
    case "one":
      return msg(str`${n} line`, { id: "count.lines.one" });
    case "few":
      return msg(str`${n} lines`, { id: "count.lines.few" });
    case "many":
      return msg(str`${n} lines`, { id: "count.lines.many" });
    default:
      return msg(str`${n} lines`, { id: "count.lines.other" });
  }
}
