import * as A from "@automerge/automerge/slim";
import type { AutomergeUrl, DocHandle, Repo, StorageAdapterInterface } from "@automerge/automerge-repo/slim";
import {
  businessDay,
  completeSale,
  newEventId,
  type BusinessDay,
  type IdSource,
  type KasaEvent,
  type RegisterId,
  type Result,
  type SaleCompleted,
  type SaleInput,
  type StoreId,
} from "@kasa/domain";
import {
  DURABLE_ACK_TYPE,
  appendEvent,
  initialJournalDoc,
  readJournalEvents,
  readRegister,
  readStore,
  recordJournal,
  reserveSequence,
  unsyncedEventIds,
  type StoreDoc,
  type StoredJournalDoc,
  type StoredRegisterDoc,
  type StoredStoreDoc,
} from "@kasa/documents";
import { SyncLedger } from "./ledger.js";
import type { PairedRegister } from "./paired-register.js";
import type { RelayClientAdapter, RelayConnectionStatus } from "./relay-client-adapter.js";


export interface LocalReceipt {
  readonly event: SaleCompleted;
  /** True once the relay has acknowledged the event as stored on its disk (DESIGN §5). */
  readonly synced: boolean;
}

export interface RegisterSnapshot {
  readonly store: StoreDoc;
  readonly receipts: readonly LocalReceipt[];
  readonly unsyncedCount: number;
  readonly connection: RelayConnectionStatus;
}

export interface RegisterSessionOptions {
  readonly repo: Repo;
  /** The same storage adapter the repo uses: the sync ledger lives beside the documents. */
  readonly storage: StorageAdapterInterface;
  readonly paired: PairedRegister;
  readonly connection: RelayClientAdapter;
  readonly ids: IdSource;
}

export type SaleFailure = { readonly code: string; readonly message: string; readonly path?: string };

/**
 * A register's working state: the store's catalog, its own journals and what the relay holds.
 * Everything a cashier does completes locally; the relay connection only changes what is synced.
 * `sell` resolves only after the sale is in local storage (DESIGN §5).
 */
