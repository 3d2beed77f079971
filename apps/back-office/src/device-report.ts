import type { DeviceReport } from "./api.js";
import { t } from "./strings.js";

/** Below this a device clock counts as right: the measurement includes network delay. */
export const CLOCK_TOLERANCE_MS = 2_000;

/** "clock in sync", "Clock 4.5 s ahead", "Clock 3 min behind". */
export function clockSkewText(skewMs: number): string {
  const abs = Math.abs(skewMs);
  if (abs < CLOCK_TOLERANCE_MS) return t.devices.clockOk;
  const amount = abs < 60_000 ? `${(abs / 1000).toFixed(1).replace(/\.0$/, "")} s` : abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : `${(abs / 3_600_000).toFixed(1).replace(/\.0$/, "")} h`;
  return `${t.devices.clock} ${amount} ${skewMs > 0 ? t.devices.ahead : t.devices.behind}`;
}

/** Past this the register itself warns the cashier (its clock stamps receipts and business days): flag it here too. */
export const CLOCK_WARNING_MS = 2 * 60_000;

export const clockIsOff = (r: DeviceReport): boolean => Math.abs(r.clockSkewMs) >= CLOCK_WARNING_MS;
