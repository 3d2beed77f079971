import type { Catalog, Minor, PaymentInput, PaymentTypeDef, PaymentTypeId } from "@kasa/domain";

/** A way to pay offered at the till: one of the store's payment types, or the built-in Cash / Card. */
export interface PaymentMethod {
  /** The store's payment type id, or "cash" / "card" for the built-ins of a store that defines none. */
  readonly key: string;
  readonly id?: PaymentTypeId;
  /** The store's name for it; absent for the built-ins, which the screens name in their language. */
  readonly name?: string;
  readonly kind: PaymentTypeDef["kind"];
  /** Card through an integrated terminal: online only (DESIGN O10). */
  readonly integrated: boolean;
}

const ORDER: Record<PaymentTypeDef["kind"], number> = { cash: 0, card: 1, custom: 2 };

/**
 * The payment methods of a store, cash first, then cards (plain before integrated), then custom
 * types by name. Cash is always there (Loyverse: cash can't be removed), and a store that defines
 * no payment types gets Cash and Card.
 */
export function paymentMethods(catalog: Catalog): PaymentMethod[] {
  const defined = Object.values(catalog.paymentTypes ?? {});
  const methods: PaymentMethod[] = defined
    .map((d) => ({ key: d.id as string, id: d.id, name: d.name, kind: d.kind, integrated: d.kind === "card" && d.integrated === true }))
    .sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || Number(a.integrated) - Number(b.integrated) || a.name.localeCompare(b.name));
  if (!methods.some((m) => m.kind === "cash")) methods.unshift({ key: "cash", kind: "cash", integrated: false });
  if (defined.length === 0) methods.push({ key: "card", kind: "card", integrated: false });
  return methods;
}

/**
 * The payment as the sale command takes it. `received` is what the customer handed over for cash
 * (≥ amount on the last payment only; the domain enforces that, D8); `reference` is a terminal's
 * authorization.
 */
export function paymentInput(method: PaymentMethod, amount: Minor, o: { received?: Minor; reference?: string } = {}): PaymentInput {
  const typeId = method.id ? { paymentTypeId: method.id } : {};
  switch (method.kind) {
    case "cash":
      return { type: "cash", received: o.received ?? amount, ...typeId };
    case "card":
      return { type: "card", amount, ...typeId, ...(o.reference ? { reference: o.reference } : {}) };
    case "custom":
      // A custom payment always names its type (the domain requires it).
      return { type: "custom", amount, paymentTypeId: method.id ?? (method.key as PaymentTypeId) };
  }
}

/** The part of the total a payment settles (cash: what was received, before change). */
export function paymentAmount(p: PaymentInput): number {
  return p.type === "cash" ? p.received : p.amount;
}
