import { describe, expect, test } from "vitest";
import { minor, type PaymentInput, type SaleCompleted, type SaleInput } from "@kasa/domain";
import type { RegisterSession, RegisterSnapshot } from "@kasa/sync";
import { paymentMethods } from "../src/payments/payment-methods.js";
import type { PaymentTerminal, TerminalOutcome } from "../src/payments/payment-terminal.js";
import { CheckoutModel } from "../src/state/checkout.js";
import { TicketModel } from "../src/state/ticket.js";
import { catalog, espresso } from "./fixtures.js";

const [cash, card, terminalMethod, voucher] = paymentMethods(catalog);

/** A session that records what it is asked to sell; the snapshot says what checkSale needs. */
function fakeSession(o: { connected?: boolean; shiftsRequired?: boolean } = {}) {
  const sold: SaleInput[] = [];
  const snapshot = {
    store: { catalog, settings: { currency: "PLN", locale: "pl-PL", timeZone: "Europe/Warsaw", name: "Test" } },
    connection: { state: o.connected === false ? "offline" : "connected" },
    shift: undefined,
    shiftsRequired: o.shiftsRequired ?? false,
  } as unknown as RegisterSnapshot;
  const session = {
    snapshot,
    sell: async (input: SaleInput) => {
      sold.push(input);
      return { ok: true as const, value: { id: "e1", deviceTime: 0, payload: { receipt: { number: "1-1001" } } } as unknown as SaleCompleted };
    },
  } as unknown as RegisterSession;
  return { session, sold };
}

/** A terminal answering from a list, at once. */
function scriptedTerminal(outcomes: TerminalOutcome[]): PaymentTerminal & { charges: number } {
  return {
    charges: 0,
    async charge() {
      this.charges++;
      return outcomes.shift() ?? { outcome: "approved", authorization: "OK0001" };
    },
    cancel() {},
  };
}

function ticketOf(pieces: number): TicketModel {
  const t = new TicketModel();
  for (let i = 0; i < pieces; i++) t.addPiece(espresso);
  return t;
}

describe("CheckoutModel payments", () => {
  test("O10 a decline leaves the sale open and unpaid; the approval records a card payment with its authorization", async () => {
    const terminal = scriptedTerminal([{ outcome: "declined", reason: "Insufficient funds" }, { outcome: "approved", authorization: "A1B2C3" }]);
    const checkout = new CheckoutModel({ terminal });
    const ticket = ticketOf(1);
    const { session, sold } = fakeSession();
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    await checkout.payWithTerminal(session, ticket, terminalMethod!);
    expect(checkout.phase).toBe("charge");
    expect(checkout.error).toMatchObject({ code: "TERMINAL_DECLINED", detail: "Insufficient funds" });
    expect(sold).toEqual([]);
    await checkout.payWithTerminal(session, ticket, terminalMethod!);
    expect(checkout.phase).toBe("done");
    expect(sold[0]!.payments).toEqual([{ type: "card", amount: 900, paymentTypeId: "terminal", reference: "A1B2C3" }]);
  });

  test("O10 a timeout leaves the sale unpaid; offline the terminal is not even asked", async () => {
    const terminal = scriptedTerminal([{ outcome: "timeout" }]);
    const checkout = new CheckoutModel({ terminal });
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    await checkout.payWithTerminal(fakeSession().session, ticketOf(1), terminalMethod!);
    expect(checkout.error?.code).toBe("TERMINAL_TIMEOUT");
    await checkout.payWithTerminal(fakeSession({ connected: false }).session, ticketOf(1), terminalMethod!);
    expect(checkout.error?.code).toBe("TERMINAL_OFFLINE");
    expect(terminal.charges).toBe(1);
  });

  test("D20 the card is never charged for a sale the domain would refuse (no open shift)", async () => {
    const terminal = scriptedTerminal([]);
    const checkout = new CheckoutModel({ terminal });
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    await checkout.payWithTerminal(fakeSession({ shiftsRequired: true }).session, ticketOf(1), terminalMethod!);
    expect(checkout.error?.code).toBe("NO_OPEN_SHIFT");
    expect(terminal.charges).toBe(0);
  });

  test("D24 split: each payment charged in turn and marked Paid, then ONE sale with all of them", async () => {
    const checkout = new CheckoutModel({ terminal: scriptedTerminal([]) });
    const ticket = ticketOf(3);
    const { session, sold } = fakeSession();
    checkout.startCharge(minor(2700), "PLN", "pl-PL");
    checkout.startSplit(cash!.key);
    expect(checkout.partTexts).toEqual(["13,50", "13,50"]);
    checkout.setSplitCount(3, cash!.key);
    checkout.setPartMethod(1, voucher!.key);
    checkout.setPartMethod(2, terminalMethod!.key);
    checkout.setPartText(0, "10");
    expect(checkout.partTexts).toEqual(["10", "8,50", "8,50"]);
    await checkout.chargePart(session, ticket, 0, cash!);
    await checkout.chargePart(session, ticket, 1, voucher!);
    expect(checkout.hasTakenMoney).toBe(true);
    checkout.backToTicket();
    expect(checkout.phase).toBe("charge");
    await checkout.chargePart(session, ticket, 2, terminalMethod!);
    expect(sold).toEqual([]);
    await checkout.finishSplit(session, ticket);
    expect(checkout.phase).toBe("done");
    expect(sold).toHaveLength(1);
    const payments: PaymentInput[] = [
      { type: "cash", received: 1000, paymentTypeId: cash!.id! },
      { type: "custom", amount: 850, paymentTypeId: voucher!.id! },
      { type: "card", amount: 850, paymentTypeId: terminalMethod!.id!, reference: "OK0001" },
    ];
    expect(sold[0]!.payments).toEqual(payments);
    expect(ticket.isEmpty).toBe(true);
  });

  test("D8 split: cash in the last payment may be more (change); a bad amount is shown, not charged", async () => {
    const checkout = new CheckoutModel({ terminal: scriptedTerminal([]) });
    const ticket = ticketOf(1);
    const { session, sold } = fakeSession();
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    checkout.startSplit(card!.key);
    checkout.setPartMethod(1, cash!.key);
    checkout.setPartText(0, "abc");
    expect(checkout.partErrors[0]?.code).toBe("AMOUNT_FORMAT");
    checkout.setPartText(0, "4");
    await checkout.chargePart(session, ticket, 0, card!);
    checkout.setLastReceivedText("10");
    await checkout.chargePart(session, ticket, 1, cash!);
    await checkout.finishSplit(session, ticket);
    expect(sold[0]!.payments).toEqual([
      { type: "card", amount: 400, paymentTypeId: "card" },
      { type: "cash", received: 1000, paymentTypeId: "cash" },
    ]);
  });
});
