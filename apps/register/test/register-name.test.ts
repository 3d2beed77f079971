import { describe, expect, test } from "vitest";
import { registerLabel, registerName, withStoreName } from "../src/lib/format.js";

// A register renamed in the back office (relay SPEC RL40) shows its new name from the store
// document's registers entry, not the name saved when the device was paired.

const paired = { registerId: "reg-1", registerNumber: 1, registerName: "Register 1", storeName: "Shop" };

describe("register name", () => {
  test("RL40 the store document's name wins over the name saved at pairing", () => {
    const registers = { "reg-1": { number: 1, name: "Front counter" }, "reg-2": { number: 2, name: "Bar" } };
    expect(registerName(paired, registers)).toBe("Front counter");
    expect(registerLabel(paired, registers)).toBe("Register 1 · Front counter");
    expect(withStoreName(paired, registers)).toEqual({ ...paired, registerName: "Front counter" });
  });

  test("RL40 without a registers entry (not synced yet, or a blank name) the paired name stays", () => {
    expect(registerLabel(paired)).toBe("Register 1 · Register 1");
    expect(registerLabel(paired, {})).toBe("Register 1 · Register 1");
    expect(registerLabel(paired, { "reg-1": { name: "  " } })).toBe("Register 1 · Register 1");
    expect(withStoreName(paired, undefined)).toBe(paired);
    // Another register's receipt carries only its number.
    expect(registerLabel({ registerNumber: 2 }, { "reg-2": { name: "Bar" } })).toBe("Register 2");
  });
});
