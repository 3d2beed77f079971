import { formatMoney, type Minor } from "@kasa/domain";
import { t } from "./strings.js";

/**
 * Store display settings — the ONE place the back office assumes them.
 * The store document holds currency, locale and time zone, but the relay's HTTP API does not
 * expose store settings yet; when it does (e.g. in GET /api/me's stores), read them from there.
 * Currency already comes with every receipt row, so only locale and time zone are assumed.
 */
export const STORE_LOCALE = "pl-PL";
export const STORE_TIME_ZONE = "Europe/Warsaw";

/** Sales synced later than this after they were made are marked with a delay hint. */
export const LATE_SYNC_MS = 60_000;

const dateTimeFmt = new Intl.DateTimeFormat(STORE_LOCALE, {
  timeZone: STORE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const dateTimeSecondsFmt = new Intl.DateTimeFormat(STORE_LOCALE, {
  timeZone: STORE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const dateFmt = new Intl.DateTimeFormat(STORE_LOCALE, { timeZone: STORE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const timeFmt = new Intl.DateTimeFormat(STORE_LOCALE, { timeZone: STORE_TIME_ZONE, hour: "2-digit", minute: "2-digit" });
// The weekday is a word: in the back office's language, not the store's locale.
const weekdayFmt = new Intl.DateTimeFormat(t.live.weekdayLocale, { timeZone: STORE_TIME_ZONE, weekday: "long" });
/** en-CA formats as YYYY-MM-DD: a sortable calendar-day key in the store's time zone. */
const dayKeyFmt = new Intl.DateTimeFormat("en-CA", { timeZone: STORE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const quantityFmt = new Intl.NumberFormat(STORE_LOCALE, { maximumFractionDigits: 3 });
const countFmt = new Intl.NumberFormat(STORE_LOCALE);

export const money = (amount: number, currency: string): string => formatMoney(amount as Minor, currency, STORE_LOCALE);
export const dateTime = (ms: number): string => dateTimeFmt.format(ms);
export const dateTimeSeconds = (ms: number): string => dateTimeSecondsFmt.format(ms);
export const date = (ms: number): string => dateFmt.format(ms);
export const time = (ms: number): string => timeFmt.format(ms);
export const weekday = (ms: number): string => weekdayFmt.format(ms);
export const count = (n: number): string => countFmt.format(n);
/** Calendar day in the store's time zone, "2025-11-29". */
export const dayKey = (ms: number): string => dayKeyFmt.format(ms);
export const sameStoreDay = (a: number, b: number): boolean => dayKey(a) === dayKey(b);

/** 1000 milli-units = 1 piece; 250 = 0.25 (kg for items sold by weight). */
export const quantity = (quantityMilli: number): string => quantityFmt.format(quantityMilli / 1000);

/** "+3 min", "+1 h 20 min", "+2 d 4 h": how long after the sale the relay got it, or undefined when prompt. */
export function syncDelay(deviceTime: number, receivedAt: number): string | undefined {
  const ms = receivedAt - deviceTime;
  if (ms < LATE_SYNC_MS) return undefined;
  const minutes = Math.round(ms / 60_000);
  const { unitMin: min, unitH: h, unitD: d } = t.live;
  if (minutes < 60) return `+${minutes} ${min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `+${hours} ${h}${minutes % 60 ? ` ${minutes % 60} ${min}` : ""}`;
  const days = Math.floor(hours / 24);
  return `+${days} ${d}${hours % 24 ? ` ${hours % 24} ${h}` : ""}`;
}

/** "just now", "4 min ago", "3 h ago", "yesterday at 14:05", "on 12.11.2025 at 09:30". */
export function relativeTime(ms: number, now: number): string {
  const diff = Math.max(0, now - ms);
  if (diff < 45_000) return t.time.justNow;
  const minutes = Math.round(diff / 60_000);
  if (minutes < 60) return t.time.minAgo.replace("{n}", String(minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 12 || sameStoreDay(ms, now)) return t.time.hAgo.replace("{n}", String(hours));
  if (sameStoreDay(ms, now - 86_400_000)) return t.time.yesterdayAt.replace("{t}", time(ms));
  return t.time.onAt.replace("{d}", date(ms)).replace("{t}", time(ms));
}

// Rows carry only the payment kind; a custom type's own name is in the receipt detail.
const PAYMENT_LABELS: Record<string, string> = { cash: t.live.cash, card: t.live.card, custom: t.live.other };

export const paymentLabel = (type: string): string => PAYMENT_LABELS[type] ?? type.charAt(0).toUpperCase() + type.slice(1);

/** "cash,card" → ["cash", "card"] */
export const paymentTypesOf = (paymentTypes: string): string[] => paymentTypes.split(",").filter(Boolean);

/** "POS 1": how registers are named on receipts and in lists. */
export const registerLabel = (registerNumber: number): string => t.live.pos.replace("{n}", String(registerNumber));
