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
