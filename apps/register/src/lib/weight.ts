import { ONE_UNIT } from "@kasa/domain";

export type WeightParse = { readonly ok: true; readonly grams: number } | { readonly ok: false; readonly code: string; readonly message: string };

/** The heaviest weight one line may carry (kg): a typo guard, not a business rule. */
const MAX_KG = 1000;

/**
 * Parses a weight typed in kilograms with up to 3 decimals ("0.25", "1,250") into grams, which are
 * the milli-units weighed items are sold in. String arithmetic only; zero and negatives are refused.
 */
export function parseKilograms(text: string): WeightParse {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "");
  if (cleaned === "") return { ok: false, code: "WEIGHT_EMPTY", message: "Enter the weight in kg" };
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(cleaned);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return { ok: false, code: "WEIGHT_FORMAT", message: "Enter a weight like 0.250" };
  const fraction = match[2] ?? "";
  if (fraction.length > 3) return { ok: false, code: "WEIGHT_DECIMALS", message: "Use at most 3 decimals (grams)" };
  const grams = Number(`${match[1] === "" ? "0" : match[1]}${fraction.padEnd(3, "0")}`);
  if (!Number.isSafeInteger(grams) || grams <= 0) return { ok: false, code: "WEIGHT_NOT_POSITIVE", message: "The weight must be more than 0 kg" };
  if (grams > MAX_KG * ONE_UNIT) return { ok: false, code: "WEIGHT_TOO_LARGE", message: `The weight must be at most ${MAX_KG} kg` };
  return { ok: true, grams };
}

/** Grams as the kg text a cashier would type ("0.250"), for prefilling the weight field. */
export function kilogramsInput(grams: number, separator = "."): string {
  return `${Math.floor(grams / ONE_UNIT)}${separator}${String(grams % ONE_UNIT).padStart(3, "0")}`;
}
