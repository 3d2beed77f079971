import type { Repo } from "@automerge/automerge-repo";
import { newId, type Catalog, type IdSource, type RegisterId, type StoreId } from "@kasa/domain";
import {
  initialCustomersDoc,
  initialRegisterDoc,
  initialStoreDoc,
  initialTicketsDoc,
  putRegisterEntry,
  toStored,
  type StoreSettings,
  type StoredStoreDoc,
} from "@kasa/documents";
import type { Directory, RegisterRow } from "../db/directory.js";

export interface NewStore {
  readonly settings: StoreSettings;
  readonly catalog: Catalog;
  readonly registers: readonly { number: number; name: string }[];
}

/**
 * Creates a store: its document (settings, catalog, registers), its open-tickets and customers
 * documents, and one document per register, then records them and their owners in the directory so
 * only this store's devices may open them — the tickets document writable by every register, the
 * store and customers documents read-only for devices (SPEC.md RL4, RL9).
 */
export async function createStore(repo: Repo, directory: Directory, ids: IdSource, input: NewStore): Promise<{ storeId: StoreId; registers: RegisterRow[] }> {
  const storeId = newId<"StoreId">(ids) as StoreId;
  const storeHandle = repo.create<StoredStoreDoc>(initialStoreDoc(storeId, input.settings, input.catalog));
  const now = ids.now();
  directory.createStore({ storeId, name: input.settings.name, storeDocUrl: storeHandle.url }, now);
  const tickets = repo.create(initialTicketsDoc(storeId));
  const customers = repo.create(initialCustomersDoc(storeId));
  directory.claimDocument(tickets.documentId, { storeId, registerId: null, writableByRegisters: true }, now);
  directory.claimDocument(customers.documentId, { storeId, registerId: null }, now);
  storeHandle.change((d) => void Object.assign(d, toStored({ ticketsDocUrl: tickets.url, customersDocUrl: customers.url })));
  const registers: RegisterRow[] = [];
  for (const r of input.registers) {
    const registerId = newId<"RegisterId">(ids) as RegisterId;
    const handle = repo.create(initialRegisterDoc(storeId, registerId, r.number));
    const row: RegisterRow = { registerId, storeId, number: r.number, name: r.name, registerDocUrl: handle.url };
    directory.createRegister(row, now);
    storeHandle.change((d) => putRegisterEntry(d, { registerId, number: r.number, name: r.name, registerDocUrl: handle.url }));
    registers.push(row);
  }
  await repo.flush();
  return { storeId, registers };
}
