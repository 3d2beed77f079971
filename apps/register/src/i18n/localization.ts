import { configureLocalization } from "@lit/localize";
import { sourceLocale, targetLocales } from "../locales/locale-codes.js";
import { asUiLocale, initialLocale, type UiLocale } from "./locale-choice.js";
import { setActiveLocale } from "./active-locale.js";

export { LOCALE_NAMES, UI_LOCALES, type UiLocale } from "./locale-choice.js";

/** Where the cashier's language choice is kept (per device, like the paired identity). */
export const LOCALE_KEY = "kasa.register.locale";

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  // Dynamic import: the Polish strings are their own chunk, precached with the rest for offline use.
  loadLocale: (locale) => import(`../locales/generated/${locale}.ts`),
});

/** The language the screens are in (money and dates follow the store's locale, not this). */
export function currentLocale(): UiLocale {
  return asUiLocale(getLocale()) ?? "en";
}

/** Switches the screens' language; elements marked @localized() re-render when it is loaded. */
export async function useLocale(locale: UiLocale, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // Private mode may refuse storage; the switch still applies to this page.
    }
  }
  setActiveLocale(locale);
  await setLocale(locale);
  document.documentElement.lang = locale;
}

export async function startLocalization(): Promise<void> {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LOCALE_KEY);
  } catch {
    stored = null;
  }
  await useLocale(initialLocale(stored, navigator.languages ?? [navigator.language]), false);
}
