import * as A from "@automerge/automerge/slim";
import type { AutomergeUrl, DocHandle, DocumentId, Repo, StorageAdapterInterface } from "@automerge/automerge-repo/slim";
import {
  businessDay,
  closeShift,
  completeSale,
  moveCash,
  newEventId,
  openShift,
  shiftReport,
  shiftIdOf,
  refundSale,
  requestReceiptEmail,
  type ReceiptEmailRequested,
  type BusinessDay,
  type RefundCompleted,
  type RefundLineInput,
  type IdSource,
  type KasaEvent,
  type RegisterId,
  type Result,
  type SaleCompleted,
  type SaleInput,
  type TicketLineInput,
  type ShiftId,
  type ShiftOpened,
  type ShiftReport,
  type ShiftState,
  type StoreId,
} from "@kasa/domain";
import {
  appendEvent,
  initialJournalDoc,
  readJournalEvents,
  readRegister,
  readStore,
  recordJournal,
  replaceJournal,
  isWritableJournal,
  journalsOfDay,
  allJournalUrls,
  recordShiftEvent,
  advanceSequence,
  type TicketView,
  type RegisterDoc,
  type StoreDoc,
  type StoredJournalDoc,
  type StoredRegisterDoc,
  type StoredStoreDoc,
  type Customer,
} from "@kasa/documents";
import { SyncLedger } from "./ledger.js";
import type { LocalReceipt, LocalRefund, RegisterSessionOptions, RegisterSnapshot, SessionFailure, ShiftView } from "./session-types.js";
import { JournalSet } from "./journal-set.js";
import { salvageJournal } from "./journal-salvage.js";
import { StatusReporter } from "./status-reporter.js";
import { findAvailable } from "./find-available.js";
import { CheckedStorageAdapter } from "./checked-storage.js";
import { CustomerBook } from "./customer-book.js";
import { earlierRefunds, type CustomerInput, type CustomerRecord, type RelayApi } from "./relay-api.js";
import { TicketBook, type SaveTicketInput, type TicketFailure } from "./ticket-book.js";
import type { PairedRegister } from "./paired-register.js";
import type { RelayClientAdapter, RelayConnectionStatus } from "./relay-client-adapter.js";

/**
 * A register's working state: the store's catalog, its own journals and what the relay holds.
 * Everything a cashier does completes locally; the relay connection only changes what is synced.
 * Every command resolves only after its event is in local storage (DESIGN §5, SPEC S1).
 */
export class RegisterSession {
  readonly #repo: Repo;
  readonly #paired: PairedRegister;
  readonly #connection: RelayClientAdapter;
  readonly #ids: IdSource;
  readonly #cashier: () => string | undefined;
  readonly #api: RelayApi | undefined;
  readonly #ledger: SyncLedger;
  readonly #storeHandle: DocHandle<StoredStoreDoc>;
  readonly #registerHandle: DocHandle<StoredRegisterDoc>;
  #tickets: TicketBook | undefined;
  readonly #customers: CustomerBook;
  #clockSkewMs: number | undefined;
  readonly #wipe: (() => Promise<void>) | undefined;
  readonly #journals: JournalSet;
  readonly #listeners = new Set<() => void>();
  /** The store document as plain data; re-read only when it changes (it can hold thousands of items). */
  #store: StoreDoc;
  /** Built when read, dropped on every change: the sale path never pays for it (SPEC S21). */
  #snapshot: RegisterSnapshot | undefined;
  /** Highest receipt sequence used; receipts carry their sequence, so the journals are the source of truth (SPEC S7). */
  #lastSequence = 0;
  /** The register document changed (a new day's journal) and must be flushed with the next event. */
  #registerDirty = false;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #status: StatusReporter | undefined;

