/**
 * Coded errors of the relay. HTTP answers carry `{ error: { code, message } }`; WebSocket closes
 * carry the close code and the code name as the reason, so an operator can grep logs for either.
 */
export const HTTP_ERRORS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAIRING_CODE_INVALID: 400,
  PAIRING_CODE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
} as const;
export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return HTTP_ERRORS[this.code];
  }
}

/** WebSocket close codes in the private range 4000–4999; the reason string is the key. */
export const CLOSE_CODES = {
  MALFORMED_FRAME: 4400,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  PEER_ID_MISMATCH: 4409,
  FRAME_TOO_LARGE: 4413,
  SHUTTING_DOWN: 4503,
} as const;
export type CloseCode = keyof typeof CLOSE_CODES;
