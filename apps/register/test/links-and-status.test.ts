import { describe, expect, test } from "vitest";
import { normalizePairingCode, pairCodeFromHash } from "../src/lib/pair-hash.js";
import { connectionLabel, syncNowMessage } from "../src/lib/sync-status.js";
import { safeColor } from "../src/lib/format.js";

describe("pairing links", () => {
  test("reads #pair=CODE", () => {
    expect(pairCodeFromHash("#pair=abcd2345")).toBe("ABCD2345");
    expect(pairCodeFromHash("#pair=")).toBeUndefined();
    expect(pairCodeFromHash("#other=1")).toBeUndefined();
    expect(pairCodeFromHash("")).toBeUndefined();
  });
  test("normalizes typed codes like the relay", () => {
    expect(normalizePairingCode(" abcd-2345 ")).toBe("ABCD2345");
  });
});

describe("sync status", () => {
  test("labels", () => {
    expect(connectionLabel("connected")).toBe("Online");
    expect(connectionLabel("offline")).toBe("Offline");
    expect(connectionLabel("connecting")).toBe("Connecting…");
    expect(connectionLabel("refused")).toBe("Refused by relay");
  });
  test("Sync now offline says No internet connection (Loyverse O5)", () => {
    expect(syncNowMessage({ state: "offline" }, 3).message).toBe("No internet connection");
    expect(syncNowMessage({ state: "connecting" }, 0).message).toBe("No internet connection");
    expect(syncNowMessage({ state: "connected" }, 0).message).toBe("Everything is synced");
  });
});

describe("safeColor", () => {
  test("keeps colours, drops anything else", () => {
    expect(safeColor("#a06a4c", "x")).toBe("#a06a4c");
    expect(safeColor("rgb(1, 2, 3)", "x")).toBe("rgb(1, 2, 3)");
    expect(safeColor("teal", "x")).toBe("teal");
    expect(safeColor("red;background:url(//evil)", "x")).toBe("x");
    expect(safeColor(undefined, "x")).toBe("x");
  });
});
