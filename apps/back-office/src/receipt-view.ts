import type { Receipt } from "@kasa/domain";
import { paymentLabel } from "./store-format.js";
import { t } from "./strings.js";

/** A receipt arranged for reading: what the detail panel shows, computed outside render(). */
export interface ReceiptView {
  readonly lines: readonly {
    readonly name: string;
    /** Variant values, modifiers and comment, one short phrase each. */
    readonly notes: readonly string[];
    readonly quantityMilli: number;
    readonly unitPrice: number;
    readonly gross: number;
    /** Discounts given on this line itself (not its share of a ticket discount). */
    readonly discounts: readonly Amount[];
  }[];
  readonly subtotal: number;
  /** Every discount once: line discounts summed by discount, then ticket discounts. */
  readonly discounts: readonly Amount[];
  readonly taxes: readonly (Amount & { readonly included: boolean })[];
  readonly total: number;
  readonly payments: readonly {
    readonly type: string;
    readonly label: string;
    readonly amount: number;
    readonly received: number | undefined;
    readonly change: number | undefined;
  }[];
  /** "cash", "card and cash" */
  readonly paidBy: string;
}

export interface Amount {
  readonly name: string;
  readonly amount: number;
}

export function receiptView(r: Receipt): ReceiptView {
  const ticketDiscountIds = new Set((r.discounts ?? []).map((d) => d.discountId));
  const lineDiscounts = new Map<string, { name: string; amount: number }>();
  const lines = r.lines.map((l) => {
    const own = (l.discounts ?? []).filter((d) => !ticketDiscountIds.has(d.discountId));
    for (const d of own) {
      const sum = lineDiscounts.get(d.discountId);
      lineDiscounts.set(d.discountId, { name: d.name, amount: (sum?.amount ?? 0) + d.amount });
    }
    const notes = [
      ...(l.variantName ? [l.variantName] : []),
      ...(l.modifiers ?? []).map((m) => m.name),
      ...(l.comment ? [`“${l.comment}”`] : []),
    ];
    return {
      name: l.name,
      notes,
      quantityMilli: l.quantityMilli,
      unitPrice: l.unitPrice,
      gross: l.gross,
      discounts: own.map((d) => ({ name: d.name, amount: d.amount })),
    };
  });
  const payments = r.payments.map((p) => ({
    type: p.type,
    label: p.name ?? paymentLabel(p.type),
    amount: p.amount,
    received: p.received,
    change: p.change,
  }));
  return {
    lines,
    subtotal: r.subtotal,
    discounts: [...lineDiscounts.values(), ...(r.discounts ?? []).map((d) => ({ name: d.name, amount: d.amount }))],
    taxes: r.taxes.map((t) => ({ name: t.name, amount: t.amount, included: t.mode === "included" })),
    total: r.total,
    payments,
    paidBy: [...new Set(payments.map((p) => p.label.toLowerCase()))].join(` ${t.live.and} `),
  };
}
