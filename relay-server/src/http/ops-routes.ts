import { Hono } from "hono";
import type { RelayMetrics } from "../ops/metrics.js";

export interface OpsDeps {
  readonly metrics: RelayMetrics;
  /** Throws if a storage file cannot take a committed write. */
  readonly probeStorage: () => void;
  readonly isClosing: () => boolean;
  readonly connections: () => number;
}

/**
 * What a supervisor and a monitoring system read. `/healthz`: the process answers (restart it if not).
 * `/readyz`: it can take traffic — storage open and writable, not shutting down (route traffic away
 * if not). `/metrics`: Prometheus text. Keep all three off the public internet (see README, nginx).
 */
export function createOpsRoutes(deps: OpsDeps): Hono {
  const ops = new Hono();
  ops.get("/healthz", (c) => c.json({ ok: true }));
  ops.get("/readyz", (c) => {
    if (deps.isClosing()) return c.json({ ready: false, error: { code: "SHUTTING_DOWN", message: "relay is shutting down" } }, 503);
    try {
      deps.probeStorage();
    } catch (error) {
      return c.json({ ready: false, error: { code: "STORAGE_UNAVAILABLE", message: (error as Error).message } }, 503);
    }
    return c.json({ ready: true, connections: deps.connections() });
  });
  ops.get("/metrics", async (c) => {
    const { contentType, body } = await deps.metrics.render();
    return c.body(body, 200, { "content-type": contentType });
  });
  return ops;
}
