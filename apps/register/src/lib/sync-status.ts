import { msg, str } from "@lit/localize";
import type { RelayConnectionStatus } from "@kasa/sync";
import { eventsLabel, unsyncedLabel } from "../i18n/counts.js";

export { unsyncedLabel };

export type PillTone = "ok" | "neutral" | "warn" | "danger";

/** The sync pill's words. Connected/offline is what the relay connection says, never navigator.onLine (DESIGN §5). */
export function connectionLabel(state: RelayConnectionStatus["state"]): string {
  switch (state) {
    case "connected":
      return msg("Online");
    case "connecting":
      return msg("Connecting…");
    case "offline":
      return msg("Offline");
    case "refused":
      return msg("Refused by relay");
  }
}

export function connectionTone(state: RelayConnectionStatus["state"]): PillTone {
  switch (state) {
    case "connected":
      return "ok";
    case "connecting":
      return "neutral";
    case "offline":
      return "warn";
    case "refused":
      return "danger";
  }
}

/** What "Sync now" tells the cashier, given the connection at the moment of the tap. */
export function syncNowMessage(status: RelayConnectionStatus, unsynced: number): { message: string; tone: "info" | "warn" | "danger" } {
  if (status.state === "connected") {
    return unsynced === 0
      ? { message: msg("Everything is synced"), tone: "info" }
      : { message: msg(str`Syncing ${eventsLabel(unsynced)}…`), tone: "info" };
  }
  if (status.state === "refused") {
    const why = status.lastRejection ? ` (${status.lastRejection.code})` : "";
    return { message: msg(str`Refused by relay${why}: this register may need pairing again`), tone: "danger" };
  }
  return { message: msg("No internet connection"), tone: "warn" };
}
