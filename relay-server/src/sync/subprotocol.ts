/**
 * Browsers can't set headers on a WebSocket, and tokens in URLs end up in access logs, so a device
 * token travels as a second subprotocol: `Sec-WebSocket-Protocol: kasa.v1, kasa.token.<token>`.
 * The server answers with `kasa.v1` only. (The register's client adapter uses the same names.)
 */
export const KASA_SUBPROTOCOL = "kasa.v1";
export const TOKEN_SUBPROTOCOL_PREFIX = "kasa.token.";

export function tokenFromSubprotocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const p = part.trim();
    if (p.startsWith(TOKEN_SUBPROTOCOL_PREFIX) && p.length > TOKEN_SUBPROTOCOL_PREFIX.length) return p.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return undefined;
}
