import { evenSplit, minor, type Minor, type PaymentInput } from "@kasa/domain";

/**
 * Split payment (Loyverse: Charge → Split): the total divided into several payments, each with
 * its own payment type and amount, charged one after the other and marked Paid. Nothing is
 * recorded until all are paid: then the sale is one `sell` with every payment (D24).
 *
 * Plans are immutable values; every change returns a new plan or a coded refusal.
 */
export interface SplitPart {
  /** PaymentMethod.key */
  readonly methodKey: string;
  /** This payment's share of the total. */
  readonly amount: Minor;
  /** Set once charged: the payment exactly as the sale will carry it. */
  readonly paid?: PaymentInput;
}

export interface SplitPlan {
  readonly total: Minor;
  readonly parts: readonly SplitPart[];
}

export type PlanResult = { readonly ok: true; readonly plan: SplitPlan } | { readonly ok: false; readonly code: string; readonly message: string };

/** Loyverse's split starts at 2 payments; 10 is more than any table splits a bill into. */
export const MIN_SPLIT = 2;
export const MAX_SPLIT = 10;

const refuse = (code: string, message: string): PlanResult => ({ ok: false, code, message });

export function createSplit(total: Minor, count: number, methodKey: string): SplitPlan {
  const n = clampCount(count, total);
  return { total, parts: evenSplit(total, n).map((amount) => ({ methodKey, amount: minor(amount) })) };
}

/** Paid so far. */
export function paidTotal(plan: SplitPlan): Minor {
  return minor(plan.parts.reduce((s, p) => s + (p.paid ? p.amount : 0), 0));
}

/** Still to pay: the total less what is paid. */
export function remaining(plan: SplitPlan): Minor {
  return minor(plan.total - paidTotal(plan));
}

/** Σ part amounts − total: 0 when the amounts add up. */
export function imbalance(plan: SplitPlan): number {
  return plan.parts.reduce((s, p) => s + p.amount, 0) - plan.total;
}

/** The part to charge next (they are charged in order, so only the last can give change), or -1 when all are paid. */
export function nextPart(plan: SplitPlan): number {
  return plan.parts.findIndex((p) => !p.paid);
}

export function allPaid(plan: SplitPlan): boolean {
  return plan.parts.every((p) => p.paid);
}

/**
 * More or fewer payments (±). Paid payments stay as they are; what is left to pay is divided
 * evenly over the unpaid ones again, which keep their payment types.
 */
export function setCount(plan: SplitPlan, count: number, defaultMethod: string): SplitPlan {
  const paid = plan.parts.filter((p) => p.paid);
  const unpaidBefore = plan.parts.filter((p) => !p.paid);
  const left = remaining(plan);
  // Each unpaid payment needs at least one minor unit; while anything is left, at least one stays.
  const wanted = Math.min(clampCount(count, plan.total) - paid.length, left);
  const unpaidCount = left > 0 ? Math.max(1, wanted) : 0;
  if (unpaidCount <= 0) return { total: plan.total, parts: paid };
  const amounts = evenSplit(left, unpaidCount);
  const unpaid = amounts.map((amount, i) => ({ methodKey: unpaidBefore[i]?.methodKey ?? defaultMethod, amount: minor(amount) }));
  return { total: plan.total, parts: [...paid, ...unpaid] };
}

export function setMethod(plan: SplitPlan, index: number, methodKey: string): PlanResult {
  const part = plan.parts[index];
  if (!part) return refuse("SPLIT_OUT_OF_ORDER", "No such payment");
  if (part.paid) return refuse("SPLIT_ALREADY_PAID", "This payment is already paid");
  return { ok: true, plan: replace(plan, index, { ...part, methodKey }) };
}

/**
 * Edits one payment's amount. The unpaid payments after it share what is left evenly; when it is
 * the last unpaid one nothing else moves (the difference shows until the amounts add up).
 */
export function setAmount(plan: SplitPlan, index: number, amount: Minor): PlanResult {
  const part = plan.parts[index];
  if (!part) return refuse("SPLIT_OUT_OF_ORDER", "No such payment");
  if (part.paid) return refuse("SPLIT_ALREADY_PAID", "This payment is already paid");
  if (!Number.isSafeInteger(amount) || amount <= 0) return refuse("PAYMENT_AMOUNT_INVALID", "A payment must be more than zero");
  const before = plan.parts.slice(0, index).reduce((s, p) => s + p.amount, 0);
  const after = plan.parts.map((p, i) => ({ p, i })).filter(({ p, i }) => i > index && !p.paid);
  const paidAfter = plan.parts.slice(index + 1).reduce((s, p) => s + (p.paid ? p.amount : 0), 0);
  const left = plan.total - before - paidAfter - amount;
  // Each later unpaid payment needs at least one minor unit; with none after, only the total caps it.
  if (left < after.length || (after.length === 0 && left < 0)) return refuse("SPLIT_AMOUNT_OVER", "That is more than what is left to pay");
  const shares = after.length > 0 ? evenSplit(left, after.length) : [];
  const parts = plan.parts.map((p, i) => {
    if (i === index) return { ...p, amount };
    const k = after.findIndex((a) => a.i === i);
    return k >= 0 ? { ...p, amount: minor(shares[k]!) } : p;
  });
  return { ok: true, plan: { total: plan.total, parts } };
}

/**
 * Records a payment as charged. Charged in order; the amounts must add up before the last one;
 * only the last may be cash received above its amount (the excess is change, D8).
 */
export function markPaid(plan: SplitPlan, index: number, payment: PaymentInput): PlanResult {
  const part = plan.parts[index];
  if (!part) return refuse("SPLIT_OUT_OF_ORDER", "No such payment");
  if (part.paid) return refuse("SPLIT_ALREADY_PAID", "This payment is already paid");
  if (index !== nextPart(plan)) return refuse("SPLIT_OUT_OF_ORDER", "Charge the payments in order");
  const isLast = index === plan.parts.length - 1;
  if (isLast && imbalance(plan) !== 0) return refuse("SPLIT_NOT_BALANCED", "The payments must add up to the total");
  const given = payment.type === "cash" ? payment.received : payment.amount;
  if (payment.type === "cash" ? given < part.amount : given !== part.amount) return refuse("PAYMENT_SHORT", "The payment does not cover its amount");
  if (given > part.amount && !isLast) return refuse("CHANGE_NOT_LAST", "Only the last payment can give change");
  return { ok: true, plan: replace(plan, index, { ...part, paid: payment }) };
}

/** Takes back a payment that was marked paid by mistake (cash handed back); the later ones must be unpaid. */
export function unmarkPaid(plan: SplitPlan, index: number): PlanResult {
  const part = plan.parts[index];
  if (!part?.paid) return refuse("SPLIT_OUT_OF_ORDER", "This payment is not paid");
  if (plan.parts.slice(index + 1).some((p) => p.paid)) return refuse("SPLIT_OUT_OF_ORDER", "Take back the later payments first");
  const { paid: _paid, ...rest } = part;
  return { ok: true, plan: replace(plan, index, rest) };
}

/** The payments for the sale, in the order they were charged. */
export function salePayments(plan: SplitPlan): PaymentInput[] {
  return plan.parts.flatMap((p) => (p.paid ? [p.paid] : []));
}

function replace(plan: SplitPlan, index: number, part: SplitPart): SplitPlan {
  return { total: plan.total, parts: plan.parts.map((p, i) => (i === index ? part : p)) };
}

/** Never more payments than minor units to share (each needs at least one). */
function clampCount(count: number, total: number): number {
  return Math.max(1, Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, Math.floor(count)), total));
}
