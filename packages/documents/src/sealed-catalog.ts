import type { Catalog } from "@kasa/domain";
import type { ImmutableString } from "@automerge/automerge";
import { fromSealed, toSealed } from "./immutable.js";

/**
 * The catalog as stored (SPEC DOC9): every entry of every table — an item, a tax, a category … —
 * sealed into one ImmutableString. Entries are only ever written whole by the relay (a back-office
 * edit replaces the entry), so nothing merges inside one; a 5,000-item catalog is 5,000 operations
 * to load and sync instead of ~85,000.
 */
export type SealedCatalog = Record<string, Record<string, ImmutableString>>;

export function sealCatalog(catalog: Catalog): SealedCatalog {
  const out: SealedCatalog = {};
  for (const [table, entries] of Object.entries(catalog)) {
    if (entries === undefined) continue;
    out[table] = Object.fromEntries(Object.entries(entries as Record<string, unknown>).map(([id, entry]) => [id, toSealed(entry)]));
  }
  return out;
}

/**
 * A catalog read with `fromStored` back to plain entries: sealed entries (plain strings by then)
 * are parsed, entries stored field by field before DOC9 are already objects.
 */
export function unsealCatalog(catalog: unknown): Catalog {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [table, entries] of Object.entries((catalog ?? {}) as Record<string, Record<string, unknown> | undefined>)) {
    if (entries === undefined || entries === null || typeof entries !== "object") continue;
    out[table] = Object.fromEntries(Object.entries(entries).map(([id, entry]) => [id, fromSealed(entry)]));
  }
  return out as unknown as Catalog;
}
