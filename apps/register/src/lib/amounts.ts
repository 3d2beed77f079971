import { minor, minorPerMajor, type CurrencyCode, type Minor } from "@kasa/domain";

/** Number of decimal digits of a currency's minor unit: 2 for PLN, 0 for JPY. */
export function currencyDigits(currency: CurrencyCode): number {
  return Math.round(Math.log10(minorPerMajor(currency)));
}

/** The locale's decimal separator ("," in pl-PL, "." in en-US). */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
}

/** A refused text carries a code (translated by errorText) and the English message as a fallback. */
export type ParseFailure = { readonly ok: false; readonly code: string; readonly message: string };
export type AmountParse = { readonly ok: true; readonly value: Minor } | ParseFailure;
export type NumberParse = { readonly ok: true; readonly value: number } | ParseFailure;

const fail = (code: string, message: string): ParseFailure => ({ ok: false, code, message });

/**
 * Parses what a cashier typed in major units ("50", "23,5", "23.50") into integer minor units,
 * by string manipulation only: money never goes through a float. Accepts "." or "," as the
 * decimal separator and spaces as grouping; refuses more decimals than the currency has.
 */
export function parseMajorAmount(text: string, currency: CurrencyCode): AmountParse {
  const digits = currencyDigits(currency);
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "");
  if (cleaned === "") return fail("AMOUNT_EMPTY", "Enter an amount");
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(cleaned);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return fail("AMOUNT_FORMAT", "Enter an amount like 50 or 23.50");
  const whole = match[1] === "" ? "0" : match[1]!;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    return fail("AMOUNT_DECIMALS", digits === 0 ? "This currency has no decimals" : `Use at most ${digits} decimals`);
  }
  const scaled = `${whole}${fraction.padEnd(digits, "0")}`.replace(/^0+(?=\d)/, "");
  const value = Number(scaled);
  if (!Number.isSafeInteger(value)) return fail("AMOUNT_TOO_LARGE", "That amount is too large");
  return { ok: true, value: minor(value) };
}

/** An amount as the cashier would type it, e.g. 2350 PLN in pl-PL → "23,50" (no grouping, no symbol). */
export function formatMajorInput(amount: Minor, currency: CurrencyCode, locale: string): string {
  const digits = currencyDigits(currency);
  const per = minorPerMajor(currency);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / per);
  if (digits === 0) return `${sign}${whole}`;
  const fraction = String(abs % per).padStart(digits, "0");
  return `${sign}${whole}${decimalSeparator(locale)}${fraction}`;
}

/** Round steps (in major units) that cash is usually handed over in. */
const CASH_STEPS = [1, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/**
 * Suggested cash amounts for the charge screen: the exact total first, then the next few round
 * amounts above it (e.g. 23.50 → 23.50, 24, 25, 30, 40).
 */
export function suggestedCash(total: Minor, currency: CurrencyCode, count = 4): Minor[] {
  const per = minorPerMajor(currency);
  const out: number[] = [total];
  if (total <= 0) return [minor(0)];
  for (const step of CASH_STEPS) {
    const unit = step * per;
    const rounded = Math.ceil(total / unit) * unit;
    if (rounded > total && !out.includes(rounded)) out.push(rounded);
    if (out.length > count) break;
  }
  return out.slice(0, count + 1).map(minor);
}

/**
 * A percentage typed by the cashier ("10", "12,5", "7.25") in milli-percent (12.5 % → 12_500),
 * the unit discounts use. At most 2 decimals; the domain decides what range it accepts (D16).
 */
export function parsePercent(text: string): NumberParse {
  const cleaned = text.replace(/[\s\u00a0\u202f%]/g, "");
  const match = /^(\d*)(?:[.,](\d{0,2}))?$/.exec(cleaned);
  if (cleaned === "" || !match || (match[1] === "" && (match[2] ?? "") === "")) return fail("PERCENT_FORMAT", "Enter a percentage like 10 or 12.5");
  const value = Number(`${match[1] === "" ? "0" : match[1]}${(match[2] ?? "").padEnd(2, "0")}`) * 10;
  if (!Number.isSafeInteger(value)) return fail("PERCENT_FORMAT", "Enter a percentage like 10 or 12.5");
  return { ok: true, value };
}

/** Whole pieces typed on the quantity keypad, as quantity milli-units (3 → 3000). */
export function parsePieces(text: string): NumberParse {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d{1,6}$/.test(cleaned) || Number(cleaned) === 0) return fail("QUANTITY_FORMAT", "Enter a whole number of pieces");
  return { ok: true, value: Number(cleaned) * 1000 };
}
