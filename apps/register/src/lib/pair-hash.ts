/** Reads the pairing code from a "#pair=CODE" link (what the back office and the demo page open). */
export function pairCodeFromHash(hash: string): string | undefined {
  const match = /^#pair=([A-Za-z0-9-]{1,64})$/.exec(hash.trim());
  return match ? match[1]!.toUpperCase() : undefined;
}

/** Drops the hash without adding a history entry, so a reload never reuses a spent code. */
export function clearHash(): void {
  if (location.hash === "") return;
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}

/** What the cashier typed, as the relay compares it: upper case, no spaces or dashes. */
export function normalizePairingCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, "");
}
