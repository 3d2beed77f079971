import * as A from "@automerge/automerge/slim";
import { decodeHeads, type DocHandle, type UrlHeads } from "@automerge/automerge-repo/slim";
import type { KasaEvent } from "@kasa/domain";
import { DURABLE_ACK_TYPE, readJournalEvents, unsyncedEventIds, type StoredJournalDoc } from "@kasa/documents";
import type { SyncLedger } from "./ledger.js";
import { journalProblem, type DamagedJournal } from "./journal-health.js";

/**
 * The register's open journals with their events and what the relay has on disk of each. Events
 * are read once when a journal opens and then added by the register's own writes (it is the
 * only writer); the unsynced set changes only when a durable ack arrives (SPEC S3, S6).
 */
export class JournalSet {
  readonly #handles = new Map<string, DocHandle<StoredJournalDoc>>();
  readonly #events = new Map<string, Map<string, KasaEvent>>();
  readonly #unsynced = new Map<string, Set<string>>();
  /** Journals whose copy here is damaged, by document id; cleared when the copy is whole again (SPEC S15). */
  readonly #damaged = new Map<string, DamagedJournal>();

  constructor(
    private readonly ledger: SyncLedger,
    /** The relay's peer id while connected: acks from anyone else are ignored. */
    private readonly relayPeerId: () => string | undefined,
    /** A fully synced journal that is still being written stays pending in the ledger. */
    private readonly stillWriting: (handle: DocHandle<StoredJournalDoc>) => boolean,
    private readonly onChange: () => void,
  ) {}

  /** Starts tracking a journal; `salvage` says what loading it cost (chunks set aside), if anything. */
  watch(handle: DocHandle<StoredJournalDoc>, salvage?: { chunksSetAside: number; error: string }): void {
    if (this.#handles.has(handle.documentId)) return;
    this.#handles.set(handle.documentId, handle);
    this.#read(handle);
    const problem = salvage
      ? { problem: "unloadable" as const, detail: salvage.error }
      : journalProblem(handle.doc(), [this.ledger.writtenHeads(handle.documentId), this.ledger.durableHeads(handle.documentId)]);
    if (problem) {
      this.#damaged.set(handle.documentId, { url: handle.url, documentId: handle.documentId, ...problem, chunksSetAside: salvage?.chunksSetAside ?? 0, recovering: true });
      this.#followRecovery(handle);
    }
    handle.on("ephemeral-message", ({ senderId, message }) => {
      const m = message as { type?: unknown; heads?: unknown };
      if (m?.type !== DURABLE_ACK_TYPE || !Array.isArray(m.heads) || senderId !== this.relayPeerId()) return;
      void this.#acknowledge(handle, m.heads.filter((h): h is string => typeof h === "string"));
    });
  }

  /**
   * Only a damaged copy changes from outside (the relay filling in what it lost): it is re-read on
   * each change. Recovery ends when the copy holds the heads the relay announced for it: then what
   * is still missing existed only on this device and is gone for good (SPEC S15).
   */
  #followRecovery(handle: DocHandle<StoredJournalDoc>): void {
    let relayHeads: string[] | undefined;
    const expected = () => [this.ledger.writtenHeads(handle.documentId), this.ledger.durableHeads(handle.documentId)];
    // Listeners run inside automerge-repo's sync-message handling: one that threw would drop the
    // message, and with it the very changes that repair this journal. Nothing here may throw.
    const settle = () => {
      try {
        settleNow();
      } catch (error) {
        console.error(`kasa: checking journal ${handle.documentId} after a change failed`, error);
      }
    };
    const settleNow = () => {
      const doc = handle.doc() as A.Doc<unknown>;
      const whole = journalProblem(doc, expected()) === undefined;
      const relayIn = relayHeads !== undefined && relayHeads.length > 0 && A.hasHeads(doc, relayHeads);
      if (!whole && !relayIn) return;
      const was = this.#damaged.get(handle.documentId);
      const left = journalProblem(doc, expected());
      if (was) this.#damaged.set(handle.documentId, { ...was, recovering: false, ...(left ? { unrecovered: left.detail } : {}) });
      // A copy that is whole again is only written by this register: no more re-reading. One that
      // is not keeps being re-read, should the relay's copy ever bring more.
      if (whole) {
        handle.off("change", onChange);
        handle.off("remote-heads", onRemoteHeads);
      }
      this.onChange();
    };
    const onChange = () => {
      try {
        this.#read(handle);
        this.onChange();
      } catch (error) {
        console.error(`kasa: re-reading journal ${handle.documentId} failed`, error);
      }
      settle();
    };
    // automerge-repo reports remote heads URL-encoded (base58); Automerge wants them as hex. The
    // event fires while the sync message is being applied, when handle.doc() is not yet the new
    // document (and Automerge answers hasHeads from the newer state): look once it has settled.
    const onRemoteHeads = ({ heads }: { heads: UrlHeads }) => {
      try {
        relayHeads = decodeHeads(heads);
      } catch {
        return;
      }
      setTimeout(settle, 0);
    };
    handle.on("change", onChange);
    handle.on("remote-heads", onRemoteHeads);
    // Already whole (it came back from the relay before it was watched): settle now.
    setTimeout(settle, 0);
  }

  /**
   * Journals whose copy on this device is or was damaged, until the session closes: the cashier
   * and the back office must hear of it even after the relay restored it.
   */
  damaged(): DamagedJournal[] {
    return [...this.#damaged.values()];
  }

  /** A journal that could not be opened at all: reported, nothing else known. */
  reportUnopenable(url: string, error: string, chunksSetAside = 0): void {
    const documentId = url.replace(/^automerge:/, "");
    this.#damaged.set(documentId, { url, documentId, problem: "unloadable", detail: error, chunksSetAside, recovering: true });
  }

  #read(handle: DocHandle<StoredJournalDoc>): void {
    const doc = handle.doc() as A.Doc<unknown>;
    this.#events.set(handle.documentId, new Map((readJournalEvents(doc) as KasaEvent[]).map((e) => [e.id, e])));
    this.#unsynced.set(handle.documentId, new Set(unsyncedEventIds(doc, this.ledger.durableHeads(handle.documentId))));
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

  /** The first event (journals in opening order, each in id order) that matches; stops there. */
  findEvent<E extends KasaEvent>(match: (e: KasaEvent) => e is E): E | undefined {
    for (const events of this.#events.values()) for (const e of events.values()) if (match(e)) return e;
    return undefined;
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
