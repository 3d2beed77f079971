import type { RelayConnectionStatus } from "@kasa/sync";

export type PillTone = "ok" | "neutral" | "warn" | "danger";

/** The sync pill's words. Connected/offline is what the relay connection says, never navigator.onLine (DESIGN §5). */
export function connectionLabel(state: RelayConnectionStatus["state"]): string {
  switch (state) {
    case "connected":
      return "Online";
    case "connecting":
      return "Connecting…";
    case "offline":
      return "Offline";
    case "refused":
      return "Refused by relay";
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

export function unsyncedLabel(count: number): string {
  return `${count} unsynced`;
}

/** What "Sync now" tells the cashier, given the connection at the moment of the tap. */
export function syncNowMessage(status: RelayConnectionStatus, unsynced: number): { message: string; tone: "info" | "warn" | "danger" } {
  if (status.state === "connected") {
    return unsynced === 0
      ? { message: "Everything is synced", tone: "info" }
      : { message: `Syncing ${unsynced} unsynced ${unsynced === 1 ? "event" : "events"}…`, tone: "info" };
  }
  if (status.state === "refused") {
    const why = status.lastRejection ? ` (${status.lastRejection.code})` : "";
    return { message: `Refused by relay${why}: this register may need pairing again`, tone: "danger" };
  }
  return { message: "No internet connection", tone: "warn" };
}
