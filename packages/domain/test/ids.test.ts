import { expect, test } from "vitest";
import { businessDay, newEventId, isUuid } from "../src/index.js";

test("D12 event ids are UUIDv7, unique, ordered by the injected clock", () => {
  let t = 1_700_000_000_000;
  let seed = 1;
  const source = {
    now: () => t,
    randomBytes: (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 48271) % 2147483647) & 0xff),
  };
  const a = newEventId(source);
  t += 1;
  const b = newEventId(source);
  expect(isUuid(a) && isUuid(b)).toBe(true);
  expect(a[14]).toBe("7");
  expect(a < b).toBe(true);
});

test("D13 the business day is the date in the store's time zone", () => {
  const t = Date.UTC(2026, 10, 29, 23, 30); // 23:30 UTC on 29 Nov
  expect(businessDay(t, "UTC")).toBe("2026-11-29");
  expect(businessDay(t, "Europe/Warsaw")).toBe("2026-11-30");
  expect(businessDay(t, "America/New_York")).toBe("2026-11-29");
});
