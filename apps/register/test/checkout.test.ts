import { describe, expect, test } from "vitest";
import { minor, type CatalogItem, type ItemId, type SaleCompleted } from "@kasa/domain";
import type { RegisterSession } from "@kasa/sync";
import { CheckoutModel } from "../src/state/checkout.js";
import { SimulatedTerminal } from "../src/payments/simulated-terminal.js";
import { TicketModel } from "../src/state/ticket.js";

const espresso: CatalogItem = { id: "espresso" as ItemId, name: "Espresso", price: minor(900), taxIds: [], soldBy: "each" };

function fakeSession(result: Awaited<ReturnType<RegisterSession["sell"]>> | Error) {
  const calls: unknown[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const session = {
    sell: async (input: unknown) => {
      calls.push(input);
      await gate;
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as RegisterSession;
  return { session, calls, release };
}

describe("CheckoutModel", () => {
  test("saving until sell resolves, then done; the ticket is cleared only then", async () => {
    const ticket = new TicketModel();
    ticket.addPiece(espresso);
    const checkout = new CheckoutModel({ terminal: new SimulatedTerminal() });
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    expect(checkout.cashText).toBe("9,00");
    const sale = { id: "e1", payload: { receipt: { number: "1-1001" } } } as unknown as SaleCompleted;
    const { session, calls, release } = fakeSession({ ok: true, value: sale });
    const paying = checkout.pay(session, ticket, { type: "cash", received: 1000 });
    expect(checkout.phase).toBe("saving");
    expect(ticket.isEmpty).toBe(false);
    // A second tap while saving records nothing.
    await checkout.pay(session, ticket, { type: "cash", received: 1000 });
    release();
    await paying;
    expect(calls).toEqual([{ lines: [{ itemId: "espresso", quantityMilli: 1000 }], payments: [{ type: "cash", received: 1000 }] }]);
    expect(checkout.phase).toBe("done");
    expect(checkout.completed).toBe(sale);
    expect(ticket.isEmpty).toBe(true);
    checkout.newSale();
    expect(checkout.phase).toBe("ticket");
  });

  test("a refused sale goes back to charge with its code and keeps the ticket", async () => {
    const ticket = new TicketModel();
    ticket.addPiece(espresso);
    const checkout = new CheckoutModel({ terminal: new SimulatedTerminal() });
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    const { session, release } = fakeSession({ ok: false, error: { code: "PAYMENT_SHORT", message: "short" } });
    release();
    await checkout.pay(session, ticket, { type: "cash", received: 100 });
    expect(checkout.phase).toBe("charge");
    expect(checkout.error?.code).toBe("PAYMENT_SHORT");
    expect(ticket.isEmpty).toBe(false);
  });

  test("a storage failure is reported, never shown as complete", async () => {
    const ticket = new TicketModel();
    ticket.addPiece(espresso);
    const checkout = new CheckoutModel({ terminal: new SimulatedTerminal() });
    checkout.startCharge(minor(900), "PLN", "pl-PL");
    const { session, release } = fakeSession(new Error("QuotaExceededError"));
    release();
    await checkout.pay(session, ticket, { type: "card", amount: 900 });
    expect(checkout.phase).toBe("charge");
    expect(checkout.error?.code).toBe("SAVE_FAILED");
    expect(ticket.isEmpty).toBe(false);
  });
});
