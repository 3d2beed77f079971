import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";

/**
 * Serves a built web app under a path prefix, falling back to its index.html for client-side
 * routes. The service worker and index are never cached by the browser's HTTP cache, so a new
 * deployment reaches registers on their next online start; hashed assets are cached for a year.
 */
export function mountApp(app: Hono, prefix: string, dir: string | undefined): void {
  if (!dir || !existsSync(join(dir, "index.html"))) {
    app.get(`${prefix}/*`, (c) => c.text(`${prefix} is not built: run "pnpm build"`, 503));
    return;
  }
  app.get(prefix, (c) => c.redirect(`${prefix}/`, 301));
  app.use(`${prefix}/*`, async (c, next) => {
    await next();
    const path = c.req.path;
    if (path.includes("/assets/")) c.header("Cache-Control", "public, max-age=31536000, immutable");
    else c.header("Cache-Control", "no-cache");
  });
  app.use(`${prefix}/*`, serveStatic({ root: dir, rewriteRequestPath: (p) => p.slice(prefix.length) || "/" }));
  // `path` is joined to `root` by serveStatic: give it relative.
  app.get(`${prefix}/*`, serveStatic({ root: dir, path: "index.html" }));
}
