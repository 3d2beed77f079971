import type { AutomergeUrl, DocHandle, Repo } from "@automerge/automerge-repo/slim";
import type { IdSource, RegisterId, TaxId, TicketDiscountInput, TicketLineInput } from "@kasa/domain";
import { newEventId } from "@kasa/domain";
import { chargeTicket, deleteTicket, readTickets, saveTicket, type Stored, type TicketCharge, type TicketsDoc, type TicketView } from "@kasa/documents";

export interface SaveTicketInput {
  /** Absent for a new ticket. */
  readonly id?: string;
  readonly name: string;
  readonly comment: string;
  readonly lines: readonly (TicketLineInput & { readonly lineId: string })[];
  /** Whole-ticket discounts; absent or empty: none (TK5). */
  readonly discounts?: readonly TicketDiscountInput[];
  readonly disabledTaxIds?: readonly TaxId[];
  /** The attached customer; absent: none. */
  readonly customerId?: string;
  /** Points already redeemed at the relay for this ticket, applied by whichever register charges it. */
  readonly pointsRedeemed?: { readonly points: number; readonly redemptionId: string };
}

export type TicketFailure = { readonly code: "TICKETS_UNAVAILABLE" | "EMPTY_SALE" | "TICKET_NAME_INVALID" | "TICKET_NOT_FOUND"; readonly message: string };

/** Longest ticket name: fits a tile on the tickets screen and a kitchen printer line. */
const MAX_TICKET_NAME = 60;

/**
 * The store's open tickets as this register sees them. Writes are local first: offline they stay
 * in this register's copy and merge into the store's tickets on reconnection (DESIGN O8).
 */
export class TicketBook {
  #views: TicketView[];

  private constructor(
    private readonly repo: Repo,
    private readonly handle: DocHandle<Stored<TicketsDoc>>,
    private readonly registerId: RegisterId,
    private readonly ids: IdSource,
    onChange: () => void,
  ) {
    this.#views = readTickets(handle.doc());
    handle.on("change", ({ doc }) => {
      this.#views = readTickets(doc);
      onChange();
    });
  }

  /** Opens the store's tickets document from local storage (or the relay); undefined if neither has it yet. */
  static async open(repo: Repo, url: string, registerId: RegisterId, ids: IdSource, onChange: () => void): Promise<TicketBook | undefined> {
    const handle = await repo.find<Stored<TicketsDoc>>(url as AutomergeUrl).catch(() => undefined);
    return handle ? new TicketBook(repo, handle, registerId, ids, onChange) : undefined;
  }

  get open(): TicketView[] {
    return this.#views.filter((t) => t.status === "open");
  }

  get chargedTwice(): TicketView[] {
    return this.#views.filter((t) => t.status === "charged-twice");
  }

  async save(input: SaveTicketInput): Promise<{ ok: true; value: TicketView } | { ok: false; error: TicketFailure }> {
    if (input.lines.length === 0) return { ok: false, error: { code: "EMPTY_SALE", message: "The ticket has no items" } };
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_TICKET_NAME) return { ok: false, error: { code: "TICKET_NAME_INVALID", message: `A ticket needs a name of at most ${MAX_TICKET_NAME} characters` } };
    const id = input.id ?? newEventId(this.ids);
    const { id: _id, name: _name, comment, ...rest } = input;
    this.handle.change((d) => saveTicket(d, { ...rest, id, name, comment: comment.trim() }, this.registerId, this.ids.now()));
    await this.repo.flush([this.handle.documentId]);
    return { ok: true, value: readTickets(this.handle.doc()).find((t) => t.id === id)! };
  }

  async delete(ticketId: string): Promise<{ ok: true; value: true } | { ok: false; error: TicketFailure }> {
    let deleted = false;
    this.handle.change((d) => void (deleted = deleteTicket(d, ticketId, this.registerId, this.ids.now())));
    if (!deleted) return { ok: false, error: { code: "TICKET_NOT_FOUND", message: "No such open ticket" } };
    await this.repo.flush([this.handle.documentId]);
    return { ok: true, value: true };
  }

  /** Marks a ticket charged by a sale: it leaves every register's list. */
  async charge(ticketId: string, saleEventId: string, charge: TicketCharge): Promise<void> {
    this.handle.change((d) => void chargeTicket(d, ticketId, saleEventId, charge));
    await this.repo.flush([this.handle.documentId]);
  }
}
