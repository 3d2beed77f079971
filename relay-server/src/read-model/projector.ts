import type { DocHandle } from "@automerge/automerge-repo";
import { parseEvent, type ReceiptEmailRequested, type RefundCompleted, type SaleCompleted } from "@kasa/domain";
import { addEmailRequests, addRefunds, refundProblem } from "./refunds.js";
import { docKind, journalEventIds, readJournalEvents, readJournalHeader } from "@kasa/documents";
import type { Logger } from "pino";
import type { Directory } from "../db/directory.js";
import type { ReadModel, ReceiptRow } from "./read-model.js";
import { addShiftEvents, isShiftEvent, type ShiftEvent } from "./shifts.js";

export interface ProjectorEvents {
  onReceipts?(storeId: string, rows: ReceiptRow[]): void;
  onQuarantine?(storeId: string, count: number): void;
}

/**
 * Projects durable journal events into the read model. Runs after each durable flush, so the back
 * office never shows a receipt the relay could still lose. Events that fail validation, or claim
 * a store or register other than the journal's owner, go to quarantine — they never block the rest.
 */
export class Projector {
  readonly #known = new Map<string, Set<string>>();

  constructor(
    private readonly readModel: ReadModel,
    private readonly directory: Directory,
    private readonly log: Logger,
    private readonly events: ProjectorEvents = {},
    private readonly now: () => number = Date.now,
  ) {}

  project(handle: DocHandle<unknown>): void {
    this.projectDoc(handle.documentId, handle.doc());
  }

  /** Projects one document's state; also used offline to rebuild the read model after a restore. */
  projectDoc(docId: string, doc: unknown): void {
    if (docKind(doc) !== "journal") return;
    const owner = this.directory.documentOwner(docId);
    if (!owner) return;
    let known = this.#known.get(docId);
    if (!known) {
      known = this.readModel.knownEventIds(docId);
      this.#known.set(docId, known);
    }
    const fresh = journalEventIds(doc).filter((id) => !known.has(id));
    if (fresh.length === 0) return;

    const header = readJournalHeader(doc);
    const valid: SaleCompleted[] = [];
    const refunds: RefundCompleted[] = [];
    const emails: ReceiptEmailRequested[] = [];
    const shiftEvents: ShiftEvent[] = [];
    let quarantined = 0;
    for (const raw of readJournalEvents(doc, fresh)) {
      const id = String((raw as { id?: unknown }).id ?? "?");
      const parsed = parseEvent(raw);
      let problem: { code: string; reason: string } | undefined;
      if (!parsed.ok) problem = { code: parsed.error.code, reason: parsed.error.message };
      else if (parsed.value.storeId !== owner.storeId || header.storeId !== owner.storeId) problem = { code: "WRONG_STORE", reason: "event names another store than the journal's owner" };
      else if (parsed.value.registerId !== owner.registerId || header.registerId !== owner.registerId) problem = { code: "WRONG_REGISTER", reason: "event names another register than the journal's writer" };
      else if (parsed.value.type === "refund.completed") problem = refundProblem(this.readModel.db, parsed.value);
      known.add(id);
      if (problem) {
        quarantined++;
        this.log.warn({ docId, eventId: id, ...problem }, "event quarantined");
        this.readModel.quarantine({ docId, eventId: id, storeId: owner.storeId, ...problem, raw: JSON.stringify(raw).slice(0, 100_000), at: this.now() });
      } else if (parsed.ok && parsed.value.type === "sale.completed") {
        valid.push(parsed.value);
      } else if (parsed.ok && parsed.value.type === "refund.completed") {
        refunds.push(parsed.value);
      } else if (parsed.ok && parsed.value.type === "receipt.email-requested") {
        emails.push(parsed.value);
      } else if (parsed.ok && isShiftEvent(parsed.value)) {
        shiftEvents.push(parsed.value);
      }
    }
    const added = this.readModel.addReceipts(docId, valid, this.now());
    const newRefunds = addRefunds(this.readModel.db, docId, refunds, this.now());
    addEmailRequests(this.readModel.db, emails);
    addShiftEvents(this.readModel.db, docId, shiftEvents, this.now());
    // A refund alone also tells the listeners (points taken back, RL50): their rows are the new sales only.
    if (added.length > 0 || newRefunds.length > 0) this.events.onReceipts?.(owner.storeId, added);
    if (quarantined > 0) this.events.onQuarantine?.(owner.storeId, quarantined);
  }

  /** Forget cached ids of a document that was unloaded from memory. */
  forget(docId: string): void {
    this.#known.delete(docId);
  }
}
