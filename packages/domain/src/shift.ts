import { minor, sum, type Minor } from "./money.js";
import { EVENT_SCHEMA_VERSION, type KasaEvent, type RefundCompleted, type SaleCompleted, type ShiftCashMoved, type ShiftClosed, type ShiftOpened } from "./events.js";
import type { EventId, RegisterId, ShiftId, StoreId } from "./ids.js";
import type { PaymentType } from "./receipt.js";
import { ok, reject, type Result } from "./result.js";

/** What the register knows about its shifts: at most one is open (D19). */
export interface ShiftState {
  readonly open?: { readonly shiftId: ShiftId; readonly openedAt: number; readonly startingCash: Minor };
}

export interface ShiftEventContext {
  readonly storeId: StoreId;
  readonly registerId: RegisterId;
  readonly eventId: EventId;
  readonly now: number;
  readonly cashier?: string;
}

const envelope = (ctx: ShiftEventContext) => ({
  id: ctx.eventId,
  storeId: ctx.storeId,
  registerId: ctx.registerId,
  deviceTime: ctx.now,
  schema: EVENT_SCHEMA_VERSION,
});

const validCash = (amount: number, allowZero: boolean) => Number.isSafeInteger(amount) && (allowZero ? amount >= 0 : amount > 0);
const MAX_CASH_COMMENT = 200;

/** Opens a shift with the cash in the drawer (D19). The new shift's id is the event id. */
export function openShift(state: ShiftState, ctx: ShiftEventContext, input: { startingCash: number }): Result<ShiftOpened> {
  if (state.open) return reject("SHIFT_ALREADY_OPEN", "A shift is already open on this register");
  if (!validCash(input.startingCash, true)) return reject("CASH_AMOUNT_INVALID", "Starting cash must be zero or more", "startingCash");
  return ok({
    ...envelope(ctx),
    type: "shift.opened",
    payload: { shiftId: ctx.eventId as string as ShiftId, startingCash: minor(input.startingCash), ...(ctx.cashier ? { openedBy: ctx.cashier } : {}) },
  });
}

/** Pay in / pay out with a comment (D21): a positive amount; the direction is the kind. */
export function moveCash(state: ShiftState, ctx: ShiftEventContext, input: { kind: "in" | "out"; amount: number; comment: string }): Result<ShiftCashMoved> {
  if (!state.open) return reject("NO_OPEN_SHIFT", "Open a shift first");
  if (!validCash(input.amount, false)) return reject("CASH_AMOUNT_INVALID", "The amount must be greater than zero", "amount");
  if (input.comment.length > MAX_CASH_COMMENT) return reject("COMMENT_TOO_LONG", `A comment has at most ${MAX_CASH_COMMENT} characters`, "comment");
  return ok({
    ...envelope(ctx),
    type: "shift.cash-moved",
    payload: { shiftId: state.open.shiftId, kind: input.kind, amount: minor(input.amount), comment: input.comment.trim() },
  });
}

/** Closes the open shift with the counted cash; records what was expected and the difference (D22). */
export function closeShift(state: ShiftState, ctx: ShiftEventContext, input: { countedCash: number; expectedCash: number }): Result<ShiftClosed> {
  if (!state.open) return reject("SHIFT_ALREADY_CLOSED", "There is no open shift to close");
  if (!validCash(input.countedCash, true)) return reject("CASH_AMOUNT_INVALID", "Counted cash must be zero or more", "countedCash");
  return ok({
    ...envelope(ctx),
    type: "shift.closed",
    payload: {
      shiftId: state.open.shiftId,
      countedCash: minor(input.countedCash),
      expectedCash: minor(input.expectedCash),
      difference: minor(input.countedCash - input.expectedCash),
      ...(ctx.cashier ? { closedBy: ctx.cashier } : {}),
    },
  });
}

/** The shift state after a list of events (any order: the last open without a close wins). */
export function shiftStateOf(events: readonly KasaEvent[]): ShiftState {
  const closed = new Set(events.filter((e): e is ShiftClosed => e.type === "shift.closed").map((e) => e.payload.shiftId));
  const opened = events
    .filter((e): e is ShiftOpened => e.type === "shift.opened" && !closed.has(e.payload.shiftId))
    .sort((a, b) => b.deviceTime - a.deviceTime)[0];
  return opened ? { open: { shiftId: opened.payload.shiftId, openedAt: opened.deviceTime, startingCash: opened.payload.startingCash } } : {};
}

export interface ShiftReport {
  readonly shiftId: ShiftId;
  readonly openedAt: number;
  readonly openedBy?: string;
  readonly closedAt?: number;
  readonly closedBy?: string;
  readonly startingCash: Minor;
  readonly grossSales: Minor;
  readonly refunds: Minor;
  readonly discounts: Minor;
  /** gross − discounts − refunds (D23). */
  readonly netSales: Minor;
  readonly taxes: Minor;
  readonly receipts: number;
  /** Net amount taken per payment type name ("Cash", "Card", custom names). */
  readonly payments: readonly { readonly type: PaymentType; readonly name: string; readonly amount: Minor }[];
  readonly cashPayments: Minor;
  readonly cashRefunds: Minor;
  readonly paidIn: Minor;
  readonly paidOut: Minor;
  readonly movements: readonly { readonly kind: "in" | "out"; readonly amount: Minor; readonly comment: string; readonly at: number }[];
  /** starting + cash payments − cash refunds + paid in − paid out (D22). */
  readonly expectedCash: Minor;
  readonly countedCash?: Minor;
  readonly difference?: Minor;
}

