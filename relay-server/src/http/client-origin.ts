import type { IncomingMessage } from "node:http";

/**
 * The client's IP for per-IP limits. Behind a proxy every connection comes from the proxy, so with
 * `trustProxy` the last X-Forwarded-For hop is used: the one the proxy itself appended (nginx's
 * `$proxy_add_x_forwarded_for`). Earlier hops are whatever the client claimed and are ignored.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers["x-forwarded-for"];
    const last = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * Cross-site WebSocket hijacking defence: browsers always send Origin, and CORS does not cover
 * WebSockets. The relay's own pages (same host) and the configured origins may connect; a request
 * without Origin is not a browser (a Node register, a test) and is judged by its token alone.
 * Same-origin compares host[:port] only, because behind a TLS proxy the relay sees http while the page is https.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (host !== "" && host === req.headers.host) return true;
  return allowedOrigins.some((allowed) => allowed === "*" || normalise(allowed) === normalise(origin));
}

function normalise(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
