import { ONE_UNIT, priceTicket, type Catalog, type CatalogItem, type ItemId, type Result, type TicketLineInput, type TicketTotals } from "@kasa/domain";
import { Observable } from "./observable.js";

export interface TicketLine {
  /** Stable key for rendering and editing; not part of the sale. */
  readonly key: number;
  readonly itemId: ItemId;
  readonly quantityMilli: number;
}

/**
 * The ticket being built at the till. Pieces of the same item share a line; every weighing is its
 * own line (two bags of olives are two weighings). Prices come from the domain, never from here.
 */
export class TicketModel extends Observable {
  #lines: TicketLine[] = [];
  #nextKey = 1;
  #priced: { catalog: Catalog; lines: readonly TicketLine[]; result: Result<TicketTotals> } | undefined;

  get lines(): readonly TicketLine[] {
    return this.#lines;
  }

  get isEmpty(): boolean {
    return this.#lines.length === 0;
  }

  /** Number of pieces plus one per weighed line, for the ticket header. */
  get itemCount(): number {
    return this.#lines.reduce((n, l) => n + (l.quantityMilli % ONE_UNIT === 0 ? l.quantityMilli / ONE_UNIT : 1), 0);
  }

  addPiece(item: CatalogItem): void {
    const existing = this.#lines.find((l) => l.itemId === item.id);
    if (existing) this.#replace(existing.key, existing.quantityMilli + ONE_UNIT);
    else this.#set([...this.#lines, { key: this.#nextKey++, itemId: item.id, quantityMilli: ONE_UNIT }]);
  }

  addWeighed(item: CatalogItem, grams: number): void {
    this.#set([...this.#lines, { key: this.#nextKey++, itemId: item.id, quantityMilli: grams }]);
  }

  increment(key: number): void {
    const line = this.#find(key);
    if (line) this.#replace(key, line.quantityMilli + ONE_UNIT);
  }

  /** One piece less; a line never goes below one piece (remove it instead). */
  decrement(key: number): void {
    const line = this.#find(key);
    if (line && line.quantityMilli > ONE_UNIT) this.#replace(key, line.quantityMilli - ONE_UNIT);
  }

  setQuantity(key: number, quantityMilli: number): void {
    if (quantityMilli > 0) this.#replace(key, quantityMilli);
  }

  remove(key: number): void {
    this.#set(this.#lines.filter((l) => l.key !== key));
  }

  clear(): void {
    this.#set([]);
  }

  /** The lines as the sale command takes them. */
  input(): TicketLineInput[] {
    return this.#lines.map(({ itemId, quantityMilli }) => ({ itemId, quantityMilli }));
  }

  /** Priced by the domain; remembered until the lines or the catalog change. */
  priced(catalog: Catalog): Result<TicketTotals> {
    const cached = this.#priced;
    if (cached && cached.catalog === catalog && cached.lines === this.#lines) return cached.result;
    const result = priceTicket(catalog, this.input());
    this.#priced = { catalog, lines: this.#lines, result };
    return result;
  }

  #find(key: number): TicketLine | undefined {
    return this.#lines.find((l) => l.key === key);
  }

  #replace(key: number, quantityMilli: number): void {
    this.#set(this.#lines.map((l) => (l.key === key ? { ...l, quantityMilli } : l)));
  }

  #set(lines: TicketLine[]): void {
    this.#lines = lines;
    this.notify();
  }
}
