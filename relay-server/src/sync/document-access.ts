import type { Directory, DeviceRow, DocumentOwner } from "../db/directory.js";

/**
 * What a device may do with a document:
 * - `write`: its own register's documents (and any it creates), and the store's open-tickets document;
 * - `read`: its store's other store-wide documents (store, customers) — written by the relay and back office only;
 * - `none`: everything else, including every document of another store.
 */
export type AccessLevel = "write" | "read" | "none";

export interface ClaimResult {
  readonly level: AccessLevel;
  /** True when the store already owns `maxDocumentsPerStore` documents and this one was not recorded. */
  readonly overLimit: boolean;
}

// Owners never change once recorded (claims are INSERT OR IGNORE), so they are safe to cache. The cap
// bounds memory when devices touch many documents; a miss costs one indexed SQLite lookup.
const OWNER_CACHE_MAX = 50_000;

/**
 * The relay's access rule, in one place for the socket guard and automerge-repo's `shareConfig.access`.
 * The document → store map lives in relay.sqlite and is never derived from document contents
 * (research/reliability.md §3), so a document naming another store cannot widen anyone's access.
 */
export class DocumentAccess {
  readonly #owners = new Map<string, DocumentOwner>();

  constructor(
    private readonly directory: Directory,
    private readonly maxDocumentsPerStore: number,
    private readonly now: () => number,
  ) {}

  level(device: DeviceRow, documentId: string): AccessLevel {
    const owner = this.#owner(documentId);
    if (!owner || owner.storeId !== device.storeId) return "none";
    if (owner.registerId === null) return owner.writableByRegisters ? "write" : "read";
    return owner.registerId === device.registerId ? "write" : "none";
  }

  /**
   * For a document a device *sends*: an id never seen before is new (ids are random and unguessable),
   * so it is recorded as that device's register's document — unless its store is full.
   */
  claim(device: DeviceRow, documentId: string): ClaimResult {
    if (this.#owner(documentId)) return { level: this.level(device, documentId), overLimit: false };
    if (this.directory.documentCountOfStore(device.storeId) >= this.maxDocumentsPerStore) return { level: "none", overLimit: true };
    this.directory.claimDocument(documentId, { storeId: device.storeId, registerId: device.registerId }, this.now());
    return { level: this.level(device, documentId), overLimit: false };
  }

  #owner(documentId: string): DocumentOwner | undefined {
    const cached = this.#owners.get(documentId);
    if (cached) return cached;
    const owner = this.directory.documentOwner(documentId);
    if (owner) {
      if (this.#owners.size >= OWNER_CACHE_MAX) this.#owners.clear();
      this.#owners.set(documentId, owner);
    }
    return owner;
  }
}
