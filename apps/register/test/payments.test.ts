import { describe, expect, test } from "vitest";
import { minor, settle, type PaymentTypeId } from "@kasa/domain";
import { paymentInput, paymentMethods } from "../src/payments/payment-methods.js";
import { SimulatedTerminal, storageScript, TERMINAL_SCRIPT_KEY } from "../src/payments/simulated-terminal.js";
import { catalog } from "./fixtures.js";

/** Timers run by hand: the terminal's waits are checked without waiting. */
function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    setTimer: (fn: () => void, ms: number) => pending.push({ fn, ms }),
    clearTimer: (h: unknown) => void pending.splice(pending.findIndex((_, i) => i + 1 === h), 1),
    runNext: () => pending.shift(),
  };
}

function memoryStorage(init: Record<string, string> = {}) {
  const data = new Map(Object.entries(init));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

describe("payment methods", () => {
  test("the store's types: cash first, cards (plain before the terminal), then custom types", () => {
    expect(paymentMethods(catalog).map((m) => [m.key, m.kind, m.integrated])).toEqual([
      ["cash", "cash", false],
      ["card", "card", false],
      ["terminal", "card", true],
      ["voucher", "custom", false],
    ]);
  });

  test("a store with no payment types gets the built-in Cash and Card", () => {
    const { paymentTypes: _none, ...bare } = catalog;
    expect(paymentMethods(bare).map((m) => [m.key, m.id])).toEqual([
      ["cash", undefined],
      ["card", undefined],
    ]);
  });

  test("D8 D9 payments as the domain takes them, custom ones naming their type", () => {
    const [cash, card, terminal, voucher] = paymentMethods(catalog);
    const payments = [
      paymentInput(voucher!, minor(300)),
      paymentInput(terminal!, minor(300), { reference: "AB12CD" }),
      paymentInput(card!, minor(200)),
      paymentInput(cash!, minor(200), { received: minor(500) }),
    ];
    expect(payments[0]).toEqual({ type: "custom", amount: 300, paymentTypeId: "voucher" });
    expect(payments[1]).toEqual({ type: "card", amount: 300, paymentTypeId: "terminal", reference: "AB12CD" });
    const settled = settle(minor(1000), payments, catalog);
    expect(settled.ok && settled.value.map((p) => p.name)).toEqual(["Gift voucher", "Card terminal", "Card", "Cash"]);
    expect(settled.ok && settled.value[3]!.change).toBe(300);
    expect(settled.ok && settled.value[1]!.reference).toBe("AB12CD");
    expect(paymentInput(voucher!, minor(1)).type === "custom" && (paymentInput(voucher!, minor(1)) as { paymentTypeId: PaymentTypeId }).paymentTypeId).toBe("voucher");
  });
});

describe("simulated terminal", () => {
  const request = { amount: minor(900), currency: "PLN", reference: "r1" };

  test("O10 approves after the card is presented, with a 6-character authorization", async () => {
    const timers = manualTimers();
    const terminal = new SimulatedTerminal({ ...timers, randomBytes: (n) => new Uint8Array(n).fill(1) });
    const charge = terminal.charge(request);
    const wait = timers.runNext();
    expect(wait?.ms).toBe(1500);
    wait!.fn();
    expect(await charge).toEqual({ outcome: "approved", authorization: "BBBBBB" });
  });

  test("scripted through storage: decline, then timeout after the configured wait, then the default approve", async () => {
    const timers = manualTimers();
    const storage = memoryStorage({ [TERMINAL_SCRIPT_KEY]: '["decline","timeout"]' });
    const terminal = new SimulatedTerminal({ ...timers, nextOutcome: storageScript(storage), timeoutMs: () => 250 });
    const first = terminal.charge(request);
    timers.runNext()!.fn();
    expect(await first).toEqual({ outcome: "declined", reason: "Declined by the card issuer" });
    const second = terminal.charge(request);
    const wait = timers.runNext()!;
    expect(wait.ms).toBe(250);
    wait.fn();
    expect(await second).toEqual({ outcome: "timeout" });
    expect(storage.data.has(TERMINAL_SCRIPT_KEY)).toBe(false);
    const third = terminal.charge(request);
    timers.runNext()!.fn();
    expect((await third).outcome).toBe("approved");
  });

  test("cancel ends the charge as declined; a second charge while one runs is refused", async () => {
    const timers = manualTimers();
    const terminal = new SimulatedTerminal(timers);
    const charge = terminal.charge(request);
    expect(await terminal.charge(request)).toEqual({ outcome: "declined", reason: "Terminal busy" });
    terminal.cancel();
    expect(await charge).toEqual({ outcome: "declined", reason: "cancelled" });
  });
});
