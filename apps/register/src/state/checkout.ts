import { minor, type CurrencyCode, type Minor, type PaymentInput, type SaleCompleted, type SaleInput } from "@kasa/domain";
import type { RegisterSession } from "@kasa/sync";
import { formatMajorInput, parseMajorAmount, type AmountParse } from "../lib/amounts.js";
import { checkSale } from "../lib/sale-check.js";
import { paymentInput, type PaymentMethod } from "../payments/payment-methods.js";
import type { PaymentTerminal } from "../payments/payment-terminal.js";
import { Observable } from "./observable.js";
import * as split from "./split-plan.js";
import type { TicketModel } from "./ticket.js";

/**
 * ticket → charge → saving → done. "done" is reached only once `sell` has resolved, i.e. the sale
 * is committed to this device's storage (DESIGN §5); a refused sale goes back to "charge" with
 * its coded reason and the ticket untouched.
 */
export type CheckoutPhase = "ticket" | "charge" | "saving" | "done";

/** One payment for the whole total, or a split into several. */
export type ChargeMode = "single" | "split";

/** A coded problem shown on the charge screen; `detail` carries what a terminal said. */
export interface CheckoutError {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
}

/** The terminal is waiting for the customer's card: the "Present card" overlay. */
export interface TerminalWait {
  readonly amount: Minor;
  /** Which split payment it is for; absent for a single payment. */
  readonly part?: number;
}

export interface CheckoutDeps {
  readonly terminal: PaymentTerminal;
  /** Reference for each terminal attempt (the register's side of the terminal's records). */
  readonly reference?: () => string;
}

export class CheckoutModel extends Observable {
  readonly #terminal: PaymentTerminal;
  readonly #reference: () => string;
  #phase: CheckoutPhase = "ticket";
  #mode: ChargeMode = "single";
  #total: Minor = minor(0);
  #currency: CurrencyCode = "PLN";
  #locale = "en";
  #cashText = "";
  #error: CheckoutError | undefined;
  #completed: SaleCompleted | undefined;
  #split: split.SplitPlan | undefined;
  #partTexts: string[] = [];
  #partErrors: (CheckoutError | undefined)[] = [];
  /** Cash handed over for the last split payment, when it is cash (it may give change). */
  #lastReceivedText = "";
  #waiting: TerminalWait | undefined;
  /** A terminal approval whose sale is not recorded yet: a retry records it instead of charging the card again. */
  #approved: PaymentInput | undefined;

  constructor(deps: CheckoutDeps) {
    super();
    this.#terminal = deps.terminal;
    this.#reference = deps.reference ?? (() => `kasa-${Date.now().toString(36)}`);
  }

  get phase(): CheckoutPhase {
    return this.#phase;
  }
  get mode(): ChargeMode {
    return this.#mode;
  }
  get total(): Minor {
    return this.#total;
  }
  get cashText(): string {
    return this.#cashText;
  }
  get error(): CheckoutError | undefined {
    return this.#error;
  }
  get completed(): SaleCompleted | undefined {
    return this.#completed;
  }
  get split(): split.SplitPlan | undefined {
    return this.#split;
  }
  get partTexts(): readonly string[] {
    return this.#partTexts;
  }
  get partErrors(): readonly (CheckoutError | undefined)[] {
    return this.#partErrors;
  }
  get lastReceivedText(): string {
    return this.#lastReceivedText;
  }
  get waiting(): TerminalWait | undefined {
    return this.#waiting;
  }
  get approved(): PaymentInput | undefined {
    return this.#approved;
  }
  /** Money has been taken (a split payment or a terminal approval): leaving the charge screen would lose it. */
  get hasTakenMoney(): boolean {
    return this.#approved !== undefined || (this.#split?.parts.some((p) => p.paid) ?? false);
  }

