import type { CurrencyCode, Minor } from "@kasa/domain";

/** What the register asks an integrated card terminal to charge. */
export interface TerminalChargeRequest {
  readonly amount: Minor;
  readonly currency: CurrencyCode;
  /** The register's reference for this attempt, echoed on the terminal's own records. */
  readonly reference: string;
}

/**
 * How a charge ended. Only "approved" took money. A decline and a timeout both leave the sale open
 * and unpaid: the cashier may retry or choose another payment type.
 */
export type TerminalOutcome =
  | { readonly outcome: "approved"; readonly authorization: string }
  | { readonly outcome: "declined"; readonly reason: string }
  | { readonly outcome: "timeout" };

/**
 * An integrated card terminal (DESIGN O10: online only). A real one drives a payment SDK; the
 * register only needs to ask for an amount and to be able to give up waiting.
 */
export interface PaymentTerminal {
  charge(request: TerminalChargeRequest): Promise<TerminalOutcome>;
  /** Abandons the charge in progress: it resolves as declined ("cancelled"), nothing is taken. */
  cancel(): void;
}
