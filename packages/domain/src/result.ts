/** Business rejections are values, not throws: the UI renders them and tests compare them. */
export type Result<T, E = Rejection> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  /** Which input was wrong, e.g. "lines[2].quantityMilli"; absent when the input as a whole is wrong. */
  readonly path?: string;
}

export const REJECTION_CODES = {
  EMPTY_SALE: "EMPTY_SALE",
  LINE_QUANTITY_NOT_POSITIVE: "LINE_QUANTITY_NOT_POSITIVE",
  LINE_QUANTITY_NOT_WHOLE: "LINE_QUANTITY_NOT_WHOLE",
  UNKNOWN_ITEM: "UNKNOWN_ITEM",
  NO_PAYMENT: "NO_PAYMENT",
  PAYMENT_AMOUNT_INVALID: "PAYMENT_AMOUNT_INVALID",
  PAYMENT_SHORT: "PAYMENT_SHORT",
  PAYMENT_OVER: "PAYMENT_OVER",
  INVALID_EVENT: "INVALID_EVENT",
  AMOUNT_NOT_INTEGER: "AMOUNT_NOT_INTEGER",
  COMMENT_TOO_LONG: "COMMENT_TOO_LONG",
  VARIANT_REQUIRED: "VARIANT_REQUIRED",
  UNKNOWN_VARIANT: "UNKNOWN_VARIANT",
  UNKNOWN_MODIFIER: "UNKNOWN_MODIFIER",
  UNKNOWN_DISCOUNT: "UNKNOWN_DISCOUNT",
  DISCOUNT_NOT_FOR_ITEMS: "DISCOUNT_NOT_FOR_ITEMS",
  DISCOUNT_OUT_OF_RANGE: "DISCOUNT_OUT_OF_RANGE",
  DISCOUNT_VALUE_REQUIRED: "DISCOUNT_VALUE_REQUIRED",
  DISCOUNT_OVER_TOTAL: "DISCOUNT_OVER_TOTAL",
  TAX_TOGGLE_NOT_ALLOWED: "TAX_TOGGLE_NOT_ALLOWED",
  UNKNOWN_TAX: "UNKNOWN_TAX",
  UNKNOWN_PAYMENT_TYPE: "UNKNOWN_PAYMENT_TYPE",
  NO_OPEN_SHIFT: "NO_OPEN_SHIFT",
  SHIFT_ALREADY_OPEN: "SHIFT_ALREADY_OPEN",
  SHIFT_ALREADY_CLOSED: "SHIFT_ALREADY_CLOSED",
  CASH_AMOUNT_INVALID: "CASH_AMOUNT_INVALID",
  INVALID_REQUEST: "INVALID_REQUEST",
  EMAIL_INVALID: "EMAIL_INVALID",
  EMPTY_REFUND: "EMPTY_REFUND",
  UNKNOWN_LINE: "UNKNOWN_LINE",
  REFUND_OVER_SOLD: "REFUND_OVER_SOLD",
  REFUND_WEIGHT_PARTIAL: "REFUND_WEIGHT_PARTIAL",
  UNKNOWN_CUSTOMER: "UNKNOWN_CUSTOMER",
  POINTS_INVALID: "POINTS_INVALID",
} as const;
export type RejectionCode = (typeof REJECTION_CODES)[keyof typeof REJECTION_CODES];

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const reject = (code: RejectionCode, message: string, path?: string): Result<never> => ({
  ok: false,
  error: path === undefined ? { code, message } : { code, message, path },
});

/** Exhaustiveness check for switch statements over unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