/** Builds a shift's report from its events: a pure reducer, independent of event order (D23). */
export function shiftReport(shiftId: ShiftId, events: readonly KasaEvent[]): ShiftReport | undefined {
  const mine = events.filter((e) => belongsTo(e, shiftId));
  const opened = mine.find((e): e is ShiftOpened => e.type === "shift.opened");
  if (!opened) return undefined;
  const closed = mine.find((e): e is ShiftClosed => e.type === "shift.closed");
  const sales = mine.filter((e): e is SaleCompleted => e.type === "sale.completed");
  const refundEvents = mine.filter((e): e is RefundCompleted => e.type === "refund.completed");
  const moves = mine.filter((e): e is ShiftCashMoved => e.type === "shift.cash-moved").sort((a, b) => a.deviceTime - b.deviceTime);

  const byPayment = new Map<string, { type: PaymentType; name: string; amount: number }>();
  let cashPayments = 0;
  for (const sale of sales) {
    for (const p of sale.payload.receipt.payments) {
      const name = p.name ?? (p.type === "cash" ? "Cash" : p.type === "card" ? "Card" : "Other");
      const row = byPayment.get(name) ?? { type: p.type, name, amount: 0 };
      row.amount += p.amount;
      byPayment.set(name, row);
      if (p.type === "cash") cashPayments += p.amount;
    }
  }
  const grossSales = sum(sales.map((s) => s.payload.receipt.subtotal));
  const discounts = minor(
    sum(sales.map((s) => s.payload.receipt.discountTotal ?? minor(0))) - sum(refundEvents.map((r) => r.payload.refund.discountTotal)),
  );
  // Refunds are valued like gross sales (before discounts); their discounts reduce the discount total (D23).
  const refunds = sum(refundEvents.map((r) => r.payload.refund.gross));
  const cashRefunds = sum(refundEvents.flatMap((r) => r.payload.refund.payments.filter((p) => p.type === "cash").map((p) => p.amount)));
  for (const r of refundEvents) {
    for (const p of r.payload.refund.payments) {
      const name = p.name ?? (p.type === "cash" ? "Cash" : p.type === "card" ? "Card" : "Other");
      const row = byPayment.get(name) ?? { type: p.type, name, amount: 0 };
      row.amount -= p.amount;
      byPayment.set(name, row);
    }
  }
  const paidIn = sum(moves.filter((m) => m.payload.kind === "in").map((m) => m.payload.amount));
  const paidOut = sum(moves.filter((m) => m.payload.kind === "out").map((m) => m.payload.amount));
  const startingCash = opened.payload.startingCash;
  const expectedCash = minor(startingCash + cashPayments - cashRefunds + paidIn - paidOut);
  return {
    shiftId,
    openedAt: opened.deviceTime,
    ...(opened.payload.openedBy ? { openedBy: opened.payload.openedBy } : {}),
    ...(closed ? { closedAt: closed.deviceTime, countedCash: closed.payload.countedCash, difference: minor(closed.payload.countedCash - expectedCash) } : {}),
    ...(closed?.payload.closedBy ? { closedBy: closed.payload.closedBy } : {}),
    startingCash,
    grossSales,
    refunds,
    discounts,
    netSales: minor(grossSales - discounts - refunds),
    taxes: minor(
      sum(sales.map((s) => minor(s.payload.receipt.taxAdded + s.payload.receipt.taxIncluded))) -
        sum(refundEvents.map((r) => minor(r.payload.refund.taxAdded + r.payload.refund.taxIncluded))),
    ),
    receipts: sales.length,
    // A fixed order (cash, card, custom; then by name) so the report doesn't depend on event order.
    payments: [...byPayment.values()]
      .sort((a, b) => PAYMENT_ORDER[a.type] - PAYMENT_ORDER[b.type] || a.name.localeCompare(b.name))
      .map((p) => ({ ...p, amount: minor(p.amount) })),
    cashPayments: minor(cashPayments),
    cashRefunds,
    paidIn,
    paidOut,
    movements: moves.map((m) => ({ kind: m.payload.kind, amount: m.payload.amount, comment: m.payload.comment, at: m.deviceTime })),
    expectedCash,
  };
}

const PAYMENT_ORDER: Record<PaymentType, number> = { cash: 0, card: 1, custom: 2 };

/** The shift an event belongs to, if any. */
export function shiftIdOf(e: KasaEvent): ShiftId | undefined {
  switch (e.type) {
    case "sale.completed":
      return e.payload.receipt.shiftId;
    case "refund.completed":
      return e.payload.refund.shiftId;
    case "shift.opened":
    case "shift.cash-moved":
    case "shift.closed":
      return e.payload.shiftId;
    case "receipt.email-requested":
      return undefined;
  }
}

function belongsTo(e: KasaEvent, shiftId: ShiftId): boolean {
  return shiftIdOf(e) === shiftId;
}
