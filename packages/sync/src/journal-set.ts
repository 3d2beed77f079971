import * as A from "@automerge/automerge/slim";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import type { KasaEvent } from "@kasa/domain";
import { DURABLE_ACK_TYPE, readJournalEvents, unsyncedEventIds, type StoredJournalDoc } from "@kasa/documents";
import type { SyncLedger } from "./ledger.js";

/**
 * The register's open journals with their events and what the relay has on disk of each. Events
 * are read once when a journal opens and then added by the register's own writes (it is the
 * only writer); the unsynced set changes only when a durable ack arrives (SPEC S3, S6).
 */
export class JournalSet {
  readonly #handles = new Map<string, DocHandle<StoredJournalDoc>>();
  readonly #events = new Map<string, Map<string, KasaEvent>>();
  readonly #unsynced = new Map<string, Set<string>>();

  constructor(
    private readonly ledger: SyncLedger,
    /** The relay's peer id while connected: acks from anyone else are ignored. */
    private readonly relayPeerId: () => string | undefined,
    /** A fully synced journal that is still being written stays pending in the ledger. */
    private readonly stillWriting: (handle: DocHandle<StoredJournalDoc>) => boolean,
    private readonly onChange: () => void,
  ) {}

  watch(handle: DocHandle<StoredJournalDoc>): void {
    if (this.#handles.has(handle.documentId)) return;
    this.#handles.set(handle.documentId, handle);
    const doc = handle.doc() as A.Doc<unknown>;
    this.#events.set(handle.documentId, new Map((readJournalEvents(doc) as KasaEvent[]).map((e) => [e.id, e])));
    this.#unsynced.set(handle.documentId, new Set(unsyncedEventIds(doc, this.ledger.durableHeads(handle.documentId))));
    handle.on("ephemeral-message", ({ senderId, message }) => {
      const m = message as { type?: unknown; heads?: unknown };
      if (m?.type !== DURABLE_ACK_TYPE || !Array.isArray(m.heads) || senderId !== this.relayPeerId()) return;
      void this.#acknowledge(handle, m.heads.filter((h): h is string => typeof h === "string"));
    });
  }

  byUrl(url: string): DocHandle<StoredJournalDoc> | undefined {
    return [...this.#handles.values()].find((h) => h.url === url);
  }

  /** Our own write: the event is new and, until the relay says otherwise, unsynced. */
  recordWrite(handle: DocHandle<StoredJournalDoc>, event: KasaEvent): void {
    this.#events.get(handle.documentId)?.set(event.id, event);
    this.#unsynced.get(handle.documentId)?.add(event.id);
  }

  events(): KasaEvent[] {
    return [...this.#events.values()].flatMap((m) => [...m.values()]);
  }

  /** Every open journal's events with their synced flag. */
  *eventsWithSync(): Iterable<{ event: KasaEvent; synced: boolean }> {
    for (const [docId, events] of this.#events) {
      const pending = this.#unsynced.get(docId);
      for (const event of events.values()) yield { event, synced: !pending?.has(event.id) };
    }
  }

  unsyncedIds(): Set<string> {
    const ids = new Set<string>();
    for (const set of this.#unsynced.values()) for (const id of set) ids.add(id);
    return ids;
  }

  /** Unsynced ids of a journal, open or not (for history screens). */
  unsyncedOf(handle: DocHandle<StoredJournalDoc>): ReadonlySet<string> {
    return this.#unsynced.get(handle.documentId) ?? new Set(unsyncedEventIds(handle.doc() as A.Doc<unknown>, this.ledger.durableHeads(handle.documentId)));
  }

  async #acknowledge(handle: DocHandle<StoredJournalDoc>, heads: string[]): Promise<void> {
    const doc = handle.doc() as A.Doc<unknown>;
    if (!A.hasHeads(doc, heads)) return;
    const docId = handle.documentId;
    // The diff covers only what is after the acked heads, so an ack costs the unsynced part, not the day.
    const remaining = new Set(unsyncedEventIds(doc, heads));
    // Acks can arrive out of order; never move the durable mark backwards (SPEC S6).
    if (remaining.size > (this.#unsynced.get(docId)?.size ?? Infinity)) return;
    this.#unsynced.set(docId, remaining);
    this.onChange();
    await this.ledger.setDurable(docId, heads, remaining.size === 0, this.stillWriting(handle));
  }
}
