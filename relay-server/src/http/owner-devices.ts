import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import { toStored } from "@kasa/documents";
import { HttpError } from "../errors.js";
import type { Directory } from "../db/directory.js";
import type { LiveFeed } from "./live-feed.js";

type Env = { Variables: { ownerId: string } };

const renameBody = z.object({ name: z.string().trim().min(1).max(60) }).strict();

/**
 * POS device management beyond pairing and revoking (api.ts): renaming a register (SPEC RL40). The
 * name lives in relay.sqlite (pairing answers, the devices page) and in the store document's register
 * entry, so registers that are already paired see the new name at their next sync.
 */
export function createOwnerDeviceRoutes(deps: { directory: Directory; repo: Repo | undefined; live: LiveFeed }): Hono<Env> {
  const r = new Hono<Env>();

  r.patch("/stores/:storeId/registers/:registerId", async (c: Context<Env>) => {
    const storeId = c.req.param("storeId")!;
    const registerId = c.req.param("registerId")!;
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw new HttpError("BAD_REQUEST", "body must be JSON");
    }
    const parsed = renameBody.safeParse(json);
    if (!parsed.success) throw new HttpError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    const reg = deps.directory.register(registerId);
    // Another store's register answers like an unknown one.
    if (!reg || reg.storeId !== storeId) throw new HttpError("NOT_FOUND", "no such register");
    const store = deps.directory.store(storeId);
    if (deps.repo && store) {
      const handle = await deps.repo.find<Record<string, unknown>>(store.storeDocUrl as AutomergeUrl);
      handle.change((d) => {
        const entry = (d.registers as Record<string, Record<string, unknown>> | undefined)?.[registerId];
        if (entry) entry.name = toStored(parsed.data.name);
      });
    }
    deps.directory.renameRegister(storeId, registerId, parsed.data.name);
    deps.live.emit("devices", storeId);
    return c.json({ register: { registerId, number: reg.number, name: parsed.data.name } });
  });

  return r;
}
