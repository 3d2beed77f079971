/**
 * Names both ends of the sync connection must agree on. Browsers can't set headers on a WebSocket
 * and tokens in URLs end up in access logs, so a device token travels as a second subprotocol:
 * `Sec-WebSocket-Protocol: kasa.v1, kasa.token.<token>`; the relay answers `kasa.v1`.
 */
export const KASA_SUBPROTOCOL = "kasa.v1";
export const TOKEN_SUBPROTOCOL_PREFIX = "kasa.token.";

/** Reads the device token out of a `Sec-WebSocket-Protocol` header (`ws` joins values with "," and no space). */
export function tokenFromSubprotocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const p = part.trim();
    if (p.startsWith(TOKEN_SUBPROTOCOL_PREFIX) && p.length > TOKEN_SUBPROTOCOL_PREFIX.length) return p.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** The ephemeral message a relay broadcasts once a document's heads are on its disk. */
export const DURABLE_ACK_TYPE = "kasa/durable";
export interface DurableAck {
  readonly type: typeof DURABLE_ACK_TYPE;
  /** Automerge (hex) heads that are stored durably. */
  readonly heads: string[];
}
