import { msg } from "@lit/localize";

/** Anything coded the register shows: domain rejections, session and pairing failures, terminal outcomes. */
export interface Coded {
  readonly code: string;
  readonly message: string;
}

/**
 * The cashier-facing sentence for a coded error, in the screens' language. Keyed by code, not by
 * the English message, so a reworded domain message never loses its translation; an unknown code
 * falls back to the message it came with.
 */
export function errorText(e: Coded): string {
  return knownText(e.code) ?? e.message;
}

/** Codes the register knows how to say (the domain's REJECTION_CODES and the app's own). */
export function knownText(code: string): string | undefined {
  switch (code) {
    // Domain (packages/domain/src/result.ts)
    case "EMPTY_SALE":
      return msg("The ticket has no items", { id: "error.EMPTY_SALE" });
    case "LINE_QUANTITY_NOT_POSITIVE":
      return msg("The quantity must be more than zero", { id: "error.LINE_QUANTITY_NOT_POSITIVE" });
    case "LINE_QUANTITY_NOT_WHOLE":
      return msg("This item is sold by the piece: use whole numbers", { id: "error.LINE_QUANTITY_NOT_WHOLE" });
    case "UNKNOWN_ITEM":
      return msg("An item on the ticket is no longer in the catalog", { id: "error.UNKNOWN_ITEM" });
    case "NO_PAYMENT":
      return msg("Choose a payment type", { id: "error.NO_PAYMENT" });
    case "PAYMENT_AMOUNT_INVALID":
      return msg("A payment must be more than zero", { id: "error.PAYMENT_AMOUNT_INVALID" });
    case "PAYMENT_SHORT":
      return msg("The payments don't cover the total", { id: "error.PAYMENT_SHORT" });
    case "PAYMENT_OVER":
      return msg("Only cash in the last payment can be more than what is due", { id: "error.PAYMENT_OVER" });
    case "INVALID_EVENT":
      return msg("The sale could not be read back correctly", { id: "error.INVALID_EVENT" });
    case "AMOUNT_NOT_INTEGER":
      return msg("An amount is not a whole number of minor units", { id: "error.AMOUNT_NOT_INTEGER" });
    case "COMMENT_TOO_LONG":
      return msg("The comment is too long", { id: "error.COMMENT_TOO_LONG" });
    case "VARIANT_REQUIRED":
      return msg("Choose a variant of this item", { id: "error.VARIANT_REQUIRED" });
    case "UNKNOWN_VARIANT":
      return msg("This variant is no longer available", { id: "error.UNKNOWN_VARIANT" });
    case "UNKNOWN_MODIFIER":
      return msg("This modifier is no longer available", { id: "error.UNKNOWN_MODIFIER" });
    case "UNKNOWN_DISCOUNT":
      return msg("This discount is no longer available", { id: "error.UNKNOWN_DISCOUNT" });
    case "DISCOUNT_NOT_FOR_ITEMS":
      return msg("This discount applies to the whole ticket only", { id: "error.DISCOUNT_NOT_FOR_ITEMS" });
    case "DISCOUNT_OUT_OF_RANGE":
      return msg("A percentage is between 0.01% and 100%, an amount more than zero", { id: "error.DISCOUNT_OUT_OF_RANGE" });
    case "DISCOUNT_VALUE_REQUIRED":
      return msg("Enter the value of the discount", { id: "error.DISCOUNT_VALUE_REQUIRED" });
    case "DISCOUNT_OVER_TOTAL":
      return msg("The discount is larger than the ticket", { id: "error.DISCOUNT_OVER_TOTAL" });
    case "TAX_TOGGLE_NOT_ALLOWED":
      return msg("This store does not allow changing taxes on a ticket", { id: "error.TAX_TOGGLE_NOT_ALLOWED" });
    case "UNKNOWN_TAX":
      return msg("This tax is no longer in the catalog", { id: "error.UNKNOWN_TAX" });
    case "UNKNOWN_PAYMENT_TYPE":
      return msg("This payment type is no longer available", { id: "error.UNKNOWN_PAYMENT_TYPE" });
    case "NO_OPEN_SHIFT":
      return msg("Open a shift first", { id: "error.NO_OPEN_SHIFT" });
    case "SHIFT_ALREADY_OPEN":
      return msg("A shift is already open on this register", { id: "error.SHIFT_ALREADY_OPEN" });
    case "SHIFT_ALREADY_CLOSED":
      return msg("There is no open shift to close", { id: "error.SHIFT_ALREADY_CLOSED" });
    case "CASH_AMOUNT_INVALID":
      return msg("Enter an amount of zero or more (pay in and pay out: more than zero)", { id: "error.CASH_AMOUNT_INVALID" });
    case "INVALID_REQUEST":
      return msg("The request was not valid", { id: "error.INVALID_REQUEST" });
    case "EMPTY_REFUND":
      return msg("Choose something to refund", { id: "error.EMPTY_REFUND" });
    case "UNKNOWN_LINE":
      return msg("That line is not on the receipt", { id: "error.UNKNOWN_LINE" });
    case "REFUND_OVER_SOLD":
      return msg("That is more than was sold", { id: "error.REFUND_OVER_SOLD" });
    case "REFUND_WEIGHT_PARTIAL":
      return msg("Weighed items are refunded whole", { id: "error.REFUND_WEIGHT_PARTIAL" });
    case "EMAIL_INVALID":
      return msg("Enter a valid e-mail address", { id: "error.EMAIL_INVALID" });
    case "UNKNOWN_CUSTOMER":
      return msg("This customer is not on this register", { id: "error.UNKNOWN_CUSTOMER" });
    case "POINTS_INVALID":
      return msg("The loyalty points can't be redeemed like this", { id: "error.POINTS_INVALID" });
    // Session and storage (packages/sync)
    case "SAVE_FAILED":
      return msg("The sale could not be saved on this device", { id: "error.SAVE_FAILED" });
    case "REGISTER_CLOSED":
      return msg("The register is closed", { id: "error.REGISTER_CLOSED" });
    case "SHIFT_NOT_FOUND":
      return msg("The shift was not found on this device", { id: "error.SHIFT_NOT_FOUND" });
    // Receipts, tickets, customers, sign-out (DESIGN O3, O6–O9)
    case "INSUFFICIENT_POINTS":
      return msg("The customer does not have that many points", { id: "error.INSUFFICIENT_POINTS" });
    case "ITEM_NAME_EMPTY":
      return msg("Enter the item's name", { id: "error.ITEM_NAME_EMPTY" });
    case "ITEM_NAME_TOO_LONG":
      return msg("The name is too long", { id: "error.ITEM_NAME_TOO_LONG" });
    case "UNKNOWN_CATEGORY":
      return msg("That category is no longer in the store", { id: "error.UNKNOWN_CATEGORY" });
    case "REFUND_APPROVAL_EXPIRED":
      return msg("The refund approval expired: start the refund again", { id: "error.REFUND_APPROVAL_EXPIRED" });
    case "CUSTOMER_EMAIL_TAKEN":
      return msg("Another customer already has this e-mail", { id: "error.CUSTOMER_EMAIL_TAKEN" });
    case "UNKNOWN_RECEIPT":
      return msg("No such receipt", { id: "error.UNKNOWN_RECEIPT" });
    case "TICKET_NAME_INVALID":
      return msg("A ticket needs a name of at most 60 characters", { id: "error.TICKET_NAME_INVALID" });
    case "TICKET_NOT_FOUND":
      return msg("This ticket is no longer open", { id: "error.TICKET_NOT_FOUND" });
    case "TICKETS_UNAVAILABLE":
      return msg("Open tickets are not available on this register yet", { id: "error.TICKETS_UNAVAILABLE" });
    case "UNSYNCED_DATA":
      return msg("Some sales are not on the relay yet: connect and sync first", { id: "error.UNSYNCED_DATA" });
    case "UNAUTHENTICATED":
      return msg("The relay no longer accepts this register", { id: "error.UNAUTHENTICATED" });
    case "REGISTER_CLOSED":
      return msg("The register is closed", { id: "error.REGISTER_CLOSED" });
    // Pairing and start-up
    case "PAIRING_CODE_INVALID":
      return msg("Unknown or already used pairing code", { id: "error.PAIRING_CODE_INVALID" });
    case "PAIRING_CODE_EXPIRED":
      return msg("This pairing code has expired: create a new one in the back office", { id: "error.PAIRING_CODE_EXPIRED" });
    case "PAIRING_CODE_SHORT":
      return msg("Enter the 8-character pairing code", { id: "error.PAIRING_CODE_SHORT" });
    case "NO_CONNECTION":
      return msg("No internet connection", { id: "error.NO_CONNECTION" });
    case "BAD_RESPONSE":
      return msg("The relay sent an unexpected answer", { id: "error.BAD_RESPONSE" });
    case "STORE_NOT_AVAILABLE":
      return msg(
        "The store's catalog is not on this device yet. Connect to the internet once so the register can download it; it opens by itself as soon as the relay is reachable.",
        { id: "error.STORE_NOT_AVAILABLE" },
      );
    // Card terminal (src/payments)
    case "TERMINAL_DECLINED":
      return msg("The card was declined", { id: "error.TERMINAL_DECLINED" });
    case "TERMINAL_TIMEOUT":
      return msg("The terminal did not answer in time. Nothing was charged; try again.", { id: "error.TERMINAL_TIMEOUT" });
    case "TERMINAL_OFFLINE":
      return msg("The card terminal needs a connection", { id: "error.TERMINAL_OFFLINE" });
    case "TERMINAL_FAILED":
      return msg("The card terminal reported an error", { id: "error.TERMINAL_FAILED" });
    // Split payment (src/state/split-plan.ts)
    case "SPLIT_AMOUNT_OVER":
      return msg("That is more than what is left to pay", { id: "error.SPLIT_AMOUNT_OVER" });
    case "SPLIT_NOT_BALANCED":
      return msg("The payments must add up to the total", { id: "error.SPLIT_NOT_BALANCED" });
    case "SPLIT_ALREADY_PAID":
      return msg("This payment is already paid", { id: "error.SPLIT_ALREADY_PAID" });
    case "SPLIT_OUT_OF_ORDER":
      return msg("Charge the payments in order", { id: "error.SPLIT_OUT_OF_ORDER" });
    case "CHANGE_NOT_LAST":
      return msg("Only the last payment can give change", { id: "error.CHANGE_NOT_LAST" });
    // Amount fields
    case "AMOUNT_EMPTY":
      return msg("Enter an amount", { id: "error.AMOUNT_EMPTY" });
    case "AMOUNT_FORMAT":
      return msg("Enter an amount like 50 or 23.50", { id: "error.AMOUNT_FORMAT" });
    case "AMOUNT_DECIMALS":
      return msg("Too many decimals for this currency", { id: "error.AMOUNT_DECIMALS" });
    case "AMOUNT_TOO_LARGE":
      return msg("That amount is too large", { id: "error.AMOUNT_TOO_LARGE" });
    case "PERCENT_FORMAT":
      return msg("Enter a percentage like 10 or 12.5", { id: "error.PERCENT_FORMAT" });
    case "WEIGHT_EMPTY":
      return msg("Enter the weight in kg", { id: "error.WEIGHT_EMPTY" });
    case "WEIGHT_FORMAT":
      return msg("Enter a weight like 0.250", { id: "error.WEIGHT_FORMAT" });
    case "WEIGHT_DECIMALS":
      return msg("Use at most 3 decimals (grams)", { id: "error.WEIGHT_DECIMALS" });
    case "WEIGHT_NOT_POSITIVE":
      return msg("The weight must be more than 0 kg", { id: "error.WEIGHT_NOT_POSITIVE" });
    case "WEIGHT_TOO_LARGE":
      return msg("The weight must be at most 1000 kg", { id: "error.WEIGHT_TOO_LARGE" });
    case "QUANTITY_FORMAT":
      return msg("Enter a whole number of pieces", { id: "error.QUANTITY_FORMAT" });
    case "COMMENT_REQUIRED":
      return msg("Add a comment saying why", { id: "error.COMMENT_REQUIRED" });
    case "CODE_NOT_FOUND":
      return msg("No item has this barcode or SKU", { id: "error.CODE_NOT_FOUND" });
    default:
      return undefined;
  }
}
