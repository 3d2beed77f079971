import { randomBytes } from "node:crypto";
import { RegisterSession, RelayApi, flushAndShutdown, type PairedRegister, type RegisterSnapshot } from "@kasa/sync";
import { createNodeRegisterRepo } from "@kasa/sync/node";
import type { IdSource, ItemId, SaleInput } from "@kasa/domain";

export interface NodeRegister {
  readonly session: RegisterSession;
  close(): Promise<void>;
  /** Sells `n` cash sales of the first catalog item, one after the other. */
  sellMany(n: number): Promise<string[]>;
  waitFor(predicate: (s: RegisterSnapshot) => boolean, timeoutMs?: number): Promise<RegisterSnapshot>;
}

export const systemIds: IdSource = { now: () => Date.now(), randomBytes: (n) => new Uint8Array(randomBytes(n)) };

/** A register as a Node process would run it: disk storage, real WebSocket to the relay. */
export async function openNodeRegister(dir: string, paired: PairedRegister, relayUrl: string, ids: IdSource = systemIds): Promise<NodeRegister> {
  const { repo, storage, connection } = createNodeRegisterRepo({ dir, paired, relayHttpUrl: relayUrl, retry: { initialMs: 100, maxMs: 500 } });
  // The relay's online-only commands (refunds, customers, points, stock, clock), with the device token.
  const api = new RelayApi(relayUrl, () => paired.token);
  const session = await RegisterSession.open({ repo, storage, paired, connection, ids, api });
  return {
    session,
    async close() {
      await session.close();
      await flushAndShutdown(repo);
    },
    async sellMany(n) {
      const item = Object.values(session.snapshot.store.catalog.items).find((i) => i.soldBy === "each")!;
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const input: SaleInput = { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: item.price + 1000 }] };
        const r = await session.sell(input);
        if (!r.ok) throw new Error(r.error.message);
        ids.push(r.value.id);
      }
      return ids;
    },
    waitFor(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        if (predicate(session.snapshot)) return resolve(session.snapshot);
        const timer = setTimeout(() => {
          off();
          reject(new Error(`timed out; unsynced=${session.snapshot.unsyncedCount} connection=${session.snapshot.connection.state}`));
        }, timeoutMs);
        const off = session.subscribe(() => {
          if (predicate(session.snapshot)) {
            clearTimeout(timer);
            off();
            resolve(session.snapshot);
          }
        });
      });
    },
  };
}
