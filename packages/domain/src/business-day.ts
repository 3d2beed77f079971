/** A calendar date in the store's time zone, "YYYY-MM-DD": the key of a register's daily journal. */
export type BusinessDay = string & { readonly __brand: "BusinessDay" };

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The store's local date at `timeMs`. Journals are per business day in the store's zone, not in
 * UTC, so that a day's sales land in one document even for stores far from Greenwich.
 */
export function businessDay(timeMs: number, timeZone: string): BusinessDay {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(timeMs)) as BusinessDay;
}