  private constructor(o: RegisterSessionOptions, ledger: SyncLedger, store: DocHandle<StoredStoreDoc>, register: DocHandle<StoredRegisterDoc>) {
    this.#repo = o.repo;
    this.#paired = o.paired;
    this.#connection = o.connection;
    this.#ids = o.ids;
    this.#cashier = o.cashier ?? (() => undefined);
    this.#api = o.api;
    this.#wipe = o.wipeLocalData;
    this.#ledger = ledger;
    this.#storeHandle = store;
    this.#registerHandle = register;
    this.#store = readStore(store.doc());
    this.#customers = new CustomerBook(o.repo, () => this.#refresh());
    this.#journals = new JournalSet(
      ledger,
      () => o.connection.remotePeerId,
      (h) => readRegister(register.doc()).journals[businessDay(o.ids.now(), this.#store.settings.timeZone)] === h.url,
      () => this.#refresh(),
    );
  }

  /**
   * Opens the register's documents from local storage (offline is fine once they were fetched
   * once), today's journal, the open shift's journals, and every journal the relay has not fully
   * acknowledged, so that those sync as soon as the relay is reachable (SPEC S5).
   */
  static async open(o: RegisterSessionOptions): Promise<RegisterSession> {
    const ledger = await SyncLedger.open(o.storage, o.paired.registerId);
    const store = await findAvailable<StoredStoreDoc>(o.repo, o.paired.storeDocUrl);
    const register = await findAvailable<StoredRegisterDoc>(o.repo, o.paired.registerDocUrl);
    const session = new RegisterSession(o, ledger, store, register);
    const reg = readRegister(register.doc());
    const today = businessDay(o.ids.now(), session.#store.settings.timeZone);
    const urls = new Set(ledger.pendingUrls());
    // The latest journal holds the latest receipt number even when the register document's copy is stale.
    const latestDay = Object.keys(reg.journals).sort().at(-1);
    for (const day of [today, ...(latestDay ? [latestDay] : []), ...(openShiftEntry(reg)?.[1].days ?? [])]) {
      for (const url of journalsOfDay(reg, day)) urls.add(url);
    }
    for (const url of urls) await session.#openJournal(url, o.storage);
    session.#lastSequence = Math.max(reg.lastSequence, ledger.reservedSequence, ...session.#journals.events().map(sequenceOf));
    // Today's journal is made now rather than at the day's first sale (S22): creating and syncing a
    // document costs the register and the relay several times what appending does, and at opening
    // time nobody waits for it — at a relay with a thousand registers, every first sale of the day
    // queued behind the others' (issue 7, P6). A day's journal that exists but is damaged is left to
    // the first write, which replaces it (S16).
    if (journalsOfDay(reg, today).length === 0) {
      const journal = session.#journalFor(today);
      session.#registerDirty = false;
      await o.repo.flush([journal.documentId, register.documentId]);
    }
    const ticketsUrl = session.#store.ticketsDocUrl;
    if (ticketsUrl) session.#tickets = await TicketBook.open(o.repo, ticketsUrl, o.paired.registerId as RegisterId, o.ids, () => session.#refresh());
    await session.#customers.open(session.#store.customersDocUrl);
    store.on("change", ({ doc }) => {
      session.#store = readStore(doc);
      void session.#customers.open(session.#store.customersDocUrl);
      session.#refresh();
    });
    if (o.api) session.#status = new StatusReporter(o.api, () => o.connection.state === "connected", () => session.#journals.unsyncedIds().size, () => o.ids.now());
    o.connection.on("state", () => {
      if (o.connection.state === "connected") {
        void session.measureClock();
        session.#status?.onConnected();
      }
      session.#refresh();
    });
    if (o.connection.state === "connected") {
      void session.measureClock();
      session.#status?.onConnected();
    }
    session.#refresh();
    return session;
  }

  get snapshot(): RegisterSnapshot {
    return (this.#snapshot ??= this.#compute());
  }

  get paired(): PairedRegister {
    return this.#paired;
  }

  /** URLs of this register's journals: one per business day it wrote on, plus any that replaced a damaged one (SPEC S16). */
  get journalUrls(): string[] {
    return allJournalUrls(readRegister(this.#registerHandle.doc()));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Records a sale. Validates first (nothing is written for a refused sale, SPEC S2), then
   * reserves the receipt number in the register document and appends the event to today's journal.
   */
  sell(input: SaleInput, options: { ticketId?: string } = {}): Promise<Result<SaleCompleted, SessionFailure>> {
    return this.#serial(async () => {
      const store = this.#store;
      const now = this.#ids.now();
      const shift = this.#shiftState().open;
      const base = {
        catalog: store.catalog,
        currency: store.settings.currency,
        storeId: this.#paired.storeId as StoreId,
        registerId: this.#paired.registerId as RegisterId,
        registerNumber: this.#paired.registerNumber,
        eventId: newEventId(this.#ids),
        now,
        ...(shift ? { shiftId: shift.shiftId } : {}),
        shiftsRequired: store.settings.useShifts === true,
        allowTaxToggle: store.settings.allowTaxToggle === true,
        ...(store.settings.loyaltyMilliPercent !== undefined ? { loyaltyMilliPercent: store.settings.loyaltyMilliPercent } : {}),
      };
      // The number is taken only when the sale is written: a refused sale consumes none (SPEC S2).
      const sale = completeSale({ ...base, sequence: this.#lastSequence + 1 }, input);
      if (!sale.ok) return sale;
      await this.#append(sale.value);
      // The sale stands on its own; marking the ticket charged is what makes it leave every register's list.
      if (options.ticketId) await this.#tickets?.charge(options.ticketId, sale.value.id, { registerId: this.#paired.registerId as RegisterId, at: now, receiptNumber: sale.value.payload.receipt.number });
      return sale;
    });
  }

  openShift(startingCash: number): Promise<Result<ShiftReport, SessionFailure>> {
    return this.#serial(async () => {
      const event = openShift(this.#shiftState(), this.#eventContext(), { startingCash });
      if (!event.ok) return event;
      await this.#append(event.value, (d, day) => recordShiftEvent(d, event.value.payload.shiftId, day, event.value.deviceTime, "opened"));
      return { ok: true as const, value: this.snapshot.shift!.report };
    });
  }

  /** Pay in (kind "in") or pay out ("out") with a comment. */
  moveCash(kind: "in" | "out", amount: number, comment: string): Promise<Result<ShiftReport, SessionFailure>> {
    return this.#serial(async () => {
      const event = moveCash(this.#shiftState(), this.#eventContext(), { kind, amount, comment });
      if (!event.ok) return event;
      await this.#append(event.value, (d, day) => recordShiftEvent(d, event.value.payload.shiftId, day, event.value.deviceTime, "moved"));
      return { ok: true as const, value: this.snapshot.shift!.report };
    });
  }

  /** Closes the open shift with the counted cash; the result is the final report with the difference. */
  closeShift(countedCash: number): Promise<Result<ShiftReport, SessionFailure>> {
    return this.#serial(async () => {
      const state = this.#shiftState();
      const expected = this.snapshot.shift?.report.expectedCash ?? 0;
      const event = closeShift(state, this.#eventContext(), { countedCash, expectedCash: expected });
      if (!event.ok) return event;
      await this.#append(event.value, (d, day) => recordShiftEvent(d, event.value.payload.shiftId, day, event.value.deviceTime, "closed"));
      const report = shiftReport(event.value.payload.shiftId, this.#journals.events());
      return report ? { ok: true as const, value: report } : { ok: false as const, error: { code: "SHIFT_NOT_FOUND", message: "Shift not found" } };
    });
  }

  /** Shifts kept on this device, newest first, each with its report and whether it is synced. */
  async shiftHistory(limit = 30): Promise<ShiftView[]> {
    const reg = readRegister(this.#registerHandle.doc());
    const entries = Object.entries(reg.shifts ?? {})
      .sort((a, b) => b[1].openedAt - a[1].openedAt)
      .slice(0, limit);
    const views: ShiftView[] = [];
    for (const [shiftId, entry] of entries) {
      const events: KasaEvent[] = [];
      const unsynced = new Set<string>();
      for (const url of entry.days.flatMap((day) => journalsOfDay(reg, day))) {
        const handle = await this.#repo.find<StoredJournalDoc>(url as AutomergeUrl).catch(() => undefined);
        if (!handle) continue;
        const doc = handle.doc() as A.Doc<unknown>;
        events.push(...(readJournalEvents(doc) as KasaEvent[]));
        for (const id of this.#journals.unsyncedOf(handle)) unsynced.add(id);
      }
      const report = shiftReport(shiftId as ShiftId, events);
      if (report) views.push({ report, synced: !events.some((e) => unsynced.has(e.id) && inShift(e, shiftId)) });
    }
    return views;
  }

  /**
   * Refunds part or all of a synced sale from any register of the store (online only, DESIGN O6).
   * The relay approves the request — refusing more than was sold even when two registers race —
   * then the refund is written here like a sale, numbered from this register's sequence. A retry
   * with the same request id after a lost reply gets the same approval, never a second one.
   */
  refund(saleEventId: string, lines: readonly RefundLineInput[], requestId: string = newEventId(this.#ids)): Promise<Result<RefundCompleted, SessionFailure>> {
    return this.#serial(async () => {
      // A retry of a refund this register already wrote returns it: one request id, one refund receipt.
      const done = this.#journals.events().find((e): e is RefundCompleted => e.type === "refund.completed" && e.payload.refund.requestId === requestId);
      if (done) return { ok: true as const, value: done };
      if (!this.#api || this.#connection.state !== "connected") return { ok: false as const, error: { code: "NO_CONNECTION", message: "Refunds need a connection to the relay" } };
      const approval = await this.#api.requestRefund({ requestId, saleEventId, lines });
      if (!approval.ok) return approval;
      const shift = this.#shiftState().open;
      const refund = refundSale(
        {
          storeId: this.#paired.storeId as StoreId,
          registerId: this.#paired.registerId as RegisterId,
          registerNumber: this.#paired.registerNumber,
          sequence: this.#lastSequence + 1,
          eventId: newEventId(this.#ids),
          now: this.#ids.now(),
          ...(shift ? { shiftId: shift.shiftId } : {}),
        },
        approval.value.sale,
        earlierRefunds(approval.value),
        { requestId, lines },
      );
      if (!refund.ok) return refund;
      await this.#append(refund.value);
      return refund;
    });
  }

  /** "Send receipt": queued as an event, sent by the relay after it has it — offline too (DESIGN O9). */
  emailReceipt(receiptEventId: string, email: string): Promise<Result<ReceiptEmailRequested, SessionFailure>> {
    return this.#serial(async () => {
      const receipt = this.#journals.events().find((e) => e.id === receiptEventId);
      const number = receipt?.type === "sale.completed" ? receipt.payload.receipt.number : receipt?.type === "refund.completed" ? receipt.payload.refund.number : undefined;
      if (!receipt || !number) return { ok: false as const, error: { code: "UNKNOWN_RECEIPT", message: "No such receipt on this register" } };
      const ctx = { storeId: this.#paired.storeId as StoreId, registerId: this.#paired.registerId as RegisterId, eventId: newEventId(this.#ids), now: this.#ids.now() };
      const event = requestReceiptEmail(ctx, { eventId: receipt.id, number }, email);
      if (!event.ok) return event;
      await this.#append(event.value);
      return event;
    });
  }

  /** Saves an open ticket (Save instead of Charge). Works offline; shared with every register when online. */
  saveTicket(input: SaveTicketInput): Promise<Result<TicketView, SessionFailure>> {
    return this.#serial(async () => this.#tickets?.save(input) ?? unavailable());
  }

  deleteTicket(ticketId: string): Promise<Result<true, SessionFailure>> {
    return this.#serial(async () => this.#tickets?.delete(ticketId) ?? unavailable());
  }

  /** Customers matching a name, phone, e-mail or customer code, from the offline copy (DESIGN O7). */
  findCustomers(query: string, limit = 50): Customer[] {
    return this.#customers.find(query, limit);
  }

  /** Registers a customer at the relay (online only: it keeps e-mail, phone and code unique, DESIGN O7). */
  registerCustomer(input: CustomerInput, requestId: string = newEventId(this.#ids)): Promise<Result<CustomerRecord, SessionFailure>> {
    return this.#online((api) => api.registerCustomer({ ...input, requestId }));
  }

  /** Edits a customer at the relay (online only). */
  editCustomer(customerId: string, input: CustomerInput, requestId: string = newEventId(this.#ids)): Promise<Result<CustomerRecord, SessionFailure>> {
    return this.#online((api) => api.editCustomer(customerId, { ...input, requestId }));
  }

  /**
   * Redeems a customer's points at the relay (online only, no double spend). Use the answer as
   * `pointsRedeemed: { points, redemptionId: requestId }` on the sale.
   */
  redeemPoints(customerId: string, points: number, requestId: string = newEventId(this.#ids)): Promise<Result<{ customerId: string; points: number; balance: number; requestId: string }, SessionFailure>> {
    return this.#online(async (api) => {
      const r = await api.redeemPoints({ requestId, customerId, points });
      return r.ok ? { ok: true as const, value: { ...r.value, requestId } } : r;
    });
  }

  /**
   * Gives a redemption's points back to the customer when no sale will use it (S20, relay RL52): the
   * ticket was cleared or its customer taken off. Online only; offline the relay releases it by
   * itself after a while. Safe to retry: releasing twice answers the same.
   */
  releasePoints(redemptionId: string): Promise<Result<{ redemptionId: string; customerId: string; points: number; balance: number }, SessionFailure>> {
    return this.#online(async (api) => {
      const r = await api.releasePoints({ redemptionId });
      return r.ok ? { ok: true as const, value: { redemptionId, customerId: r.value.customerId, points: r.value.points, balance: r.value.balance } } : r;
    });
  }

  /** Live on-hand stock (milli-units) of tracked items from the relay; offline there is none (DESIGN O11). */
  stock(itemIds: readonly string[]): Promise<Result<Record<string, number>, SessionFailure>> {
    return this.#online(async (api) => {
      const r = await api.stock(itemIds);
      return r.ok ? { ok: true as const, value: r.value.stock } : r;
    });
  }

  /** Measures the relay's clock against the device's; called on every connection. */
  async measureClock(): Promise<number | undefined> {
    if (!this.#api || this.#connection.state !== "connected") return this.#clockSkewMs;
    const r = await this.#api.time();
    if (!r.ok) return this.#clockSkewMs;
    // The relay read its clock about half a round trip ago.
    this.#clockSkewMs = Math.round(r.value.relayTime + r.value.roundTripMs / 2 - this.#ids.now());
    this.#refresh();
    return this.#clockSkewMs;
  }

  /** What blocks signing out (DESIGN O3): events the relay does not have on its disk yet. */
  signOutBlockers(): { unsynced: number } {
    return { unsynced: this.#journals.unsyncedIds().size };
  }

  /**
   * Deletes this register's local data — refused with UNSYNCED_DATA while anything is unsynced,
   * so neither signing out nor a reset ever loses a receipt (DESIGN O3). Closes the session.
   */
  resetLocalData(): Promise<Result<{ wiped: boolean }, SessionFailure>> {
    return this.#serial(async () => {
      const { unsynced } = this.signOutBlockers();
      if (unsynced > 0) return { ok: false as const, error: { code: "UNSYNCED_DATA", message: `${unsynced} event(s) are not on the relay yet; connect and sync first` } };
      this.#closed = true;
      this.#status?.stop();
      this.#listeners.clear();
      if (this.#wipe) await this.#wipe();
      return { ok: true as const, value: { wiped: this.#wipe !== undefined } };
    });
  }

  /** Asks the connection to try the relay now (the ⋮ menu's Sync). */
  syncNow(): void {
    this.#connection.reconnectNow();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#status?.stop();
    await this.#queue;
    await this.#ledger.flush().catch(() => undefined);
    this.#listeners.clear();
  }

  /** Commands run one at a time: two quick taps never share a receipt number (SPEC S7). */
  #serial<T>(run: () => Promise<Result<T, SessionFailure>>): Promise<Result<T, SessionFailure>> {
    const next = this.#queue.then(() =>
      this.#closed ? { ok: false as const, error: { code: "REGISTER_CLOSED", message: "The register is closed" } } : run(),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #online<T>(run: (api: RelayApi) => Promise<Result<T, SessionFailure>>): Promise<Result<T, SessionFailure>> {
    if (!this.#api || this.#connection.state !== "connected") return Promise.resolve({ ok: false as const, error: { code: "NO_CONNECTION", message: "This needs a connection to the relay" } });
    return run(this.#api);
  }

  #eventContext() {
    const cashier = this.#cashier();
    return {
      storeId: this.#paired.storeId as StoreId,
      registerId: this.#paired.registerId as RegisterId,
      eventId: newEventId(this.#ids),
      now: this.#ids.now(),
      ...(cashier ? { cashier } : {}),
    };
  }

  /** The one write path: the event into its day's journal, the register document's indexes, then both to local storage. */
  async #append(event: KasaEvent, indexRegister?: (d: StoredRegisterDoc, day: string) => void): Promise<void> {
    // The number is durably taken before the change exists: automerge-repo may send the change to
    // the relay before our own flush lands, and a crash in between must not hand it out again.
    if (sequenceOf(event) > 0) await this.#ledger.reserveSequence(sequenceOf(event));
    const day = businessDay(event.deviceTime, this.#store.settings.timeZone);
    const journal = this.#journalFor(day);
    journal.change((d) => void appendEvent(d, event));
    if (indexRegister) this.#registerHandle.change((d) => indexRegister(d, day));
    this.#journals.recordWrite(journal, event);
    this.#lastSequence = Math.max(this.#lastSequence, sequenceOf(event));
    // Only what changed goes to storage: on the sale path that is the journal alone.
    const changed = indexRegister || this.#registerDirty ? [journal.documentId, this.#registerHandle.documentId] : [journal.documentId];
    this.#registerDirty = false;
    await this.#repo.flush(changed);
    this.#ledger.noteWritten(journal.documentId, A.getHeads(journal.doc() as A.Doc<unknown>));
    if (!this.#ledger.isPending(journal.documentId)) await this.#ledger.markPending(journal.documentId, journal.url);
    this.#refresh();
  }

  /**
   * Opens a journal from local storage. One whose chunks no longer decode is salvaged (bad chunks set
   * aside, the rest loaded) and reported; one that can't be opened at all is reported, never fatal:
   * the till opens and sells either way (SPEC S15).
   */
  async #openJournal(url: string, storage: StorageAdapterInterface): Promise<void> {
    const documentId = url.replace(/^automerge:/, "");
    // Chunks the checked storage set aside while loading this journal (S19).
    const setAside = () => (storage instanceof CheckedStorageAdapter ? storage.setAside(documentId) : []);
    const damage = (error?: string) => {
      const chunks = setAside();
      if (chunks.length === 0 && error === undefined) return undefined;
      return { chunksSetAside: chunks.length, error: [...chunks.map((c) => c.reason), ...(error === undefined ? [] : [error])].join("; ") };
    };
    try {
      const handle = await this.#repo.find<StoredJournalDoc>(url as AutomergeUrl);
      this.#journals.watch(handle, damage());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const salvaged = await salvageJournal<StoredJournalDoc>(this.#repo, storage, url).catch(() => undefined);
      // No chunk was bad (a chunk file is simply gone): the load check below says what is missing.
      const setAsideCount = salvaged ? salvaged.chunksSetAside + setAside().length : 0;
      if (salvaged) this.#journals.watch(salvaged.handle, setAsideCount > 0 ? { chunksSetAside: setAsideCount, error: message } : undefined);
      else {
        const info = damage(message)!;
        this.#journals.reportUnopenable(url, info.error, info.chunksSetAside);
        // Nothing of it left here; the relay may still have it, and automerge-repo asks for it once connected.
        const stuck = this.#repo.handles[documentId as DocumentId] as DocHandle<StoredJournalDoc> | undefined;
        stuck?.whenReady(["ready"]).then(() => {
          if (!this.#closed) this.#journals.watch(stuck, info);
          this.#refresh();
        }, () => undefined);
      }
    }
    for (const damaged of this.#journals.damaged().filter((d) => d.url === url)) {
      // Also in the log, naming the document: the operator may read it there rather than on the screen.
      console.error(`kasa: journal ${damaged.documentId} is damaged on this device (${damaged.problem}: ${damaged.detail}); it will be restored from the relay`);
    }
  }

  #journalFor(day: string): DocHandle<StoredJournalDoc> {
    const url = readRegister(this.#registerHandle.doc()).journals[day];
    const open = url === undefined ? undefined : this.#journals.byUrl(url);
    if (open && isWritableJournal(open.doc())) return open;
    // First event of the business day: create its journal and index it in the register document.
    // Or the day's journal lost its creation on this device (or would not open): writing into it
    // would lose the merge with the relay's copy (F5), so the day goes on in a new journal (SPEC S16).
    const created = this.#repo.create<StoredJournalDoc>(
      initialJournalDoc(this.#paired.storeId as StoreId, this.#paired.registerId as RegisterId, day as BusinessDay),
    );
    // Also carry the sequence forward, so a new day's first receipt continues the numbering without yesterday's journal.
    const last = this.#lastSequence;
    this.#registerHandle.change((d) => {
      if (url === undefined) recordJournal(d, day, created.url);
      else replaceJournal(d, day, created.url);
      advanceSequence(d, last);
    });
    this.#registerDirty = true;
    this.#journals.watch(created);
    return created;
  }

  #shiftState(): ShiftState {
    const entry = openShiftEntry(readRegister(this.#registerHandle.doc()));
    if (!entry) return {};
    // Only the shift's opening event, not its whole report: this runs on every sale, and the report
    // goes over every event of the day (what shiftReport requires of an open shift: its opening is loaded).
    const opened = this.#journals.findEvent((e): e is ShiftOpened => e.type === "shift.opened" && e.payload.shiftId === entry[0]);
    return opened ? { open: { shiftId: opened.payload.shiftId, openedAt: opened.deviceTime, startingCash: opened.payload.startingCash } } : {};
  }

  #refresh(): void {
    if (this.#closed) return;
    this.#snapshot = undefined;
    this.#status?.onChange();
    for (const l of this.#listeners) l();
  }

  #compute(): RegisterSnapshot {
    const receipts: LocalReceipt[] = [];
    const refunds: LocalRefund[] = [];
    for (const { event, synced } of this.#journals.eventsWithSync()) {
      if (event.type === "sale.completed") receipts.push({ event, synced });
      else if (event.type === "refund.completed") refunds.push({ event, synced });
    }
    // Newest first: event ids are UUIDv7, so id order is time order.
    receipts.sort((a, b) => (a.event.id < b.event.id ? 1 : -1));
    refunds.sort((a, b) => (a.event.id < b.event.id ? 1 : -1));
    const unsyncedIds = this.#journals.unsyncedIds();
    const entry = openShiftEntry(readRegister(this.#registerHandle.doc()));
    const events = this.#journals.events();
    const report = entry ? shiftReport(entry[0] as ShiftId, events) : undefined;
    const shift = report ? { report, synced: !events.some((e) => unsyncedIds.has(e.id) && inShift(e, report.shiftId)) } : undefined;
    return {
      store: this.#store,
      receipts,
      refunds,
      unsyncedCount: unsyncedIds.size,
      connection: this.#connection.status,
      shift,
      shiftsRequired: this.#store.settings.useShifts === true,
      tickets: this.#tickets?.open ?? [],
      ticketsChargedTwice: this.#tickets?.chargedTwice ?? [],
      customers: this.#customers.all,
      clockSkewMs: this.#clockSkewMs,
      damagedJournals: this.#journals.damaged(),
    };
  }
}

/** The register's open shift in its index: opened and not closed, the latest if several. */
function openShiftEntry(reg: RegisterDoc): [string, { openedAt: number; days: readonly string[] }] | undefined {
  return Object.entries(reg.shifts ?? {})
    .filter(([, s]) => s.closedAt === undefined)
    .sort((a, b) => b[1].openedAt - a[1].openedAt)[0];
}

function unavailable(): { ok: false; error: TicketFailure } {
  return { ok: false, error: { code: "TICKETS_UNAVAILABLE", message: "Open tickets are not available on this register yet" } };
}

function sequenceOf(e: KasaEvent): number {
  return e.type === "sale.completed" ? e.payload.receipt.sequence : e.type === "refund.completed" ? e.payload.refund.sequence : 0;
}

function inShift(e: KasaEvent, shiftId: string): boolean {
  return shiftIdOf(e) === shiftId;
}