export class RegisterSession {
  readonly #repo: Repo;
  readonly #paired: PairedRegister;
  readonly #connection: RelayClientAdapter;
  readonly #ids: IdSource;
  readonly #ledger: SyncLedger;
  readonly #storeHandle: DocHandle<StoredStoreDoc>;
  readonly #registerHandle: DocHandle<StoredRegisterDoc>;
  readonly #journals = new Map<string, DocHandle<StoredJournalDoc>>();
  /** Receipts per journal, read once when the journal opens and then kept up to date by `sell`. */
  readonly #receipts = new Map<string, Map<string, SaleCompleted>>();
  /** Events not yet durable on the relay, per journal: recomputed only when an ack arrives. */
  readonly #unsynced = new Map<string, Set<string>>();
  readonly #listeners = new Set<() => void>();
  /** The store document as plain data; re-read only when the store document changes (it can hold thousands of items). */
  #store: StoreDoc;
  #snapshot: RegisterSnapshot;
  #selling: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(o: RegisterSessionOptions, ledger: SyncLedger, store: DocHandle<StoredStoreDoc>, register: DocHandle<StoredRegisterDoc>) {
    this.#repo = o.repo;
    this.#paired = o.paired;
    this.#connection = o.connection;
    this.#ids = o.ids;
    this.#ledger = ledger;
    this.#storeHandle = store;
    this.#registerHandle = register;
    this.#store = readStore(store.doc());
    this.#snapshot = this.#compute();
  }

  /**
   * Opens the register's documents from local storage (offline is fine once they were fetched
   * once), plus every journal the relay has not fully acknowledged, so that those sync as soon as
   * the relay is reachable.
   */
  static async open(o: RegisterSessionOptions): Promise<RegisterSession> {
    const ledger = await SyncLedger.open(o.storage, o.paired.registerId);
    const store = await o.repo.find<StoredStoreDoc>(o.paired.storeDocUrl as AutomergeUrl);
    const register = await o.repo.find<StoredRegisterDoc>(o.paired.registerDocUrl as AutomergeUrl);
    const session = new RegisterSession(o, ledger, store, register);
    const today = businessDay(o.ids.now(), readStore(store.doc()).settings.timeZone);
    const urls = new Set(ledger.pendingUrls());
    const todayUrl = readRegister(register.doc()).journals[today];
    if (todayUrl) urls.add(todayUrl);
    for (const url of urls) {
      // A pending journal missing from local storage can't be recovered here; skip it rather than refuse to open the till.
      const handle = await o.repo.find<StoredJournalDoc>(url as AutomergeUrl).catch(() => undefined);
      if (handle) session.#watchJournal(handle);
    }
    store.on("change", ({ doc }) => {
      session.#store = readStore(doc);
      session.#refresh();
    });
    o.connection.on("state", () => session.#refresh());
    session.#refresh();
    return session;
  }

  get snapshot(): RegisterSnapshot {
    return this.#snapshot;
  }

  /** URLs of this register's journals, one per business day it sold on. */
  get journalUrls(): string[] {
    return Object.values(readRegister(this.#registerHandle.doc()).journals);
  }

  get paired(): PairedRegister {
    return this.#paired;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Records a sale. Validates first (nothing is written for a refused sale), then reserves the
   * receipt number in the register document, appends the event to today's journal and waits until
   * both are in local storage. Sales are serialised so two quick taps can't share a number.
   */
  sell(input: SaleInput): Promise<Result<SaleCompleted, SaleFailure>> {
    const run = this.#selling.then(() => this.#sell(input));
    this.#selling = run.catch(() => undefined);
    return run;
  }

  async #sell(input: SaleInput): Promise<Result<SaleCompleted, SaleFailure>> {
    if (this.#closed) return { ok: false, error: { code: "REGISTER_CLOSED", message: "The register is closed" } };
    const store = this.#store;
    const now = this.#ids.now();
    const base = {
      catalog: store.catalog,
      currency: store.settings.currency,
      storeId: this.#paired.storeId as StoreId,
      registerId: this.#paired.registerId as RegisterId,
      registerNumber: this.#paired.registerNumber,
      eventId: newEventId(this.#ids),
      now,
    };
    const trial = completeSale({ ...base, sequence: readRegister(this.#registerHandle.doc()).lastSequence + 1 }, input);
    if (!trial.ok) return trial;

    let sequence = 0;
    this.#registerHandle.change((d) => void (sequence = reserveSequence(d)));
    const sale = completeSale({ ...base, sequence }, input);
    if (!sale.ok) return sale;
    const journal = this.#journalFor(businessDay(now, store.settings.timeZone));
    journal.change((d) => void appendEvent(d, sale.value));
    this.#receipts.get(journal.documentId)?.set(sale.value.id, sale.value);
    this.#unsynced.get(journal.documentId)?.add(sale.value.id);
    await this.#repo.flush([journal.documentId, this.#registerHandle.documentId]);
    await this.#ledger.markPending(journal.documentId, journal.url);
    this.#refresh();
    return sale;
  }

  /** Asks the connection to try the relay now (the ⋮ menu's Sync). */
  syncNow(): void {
    this.#connection.reconnectNow();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#selling;
    this.#listeners.clear();
  }

  #journalFor(day: string): DocHandle<StoredJournalDoc> {
    const url = readRegister(this.#registerHandle.doc()).journals[day];
    const open = url === undefined ? undefined : [...this.#journals.values()].find((h) => h.url === url);
    if (open) return open;
    // First sale of the business day: create its journal and index it in the register document.
    const created = this.#repo.create<StoredJournalDoc>(
      initialJournalDoc(this.#paired.storeId as StoreId, this.#paired.registerId as RegisterId, day as BusinessDay),
    );
    this.#registerHandle.change((d) => recordJournal(d, day, created.url));
    this.#watchJournal(created);
    return created;
  }

  #watchJournal(handle: DocHandle<StoredJournalDoc>): void {
    if (this.#journals.has(handle.documentId)) return;
    this.#journals.set(handle.documentId, handle);
    const doc = handle.doc() as A.Doc<unknown>;
    const sales = (readJournalEvents(doc) as KasaEvent[]).filter((e): e is SaleCompleted => e.type === "sale.completed");
    this.#receipts.set(handle.documentId, new Map(sales.map((e) => [e.id, e])));
    this.#unsynced.set(handle.documentId, new Set(unsyncedEventIds(doc, this.#ledger.durableHeads(handle.documentId))));
    handle.on("ephemeral-message", ({ senderId, message }) => {
      const m = message as { type?: unknown; heads?: unknown };
      if (m?.type !== DURABLE_ACK_TYPE || !Array.isArray(m.heads)) return;
      if (senderId !== this.#connection.remotePeerId) return;
      void this.#acknowledge(handle, m.heads.filter((h): h is string => typeof h === "string"));
    });
  }

  async #acknowledge(handle: DocHandle<StoredJournalDoc>, heads: string[]): Promise<void> {
    const doc = handle.doc() as A.Doc<unknown>;
    if (!A.hasHeads(doc, heads)) return;
    const docId = handle.documentId;
    // The diff covers only what is after the acked heads, so an ack costs the unsynced part, not the day.
    const remaining = new Set(unsyncedEventIds(doc, heads));
    // Acks can arrive out of order; never move the durable mark backwards.
    if (remaining.size > (this.#unsynced.get(docId)?.size ?? Infinity)) return;
    this.#unsynced.set(docId, remaining);
    this.#refresh();
    await this.#ledger.setDurable(docId, heads, remaining.size === 0);
  }

  #refresh(): void {
    if (this.#closed) return;
    this.#snapshot = this.#compute();
    for (const l of this.#listeners) l();
  }

  #compute(): RegisterSnapshot {
    const receipts: LocalReceipt[] = [];
    let unsyncedCount = 0;
    for (const [docId, events] of this.#receipts) {
      const pending = this.#unsynced.get(docId) ?? new Set<string>();
      unsyncedCount += pending.size;
      for (const event of events.values()) receipts.push({ event, synced: !pending.has(event.id) });
    }
    // Newest first: event ids are UUIDv7, so id order is time order.
    receipts.sort((a, b) => (a.event.id < b.event.id ? 1 : -1));
    return { store: this.#store, receipts, unsyncedCount, connection: this.#connection.status };
  }
}
