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

/**
 * WebSocket close codes. The numbers mirror HTTP statuses in the private range 4000–4999 so a
 * browser, which never sees an HTTP status on a failed upgrade, still learns why; the reason
 * string is the key. Codes the register must not retry quickly are 4401 and 4403 (packages/sync RC4).
 */
export const CLOSE_CODES = {
  MALFORMED_FRAME: 4400,
  /** The token is not one the relay issued (or was never sent in full). */
  UNAUTHENTICATED: 4401,
  /** A write to a document the device may only read, or may not open at all. */
  FORBIDDEN: 4403,
  DEVICE_REVOKED: 4403,
  ORIGIN_NOT_ALLOWED: 4403,
  PEER_ID_MISMATCH: 4409,
  /**
   * RFC 6455 "message too big". `ws` sends it itself as soon as a frame header announces more than
   * `maxFrameBytes`, before buffering the payload; a private code would mean reading the frame first.
   */
  FRAME_TOO_LARGE: 1009,
  TOO_MANY_CONNECTIONS: 4429,
  RATE_LIMITED: 4429,
  /** The store already holds `maxDocumentsPerStore` documents (HTTP 507 "insufficient storage"). */
  DOCUMENT_LIMIT: 4507,
  SHUTTING_DOWN: 4503,
} as const;
export type CloseCode = keyof typeof CLOSE_CODES;