  /** Opens the charge screen with the exact amount prefilled, as a cashier most often gets it. */
  startCharge(total: Minor, currency: CurrencyCode, locale: string): void {
    if (this.#phase !== "ticket") return;
    this.#phase = "charge";
    this.#mode = "single";
    this.#total = total;
    this.#currency = currency;
    this.#locale = locale;
    this.#cashText = formatMajorInput(total, currency, locale);
    this.#error = undefined;
    this.#split = undefined;
    this.notify();
  }

  /**
   * The total changed on the charge screen (points redeemed): the amount due and the prefilled cash
   * follow. Only before any money is taken, in a single payment.
   */
  retotal(total: Minor): boolean {
    if (this.#phase !== "charge" || this.#mode !== "single" || this.#waiting || this.hasTakenMoney) return false;
    this.#total = total;
    this.#cashText = formatMajorInput(total, this.#currency, this.#locale);
    this.#error = undefined;
    this.notify();
    return true;
  }

  backToTicket(): void {
    if (this.#phase !== "charge" || this.#waiting || this.hasTakenMoney) return;
    this.#phase = "ticket";
    this.#error = undefined;
    this.#split = undefined;
    this.#mode = "single";
    this.notify();
  }

  setCashText(text: string): void {
    this.#cashText = text;
    this.#error = undefined;
    this.notify();
  }

  cashReceived(currency: CurrencyCode = this.#currency): AmountParse {
    return parseMajorAmount(this.#cashText, currency);
  }

  /** One payment for the whole ticket (cash, a plain card, a custom type): recorded at once. */
  async pay(session: RegisterSession, ticket: TicketModel, payment: PaymentInput): Promise<void> {
    if (this.#phase !== "charge" || this.#waiting) return;
    await this.#sell(session, ticket, [payment]);
  }

  /**
   * The whole ticket through the integrated terminal. Checked with the domain first, so the card
   * is never charged for a sale that would be refused. A decline or timeout leaves the sale open
   * and unpaid with the reason shown; an approval records a card payment with its authorization.
   */
  async payWithTerminal(session: RegisterSession, ticket: TicketModel, method: PaymentMethod): Promise<void> {
    if (this.#phase !== "charge" || this.#waiting) return;
    if (this.#approved) return this.#sell(session, ticket, [this.#approved]);
    const check = checkSale(session.snapshot, { ...ticket.saleInput(), payments: [paymentInput(method, this.#total)] });
    if (!check.ok) return this.#fail(check.error);
    const outcome = await this.#charge(session, method, this.#total);
    if (!outcome) return;
    this.#approved = outcome;
    await this.#sell(session, ticket, [outcome]);
  }

  /** Gives up waiting for the customer's card: the terminal takes nothing. */
  cancelTerminal(): void {
    if (this.#waiting) this.#terminal.cancel();
  }

  // --- Split payment -------------------------------------------------------------------------

  /** Loyverse: Split → the total divided evenly over two payments first. */
  startSplit(defaultMethod: string): void {
    if (this.#phase !== "charge" || this.#waiting || this.#approved) return;
    this.#mode = "split";
    this.#split = split.createSplit(this.#total, split.MIN_SPLIT, defaultMethod);
    this.#error = undefined;
    this.#syncTexts();
    this.notify();
  }

  /** Back to a single payment; only while nothing is paid yet. */
  cancelSplit(): void {
    if (this.#mode !== "split" || this.hasTakenMoney || this.#waiting) return;
    this.#mode = "single";
    this.#split = undefined;
    this.#error = undefined;
    this.notify();
  }

  setSplitCount(count: number, defaultMethod: string): void {
    if (!this.#split || this.#waiting) return;
    this.#split = split.setCount(this.#split, count, defaultMethod);
    this.#error = undefined;
    this.#syncTexts();
    this.notify();
  }

  setPartMethod(index: number, methodKey: string): void {
    if (!this.#split || this.#waiting) return;
    const result = split.setMethod(this.#split, index, methodKey);
    if (result.ok) this.#split = result.plan;
    this.#error = undefined;
    this.notify();
  }

  /** The cashier edits a payment's amount: the others follow as soon as the text is an amount. */
  setPartText(index: number, text: string): void {
    if (!this.#split || this.#waiting) return;
    this.#partTexts[index] = text;
    this.#error = undefined;
    const parsed = parseMajorAmount(text, this.#currency);
    if (!parsed.ok) {
      this.#partErrors[index] = parsed;
    } else {
      const result = split.setAmount(this.#split, index, parsed.value);
      if (result.ok) {
        this.#split = result.plan;
        this.#syncTexts(index);
      } else this.#partErrors[index] = result;
    }
    this.notify();
  }

  setLastReceivedText(text: string): void {
    this.#lastReceivedText = text;
    this.#error = undefined;
    this.notify();
  }

  /** What the customer hands over for the last payment when it is cash (defaults to its amount). */
  lastReceived(): AmountParse {
    return parseMajorAmount(this.#lastReceivedText, this.#currency);
  }

  /**
   * Charges one payment of the split (in order) and marks it Paid. Before the first one the whole
   * sale is checked with the domain as planned, so no money is taken for a sale it would refuse.
   */
  async chargePart(session: RegisterSession, ticket: TicketModel, index: number, method: PaymentMethod): Promise<void> {
    const plan = this.#split;
    const part = plan?.parts[index];
    if (this.#phase !== "charge" || !plan || !part || this.#waiting) return;
    this.#error = undefined;
    const isLast = index === plan.parts.length - 1;
    let received: Minor | undefined;
    if (method.kind === "cash" && isLast) {
      const r = this.lastReceived();
      if (!r.ok) return this.#fail(r);
      received = r.value;
    }
    const planned = paymentInput(method, part.amount, received === undefined ? {} : { received });
    const dryRun = split.markPaid(plan, index, planned);
    if (!dryRun.ok) return this.#fail(dryRun);
    if (split.paidTotal(plan) === 0) {
      // Everything but the payments (shift, prices, discounts): the plan itself guards how the payments add up.
      const check = checkSale(session.snapshot, { ...ticket.saleInput(), payments: [{ type: "cash", received: this.#total }] });
      if (!check.ok) return this.#fail(check.error);
    }
    let payment = planned;
    if (method.integrated) {
      const approved = await this.#charge(session, method, part.amount, index);
      if (!approved) return;
      payment = approved;
    }
    const marked = split.markPaid(this.#split ?? plan, index, payment);
    if (!marked.ok) return this.#fail(marked);
    this.#split = marked.plan;
    this.notify();
  }

  /** Takes back a payment marked Paid by mistake (not a terminal one: that money is on the card). */
  undoPart(index: number): void {
    const plan = this.#split;
    const part = plan?.parts[index];
    if (!plan || !part?.paid || (part.paid.type === "card" && part.paid.reference)) return;
    const result = split.unmarkPaid(plan, index);
    if (result.ok) this.#split = result.plan;
    this.notify();
  }

  /** Done: every payment is paid, and the sale is recorded once with all of them. */
  async finishSplit(session: RegisterSession, ticket: TicketModel): Promise<void> {
    const plan = this.#split;
    if (this.#phase !== "charge" || !plan || !split.allPaid(plan) || this.#waiting) return;
    await this.#sell(session, ticket, split.salePayments(plan));
  }

  newSale(): void {
    this.#phase = "ticket";
    this.#mode = "single";
    this.#completed = undefined;
    this.#error = undefined;
    this.#cashText = "";
    this.#split = undefined;
    this.#approved = undefined;
    this.notify();
  }

  // --- internals -----------------------------------------------------------------------------

  async #sell(session: RegisterSession, ticket: TicketModel, payments: readonly PaymentInput[]): Promise<void> {
    this.#phase = "saving";
    this.#error = undefined;
    this.notify();
    const input: SaleInput = { ...ticket.saleInput(), payments };
    let outcome: Awaited<ReturnType<RegisterSession["sell"]>>;
    try {
      const ticketId = ticket.openTicket?.id;
      outcome = await session.sell(input, ticketId ? { ticketId } : {});
    } catch (error) {
      outcome = { ok: false, error: { code: "SAVE_FAILED", message: `The sale could not be saved on this device: ${String(error)}` } };
    }
    if (outcome.ok) {
      this.#completed = outcome.value;
      this.#phase = "done";
      this.#approved = undefined;
      this.#split = undefined;
      this.#mode = "single";
      ticket.clear();
    } else {
      this.#error = outcome.error;
      this.#phase = "charge";
    }
    this.notify();
  }

  /** Runs one terminal charge; resolves with the card payment when approved, else shows why and resolves undefined. */
  async #charge(session: RegisterSession, method: PaymentMethod, amount: Minor, part?: number): Promise<PaymentInput | undefined> {
    if (session.snapshot.connection.state !== "connected") {
      this.#fail({ code: "TERMINAL_OFFLINE", message: "The card terminal needs a connection" });
      return undefined;
    }
    this.#waiting = { amount, ...(part === undefined ? {} : { part }) };
    this.#error = undefined;
    this.notify();
    let outcome: Awaited<ReturnType<PaymentTerminal["charge"]>>;
    try {
      outcome = await this.#terminal.charge({ amount, currency: this.#currency, reference: this.#reference() });
    } catch (error) {
      outcome = { outcome: "declined", reason: String(error instanceof Error ? error.message : error) };
    }
    this.#waiting = undefined;
    switch (outcome.outcome) {
      case "approved":
        this.notify();
        return paymentInput(method, amount, { reference: outcome.authorization });
      case "declined":
        this.#fail({ code: "TERMINAL_DECLINED", message: "The card was declined", detail: outcome.reason });
        return undefined;
      case "timeout":
        this.#fail({ code: "TERMINAL_TIMEOUT", message: "The terminal did not answer in time" });
        return undefined;
    }
  }

  #fail(error: { readonly code: string; readonly message: string; readonly detail?: string }): void {
    this.#error = { code: error.code, message: error.message, ...(error.detail === undefined ? {} : { detail: error.detail }) };
    this.notify();
  }

  /** Amount fields show the plan's amounts, except the one being typed in. */
  #syncTexts(keep?: number): void {
    const plan = this.#split;
    if (!plan) return;
    this.#partTexts = plan.parts.map((p, i) => (i === keep ? (this.#partTexts[i] ?? "") : formatMajorInput(p.amount, this.#currency, this.#locale)));
    this.#partErrors = plan.parts.map(() => undefined);
    const last = plan.parts.at(-1);
    if (last && !last.paid) this.#lastReceivedText = formatMajorInput(last.amount, this.#currency, this.#locale);
  }
}
