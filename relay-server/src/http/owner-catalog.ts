import { Hono, type Context } from "hono";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import { readStore } from "@kasa/documents";
import { HttpError } from "../errors.js";
import type { Directory } from "../db/directory.js";
import { CATALOG_KINDS, catalogSchemas, deleteCatalogEntry, settingsPatchSchema, updateSettings, upsertCatalogEntry, type CatalogKind } from "../catalog/store-editor.js";
import { OwnerApiError } from "./owner-reports.js";

type Env = { Variables: { ownerId: string } };

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HttpError("BAD_REQUEST", "body must be JSON");
  }
}

const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) => e.issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");

/**
 * Catalog and settings management: PATCH /stores/:id/settings, GET /stores/:id/catalog,
 * PUT/DELETE /stores/:id/catalog/:kind/:entryId (kind: items, categories, taxes, discounts, paymentTypes).
 */
export function createOwnerCatalogRoutes(deps: { repo: Repo; directory: Directory }): Hono<Env> {
  const r = new Hono<Env>();
  const urlOf = (storeId: string) => {
    const store = deps.directory.store(storeId);
    if (!store) throw new HttpError("NOT_FOUND", "no such store");
    return store.storeDocUrl;
  };
  const kindOf = (c: Context): CatalogKind => {
    const kind = c.req.param("kind") as CatalogKind;
    if (!CATALOG_KINDS.includes(kind)) throw new HttpError("NOT_FOUND", `no catalog list ${kind}`);
    return kind;
  };

  r.patch("/stores/:storeId/settings", async (c) => {
    const parsed = settingsPatchSchema.safeParse(await jsonBody(c));
    if (!parsed.success) throw new HttpError("BAD_REQUEST", issues(parsed.error));
    const store = await updateSettings(deps.repo, urlOf(c.req.param("storeId")), parsed.data);
    return c.json({ settings: store.settings });
  });

  r.get("/stores/:storeId/catalog", async (c) => {
    const handle = await deps.repo.find(urlOf(c.req.param("storeId")) as AutomergeUrl);
    return c.json({ catalog: readStore(handle.doc()).catalog });
  });

  r.put("/stores/:storeId/catalog/:kind/:entryId", async (c) => {
    const kind = kindOf(c);
    const body = await jsonBody(c);
    const parsed = catalogSchemas[kind].safeParse({ ...(typeof body === "object" && body !== null ? body : {}), id: c.req.param("entryId") });
    if (!parsed.success) throw new HttpError("BAD_REQUEST", issues(parsed.error));
    const result = await upsertCatalogEntry(deps.repo, urlOf(c.req.param("storeId")), kind, parsed.data as { id: string });
    if (!result.ok) throw new OwnerApiError(result.code, result.code === "NOT_FOUND" ? 404 : 409, result.message);
    return c.json({ entry: (result.store.catalog as unknown as Record<string, Record<string, unknown>>)[kind]![parsed.data.id] });
  });

  r.delete("/stores/:storeId/catalog/:kind/:entryId", async (c) => {
    const kind = kindOf(c);
    const result = await deleteCatalogEntry(deps.repo, urlOf(c.req.param("storeId")), kind, c.req.param("entryId"));
    if (!result.ok) throw new OwnerApiError(result.code, result.code === "NOT_FOUND" ? 404 : 409, result.message);
    return c.json({ deleted: true });
  });

  return r;
}
