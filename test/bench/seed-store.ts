import { Repo } from "@automerge/automerge-repo";
import { join } from "node:path";
import { minor, type CatalogItem, type CategoryId, type ItemId, type TaxId } from "@kasa/domain";
import { createStore, DEMO_STORE, Directory, openRelayDb, SqliteStorageAdapter } from "@kasa/relay-server";
import { systemIds } from "../support/node-register.js";

/** `n` plain items spread over the demo categories, like a shop's imported catalogue. */
export function benchItems(n: number): Record<string, CatalogItem> {
  const categories = Object.keys(DEMO_STORE.catalog.categories);
  const items: Record<string, CatalogItem> = {};
  for (let i = 0; i < n; i++) {
    const id = `bench-${String(i).padStart(5, "0")}` as ItemId;
    items[id] = {
      id,
      name: `Item ${i}`,
      price: minor(100 + (i % 500) * 10),
      taxIds: ["vat-23" as TaxId],
      soldBy: "each",
      categoryId: categories[i % categories.length] as CategoryId,
      sku: `SKU-${i}`,
      color: `hsl(${(i * 37) % 360} 45% 45%)`,
    };
  }
  return items;
}

/**
 * In an empty relay data folder: one store like the demo store, with `extraItems` more catalog
 * items and `registers` registers. A relay started on it in demo mode creates no demo store and
 * serves demo pairing codes for this one (register numbers 1..registers).
 */
export async function seedBenchStore(dataDir: string, o: { extraItems: number; registers: number }): Promise<void> {
  const db = openRelayDb(join(dataDir, "relay.sqlite"));
  const directory = new Directory(db);
  const storage = new SqliteStorageAdapter({ file: join(dataDir, "documents.sqlite") });
  const repo = new Repo({ storage, network: [] });
  try {
    await createStore(repo, directory, systemIds, {
      ...DEMO_STORE,
      settings: { ...DEMO_STORE.settings, name: "Kasa Bench" },
      catalog: { ...DEMO_STORE.catalog, items: { ...DEMO_STORE.catalog.items, ...benchItems(o.extraItems) } },
      registers: Array.from({ length: o.registers }, (_, i) => ({ number: i + 1, name: `Register ${i + 1}` })),
    });
    await repo.flush();
  } finally {
    await repo.shutdown();
    // A throttled save scheduled before shutdown may still fire; let it land before closing the file.
    await new Promise((r) => setTimeout(r, 150));
    storage.close();
    db.close();
  }
}
