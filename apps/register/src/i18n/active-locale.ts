/**
 * The language the screens are in, readable from plain modules (plural rules, collation) without
 * importing the runtime configuration. Set by `useLocale`; English until then and in unit tests.
 */
let active = "en";

export function activeLocale(): string {
  return active;
}

export function setActiveLocale(locale: string): void {
  active = locale;
}

export type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";

/** The plural form a count takes in the active language ("1 pozycja", "2 pozycje", "5 pozycji"). */
export function pluralOf(n: number, locale = active): PluralCategory {
  return new Intl.PluralRules(locale).select(n) as PluralCategory;
}
