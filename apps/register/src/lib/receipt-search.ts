import type { LocalReceipt, LocalRefund } from "@kasa/sync";

/**
 * Local, offline search over the register's receipts (beats Loyverse O13): by receipt number
 * ("1003" finds "1-1003") or by item name, case- and accent-insensitive.
 */
export function filterReceipts(receipts: readonly LocalReceipt[], query: string): readonly LocalReceipt[] {
  const q = fold(query.trim());
  if (q === "") return receipts;
  return receipts.filter((r) => {
    const receipt = r.event.payload.receipt;
    return fold(receipt.number).includes(q) || receipt.lines.some((l) => fold(l.name).includes(q));
  });
}

/** Refund receipts matching a query: their own number, the sale's number or an item name. */
export function filterRefunds(refunds: readonly LocalRefund[], query: string): readonly LocalRefund[] {
  const q = fold(query.trim());
  if (q === "") return refunds;
  return refunds.filter((r) => {
    const refund = r.event.payload.refund;
    return fold(refund.number).includes(q) || fold(refund.refundFor.number).includes(q) || refund.lines.some((l) => fold(l.name).includes(q));
  });
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}
