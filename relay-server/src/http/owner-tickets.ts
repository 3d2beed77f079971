import { Hono } from "hono";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import { readTickets, type StoreDoc } from "@kasa/documents";
import { HttpError } from "../errors.js";

type Env = { Variables: { ownerId: string } };

/** One sale that charged a ticket, with who made it, in the words the back office shows. */
export interface ChargeView {
  readonly saleEventId: string;
  readonly receiptNumber: string;
  readonly registerId: string;
  /** From the store document's register entry; null for a register it no longer lists. */
  readonly registerNumber: number | null;
  readonly registerName: string | null;
  /** Device time of the sale (UTC ms). */
  readonly at: number;
}

export interface ChargedTwiceTicket {
  readonly ticketId: string;
  readonly name: string;
  readonly comment: string;
  readonly charges: readonly ChargeView[];
}

/**
 * Open tickets charged on two registers while apart (documents TK4, SPEC RL61). Both receipts stand
 * and the registers flag the ticket; this lets the owner see it too, to check with the customer and
 * refund one sale if it was paid twice. Read straight from the store's open-tickets document: the
 * read model has no ticket table, and the document is small (one store's open tickets).
 */
export function createOwnerTicketRoutes(deps: { repo: Repo; storeDoc: (storeId: string) => Promise<StoreDoc | undefined> }): Hono<Env> {
  const r = new Hono<Env>();

  r.get("/stores/:storeId/tickets/charged-twice", async (c) => {
    const store = await deps.storeDoc(c.req.param("storeId"));
    if (!store) throw new HttpError("NOT_FOUND", "no such store");
    // A store made before open tickets existed has no tickets document: nothing can be charged twice.
    if (!store.ticketsDocUrl) return c.json({ tickets: [] });
    const handle = await deps.repo.find(store.ticketsDocUrl as AutomergeUrl);
    const registers = Object.values(store.registers ?? {});
    const tickets: ChargedTwiceTicket[] = readTickets(handle.doc())
      .filter((t) => t.status === "charged-twice")
      .map((t) => ({
        ticketId: t.id,
        name: t.name,
        comment: t.comment,
        charges: [...t.charges]
          .sort((a, b) => a.at - b.at || (a.saleEventId < b.saleEventId ? -1 : 1))
          .map((ch) => {
            const reg = registers.find((x) => x.registerId === ch.registerId);
            return {
              saleEventId: ch.saleEventId,
              receiptNumber: ch.receiptNumber,
              registerId: ch.registerId,
              registerNumber: reg?.number ?? null,
              registerName: reg?.name ?? null,
              at: ch.at,
            };
          }),
      }))
      // Most recently charged first: the newest problem is the one the owner hears about next.
      .sort((a, b) => (b.charges.at(-1)?.at ?? 0) - (a.charges.at(-1)?.at ?? 0) || (a.ticketId < b.ticketId ? -1 : 1));
    return c.json({ tickets });
  });

  return r;
}
