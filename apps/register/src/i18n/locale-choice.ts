/** The languages of the screens; pure, so the choice can be tested without a browser. */
export type UiLocale = "en" | "pl";
export const UI_LOCALES: readonly UiLocale[] = ["en", "pl"];

/** Each language's name in itself: the switch must be readable whatever language is on. */
export const LOCALE_NAMES: Readonly<Record<UiLocale, string>> = { en: "English", pl: "Polski" };

export function asUiLocale(value: string | null | undefined): UiLocale | undefined {
  return UI_LOCALES.find((l) => l === value);
}

/** A remembered choice wins; otherwise the browser's language if we have it, else English. */
export function initialLocale(stored: string | null, languages: readonly string[]): UiLocale {
  const remembered = asUiLocale(stored);
  if (remembered) return remembered;
  for (const tag of languages) {
    const found = asUiLocale(tag.toLowerCase().split("-")[0]);
    if (found) return found;
  }
  return "en";
}

