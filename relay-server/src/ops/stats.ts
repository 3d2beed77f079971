import { Directory } from "../db/directory.js";
import { openRelayDb } from "../db/relay-db.js";
import { ReadModel } from "../read-model/read-model.js";
import { assertDataDir, dataFileBytes, dataFilePath } from "./data-files.js";

export interface RelayStats {
  readonly stores: number;
  readonly registers: number;
  readonly owners: number;
  readonly devices: number;
  readonly revokedDevices: number;
  readonly documents: number;
  readonly receipts: number;
  readonly quarantined: number;
  readonly bytes: Record<string, number>;
}

/** Totals of a data folder, from the relay's records and read model (no document is loaded). */
export function statsOfDataDir(dataDir: string): RelayStats {
  assertDataDir(dataDir);
  const directory = new Directory(openRelayDb(dataFilePath(dataDir, "relay")));
  const readModel = new ReadModel(dataFilePath(dataDir, "read_model"), dataFilePath(dataDir, "online"));
  try {
    const c = directory.counts();
    const r = readModel.counts();
    return { ...c, receipts: r.receipts, quarantined: r.quarantined, bytes: dataFileBytes(dataDir) };
  } finally {
    readModel.close();
    directory.close();
  }
}
