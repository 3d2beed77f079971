import type { CurrencyCode, Minor, PaymentInput, SaleCompleted } from "@kasa/domain";
import type { RegisterSession, SaleFailure } from "@kasa/sync";
import { formatMajorInput, parseMajorAmount, type AmountParse } from "../lib/amounts.js";
import { Observable } from "./observable.js";
import type { TicketModel } from "./ticket.js";

/**
 * ticket → charge → saving → done. "done" is reached only once `sell` has resolved, i.e. the sale
 * is committed to this device's storage (DESIGN §5); a refused sale goes back to "charge" with
 * its coded reason and the ticket untouched.
 */
export type CheckoutPhase = "ticket" | "charge" | "saving" | "done";

export class CheckoutModel extends Observable {
  #phase: CheckoutPhase = "ticket";
  #cashText = "";
  #error: SaleFailure | undefined;
  #completed: SaleCompleted | undefined;

  get phase(): CheckoutPhase {
    return this.#phase;
  }
  get cashText(): string {
    return this.#cashText;
  }
  get error(): SaleFailure | undefined {
    return this.#error;
  }
  get completed(): SaleCompleted | undefined {
    return this.#completed;
  }

  /** Opens the charge screen with the exact amount prefilled, as a cashier most often gets it. */
  startCharge(total: Minor, currency: CurrencyCode, locale: string): void {
    if (this.#phase !== "ticket") return;
    this.#phase = "charge";
    this.#cashText = formatMajorInput(total, currency, locale);
    this.#error = undefined;
    this.notify();
  }

  backToTicket(): void {
    if (this.#phase !== "charge") return;
    this.#phase = "ticket";
    this.#error = undefined;
    this.notify();
  }

  setCashText(text: string): void {
    this.#cashText = text;
    this.#error = undefined;
    this.notify();
  }

  cashReceived(currency: CurrencyCode): AmountParse {
    return parseMajorAmount(this.#cashText, currency);
  }

  async pay(session: RegisterSession, ticket: TicketModel, payment: PaymentInput): Promise<void> {
    if (this.#phase !== "charge") return;
    this.#phase = "saving";
    this.#error = undefined;
    this.notify();
    let outcome: Awaited<ReturnType<RegisterSession["sell"]>>;
    try {
      outcome = await session.sell({ lines: ticket.input(), payments: [payment] });
    } catch (error) {
      outcome = { ok: false, error: { code: "SAVE_FAILED", message: `The sale could not be saved on this device: ${String(error)}` } };
    }
    if (outcome.ok) {
      this.#completed = outcome.value;
      this.#phase = "done";
      ticket.clear();
    } else {
      this.#error = outcome.error;
      this.#phase = "charge";
    }
    this.notify();
  }

  newSale(): void {
    this.#phase = "ticket";
    this.#completed = undefined;
    this.#error = undefined;
    this.#cashText = "";
    this.notify();
  }
}
