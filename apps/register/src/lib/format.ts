import { msg, str } from "@lit/localize";
import { formatMoney, ONE_UNIT, type CurrencyCode, type Minor, type PaymentType, type Receipt, type SoldBy } from "@kasa/domain";
import type { StoreSettings } from "@kasa/documents";

/**
 * Display formatting bound to the store's settings: money in the store currency and locale,
 * times in the store's time zone (not the device's). Display only: nothing is parsed back.
 */
export class Formatters {
  readonly currency: CurrencyCode;
  readonly locale: string;
  readonly timeZone: string;
  readonly #dateTime: Intl.DateTimeFormat;
  readonly #time: Intl.DateTimeFormat;
  readonly #day: Intl.DateTimeFormat;
  readonly #kg: Intl.NumberFormat;
  readonly #percent: Intl.NumberFormat;

  constructor(settings: Pick<StoreSettings, "currency" | "locale" | "timeZone">) {
    this.currency = settings.currency;
    this.locale = settings.locale;
    this.timeZone = settings.timeZone;
    this.#dateTime = new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, dateStyle: "medium", timeStyle: "short" });
    this.#time = new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, hour: "2-digit", minute: "2-digit" });
    this.#day = new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, day: "numeric", month: "short" });
    this.#kg = new Intl.NumberFormat(this.locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    this.#percent = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 3 });
  }

  money(amount: Minor | number): string {
    return formatMoney(amount as Minor, this.currency, this.locale);
  }

  /** "zł", "€": the currency as the store's locale writes it, for the unit beside an amount field. */
  currencySymbol(): string {
    return new Intl.NumberFormat(this.locale, { style: "currency", currency: this.currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? this.currency;
  }

  /** A difference with its sign always shown: "+1,00 zł", "−1,00 zł", "0,00 zł". */
  signedMoney(amount: Minor | number): string {
    if (amount === 0) return this.money(0);
    return `${amount > 0 ? "+" : "−"}${this.money(Math.abs(amount))}`;
  }

  time(ms: number): string {
    return this.#time.format(ms);
  }

  dateTime(ms: number): string {
    return this.#dateTime.format(ms);
  }

  /** Time only for today (in the store's zone), "12 Mar, 14:05" otherwise. */
  shortDateTime(ms: number, now = Date.now()): string {
    const sameDay = this.#day.format(ms) === this.#day.format(now);
    return sameDay ? this.#time.format(ms) : `${this.#day.format(ms)}, ${this.#time.format(ms)}`;
  }

  kilograms(grams: number): string {
    return `${this.#kg.format(grams / ONE_UNIT)} kg`;
  }

  /** "2" for pieces, "0,250 kg" for weighed quantities. */
  quantity(quantityMilli: number, soldBy: SoldBy): string {
    return soldBy === "weight" ? this.kilograms(quantityMilli) : String(quantityMilli / ONE_UNIT);
  }

  /** "9,00 zł × 2" or "0,250 kg × 69,90 zł/kg". */
  unitLine(unitPrice: Minor, quantityMilli: number, soldBy: SoldBy): string {
    return soldBy === "weight"
      ? `${this.kilograms(quantityMilli)} × ${this.money(unitPrice)}/kg`
      : `${quantityMilli / ONE_UNIT} × ${this.money(unitPrice)}`;
  }

  percent(rateMilliPercent: number): string {
    return `${this.#percent.format(rateMilliPercent / 1000)}%`;
  }
}

/** The built-in payment names, in the screens' language. */
export function builtInPaymentName(type: PaymentType): string {
  switch (type) {
    case "cash":
      return msg("Cash");
    case "card":
      return msg("Card");
    case "custom":
      return msg("Other");
  }
}

/** A payment method's name on screen: the store's name, or the built-in one in the screens' language. */
export function methodLabel(m: { readonly name?: string; readonly kind: PaymentType }): string {
  return m.name ?? builtInPaymentName(m.kind);
}

/** A payment's name: the store's name for it when the receipt recorded one, else Cash / Card. */
export function paymentName(p: { readonly type: PaymentType; readonly name?: string }): string {
  return p.name ?? builtInPaymentName(p.type);
}

/** "Cash", "Card", or "Cash + Card" for a split payment. */
export function paymentSummary(receipt: Receipt): string {
  return [...new Set(receipt.payments.map(paymentName))].join(" + ");
}

/** Change handed back on a receipt (cash only). */
export function changeOf(receipt: Receipt): Minor {
  return receipt.payments.reduce((sum, p) => sum + (p.change ?? 0), 0) as Minor;
}

/** A sold-by-weight line is one whose quantity is not whole pieces in the catalog's terms. */
export function soldByOf(item: { soldBy: SoldBy } | undefined, quantityMilli: number): SoldBy {
  if (item) return item.soldBy;
  return quantityMilli % ONE_UNIT === 0 ? "each" : "weight";
}

/** Catalog colours come from the back office: only plain colour values reach a style attribute. */
export function safeColor(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  const v = value.trim();
  return /^#[0-9a-f]{3,8}$/i.test(v) || /^(rgb|hsl)a?\([\d\s.,%/-]+\)$/i.test(v) || /^[a-z]{3,20}$/i.test(v) ? v : fallback;
}

/** "Register 1 · Front counter", as the top bar and printed receipts say it; the name from `registers` (the store document) when given. */
export function registerLabel(
  register: { readonly registerNumber: number; readonly registerName?: string; readonly registerId?: string },
  registers?: Readonly<Record<string, { readonly name: string }>>,
): string {
  // Named `p` as before: the translated messages' placeholders keep their text (xliff/pl.xlf).
  const p = { registerNumber: register.registerNumber, registerName: registerName(register, registers) };
  return p.registerName ? msg(str`Register ${p.registerNumber} · ${p.registerName}`) : msg(str`Register ${p.registerNumber}`);
}

/**
 * A register's name as the store document has it now — renamed in the back office, it reaches the
 * register at the next sync — else the name saved at pairing (or none: another register's receipt
 * names only its number).
 */
export function registerName(
  p: { readonly registerName?: string; readonly registerId?: string },
  registers?: Readonly<Record<string, { readonly name: string }>>,
): string | undefined {
  const entry = registers && p.registerId !== undefined ? registers[p.registerId] : undefined;
  return entry?.name.trim() || p.registerName || undefined;
}

/** The paired register with its current name from the store document, for components that show `registerName`. */
export function withStoreName<P extends { readonly registerName: string; readonly registerId: string }>(
  p: P,
  registers: Readonly<Record<string, { readonly name: string }>> | undefined,
): P {
  const name = registerName(p, registers) ?? p.registerName;
  return name === p.registerName ? p : { ...p, registerName: name };
}
