import { FIRST_RECEIPT_SEQUENCE, type BusinessDay, type Catalog, type RegisterId, type StoreId } from "@kasa/domain";
import { toStored } from "./immutable.js";
import { sealCatalog } from "./sealed-catalog.js";
import {
  DOCUMENT_SCHEMA_VERSION,
  type JournalDoc,
  type RegisterDoc,
  type RegisterEntry,
  type StoreDoc,
  type StoreSettings,
  type StoredJournalDoc,
  type StoredRegisterDoc,
  type StoredStoreDoc,
} from "./shapes.js";

// Initial contents for `repo.create(...)`. Documents are always created with their full shape so
// that the first sync message already carries it (an empty `create({})` did not sync, automerge-repo #488).

export function initialStoreDoc(storeId: StoreId, settings: StoreSettings, catalog: Catalog, registers: Record<string, RegisterEntry> = {}): StoredStoreDoc {
  const doc: Omit<StoreDoc, "catalog"> = { kind: "store", schema: DOCUMENT_SCHEMA_VERSION, storeId, settings, registers };
  return { ...toStored(doc), catalog: sealCatalog(catalog) } as unknown as StoredStoreDoc;
}

export function initialRegisterDoc(storeId: StoreId, registerId: RegisterId, number: number): StoredRegisterDoc {
  const doc: RegisterDoc = {
    kind: "register",
    schema: DOCUMENT_SCHEMA_VERSION,
    storeId,
    registerId,
    number,
    lastSequence: FIRST_RECEIPT_SEQUENCE - 1,
    journals: {},
  };
  return toStored(doc);
}

export function initialJournalDoc(storeId: StoreId, registerId: RegisterId, businessDay: BusinessDay): StoredJournalDoc {
  const doc: JournalDoc = { kind: "journal", schema: DOCUMENT_SCHEMA_VERSION, storeId, registerId, businessDay, events: {} };
  return toStored(doc);
}
