import { pino } from "pino";
import type { Directory } from "../db/directory.js";
import type { ReadModel } from "../read-model/read-model.js";
import { Projector } from "../read-model/projector.js";
import type { SqliteStorageAdapter } from "../storage/sqlite-storage-adapter.js";
import { readDocumentStrict } from "./read-document.js";

/**
 * Projects every stored journal into the read model, offline. Idempotent by event id, so running it
 * on a complete read model changes nothing; after a restore it adds whatever was stored after the
 * read model's copy was taken. Returns how many documents were read and how many receipts were added.
 */
export async function reprojectAll(storage: SqliteStorageAdapter, directory: Directory, readModel: ReadModel, now: () => number = Date.now): Promise<{ documents: number; receiptsBefore: number; receiptsAfter: number }> {
  const projector = new Projector(readModel, directory, pino({ level: "silent" }), {}, now);
  const receiptsBefore = readModel.counts().receipts;
  const ids = storage.documentIds();
  for (const id of ids) projector.projectDoc(id, (await readDocumentStrict(storage, id)).doc);
  return { documents: ids.length, receiptsBefore, receiptsAfter: readModel.counts().receipts };
}
