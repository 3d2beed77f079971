import { ok, reject, type Result } from "./result.js";

/**
 * An amount in the currency's minor unit (cents, grosze). Always an integer: money never
 * touches floating point, so sums are exact and a receipt adds up to the cent.
 */
export type Minor = number & { readonly __brand: "Minor" };

/** ISO 4217 code, e.g. "PLN", "EUR", "USD". */
export type CurrencyCode = string;

export function minor(amount: number): Minor {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money must be an integer number of minor units, got ${amount}`);
  return amount as Minor;
}

export function parseMinor(amount: unknown, path?: string): Result<Minor> {
  if (typeof amount !== "number" || !Number.isSafeInteger(amount)) {
    return reject("AMOUNT_NOT_INTEGER", "Amount must be a whole number of minor units", path);
  }
  return ok(amount as Minor);
}

export const ZERO = 0 as Minor;

export function sum(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const a of amounts) total += a;
  return total as Minor;
}

/**
 * round(numerator / denominator) with halves rounded away from zero, in integers only.
 * Used for every money computation that divides (tax, weight, percentage) — see SPEC.md D3.
 */
export function divRound(numerator: number, denominator: number): number {
  if (denominator <= 0 || !Number.isSafeInteger(denominator)) throw new RangeError("denominator must be a positive integer");
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const q = Math.floor(n / denominator);
  const r = n - q * denominator;
  return sign * (2 * r >= denominator ? q + 1 : q);
}

/** Formats for display only; never parse the result back. */
export function formatMoney(amount: Minor, currency: CurrencyCode, locale: string): string {
  const { format, digits } = currencyFormat(locale, currency);
  return format.format(amount / 10 ** digits);
}

// Building an Intl.NumberFormat costs far more than using one; a till formats thousands of prices
// on start (a fifth of the cold start's time went here, issue 7 P3). A handful of locale × currency pairs.
const formats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function currencyFormat(locale: string, currency: CurrencyCode): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale}\u0000${currency}`;
  let entry = formats.get(key);
  if (!entry) {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formats.set(key, entry);
  }
  return entry;
}

/** Number of minor units in one major unit (100 for PLN, 1 for JPY). */
export function minorPerMajor(currency: CurrencyCode): number {
  return 10 ** currencyFormat("en", currency).digits;
}
