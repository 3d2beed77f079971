/**
 * Calendar arithmetic in a store's IANA time zone with nothing but Intl: local dates ↔ UTC instants,
 * correct across DST changes (a local day may have 23 or 25 hours; an hour bucket is a real hour).
 */
export interface LocalDate {
  readonly y: number;
  readonly m: number; // 1–12
  readonly d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock parts of an instant. */
export function localParts(t: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour) % 24, min: Number(parts.minute) };
}

/** Offset of the zone from UTC at an instant, in ms (Warsaw in summer: +2 h). */
export function zoneOffset(t: number, timeZone: string): number {
  const p = localParts(t, timeZone);
  const s = Math.floor((t % 60_000 + 60_000) % 60_000);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min) + s - t;
}

/** The instant a local date begins (its first existing moment). */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d);
  let t = wall - zoneOffset(wall, timeZone);
  // One correction covers a guess that fell on the other side of a DST change.
  t = wall - zoneOffset(t, timeZone);
  return t;
}

export function localDateOf(t: number, timeZone: string): LocalDate {
  const p = localParts(t, timeZone);
  return { y: p.y, m: p.m, d: p.d };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const u = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: u.getUTCFullYear(), m: u.getUTCMonth() + 1, d: u.getUTCDate() };
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const u = new Date(Date.UTC(date.y, date.m - 1 + months, 1));
  return { y: u.getUTCFullYear(), m: u.getUTCMonth() + 1, d: 1 };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(date: LocalDate): number {
  return ((new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7) + 1;
}

export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

export function formatLocalDate(d: LocalDate): string {
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
}

export function parseLocalDate(s: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const u = new Date(Date.UTC(date.y, date.m - 1, date.d));
  if (u.getUTCFullYear() !== date.y || u.getUTCMonth() + 1 !== date.m || u.getUTCDate() !== date.d) return undefined;
  return date;
}
