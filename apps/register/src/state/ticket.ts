import {
  ONE_UNIT,
  priceTicket,
  type Catalog,
  type CatalogItem,
  type DiscountId,
  type ItemId,
  type Result,
  type SaleInput,
  type TaxId,
  type TicketDiscountInput,
  type TicketLineInput,
  type TicketTotals,
  type VariantId,
} from "@kasa/domain";
import { Observable } from "./observable.js";

/** What the variant and modifier dialog decides for a line. */
export interface LineConfig {
  readonly variantId?: VariantId;
  /** "<modifierSetId>:<optionId>", as the domain takes them. */
  readonly modifierOptions?: readonly string[];
}

export interface TicketLine extends LineConfig {
  /** Stable key for rendering and editing; not part of the sale. */
  readonly key: number;
  readonly itemId: ItemId;
  readonly quantityMilli: number;
  readonly discountIds?: readonly DiscountId[];
  readonly comment?: string;
  /** The line's id on an open ticket (kept when a saved ticket is loaded, so saving updates the same line). */
  readonly lineId?: string;
}

/** The saved open ticket this ticket was loaded from (or saved as). */
export interface OpenTicketRef {
  readonly id: string;
  readonly name: string;
  readonly comment: string;
}

/** A saved ticket's line as the tickets document keeps it. */
export type SavedTicketLine = TicketLineInput & { readonly lineId: string };

/** Points redeemed at the relay for this ticket (1 point = 1 minor unit off the total). */
export interface PointsRedemption {
  readonly points: number;
  readonly redemptionId: string;
}

/** Everything an open ticket keeps besides its name (TK5): reopening it restores all of it. */
export interface SavedTicketContent {
  readonly lines: readonly SavedTicketLine[];
  readonly discounts?: readonly TicketDiscountInput[];
  readonly disabledTaxIds?: readonly TaxId[];
  readonly customerId?: string;
  readonly pointsRedeemed?: PointsRedemption;
}

/** A line's editable parts, as the line dialog saves them in one go. */
export interface LineEdit extends LineConfig {
  readonly quantityMilli?: number;
  readonly comment?: string;
  readonly discountIds?: readonly DiscountId[];
}

/** The store settings pricing depends on. */
export interface PricingRules {
  readonly allowTaxToggle: boolean;
}

const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The ticket being built at the till: lines (with variant, modifiers, line discounts, comment),
 * whole-ticket discounts and taxes switched off. Prices always come from the domain's
 * `priceTicket`, never from here.
 */
export class TicketModel extends Observable {
  #lines: readonly TicketLine[] = [];
  #discounts: readonly TicketDiscountInput[] = [];
  #disabledTaxIds: readonly TaxId[] = [];
  #nextKey = 1;
  #openTicket: OpenTicketRef | undefined;
  #customerId: string | undefined;
  #pointsRedeemed: PointsRedemption | undefined;
  /** The redemption the saved open ticket this one was loaded from keeps: clearing the till doesn't abandon it. */
  #savedRedemptionId: string | undefined;
  /**
   * Called with redeemed points the ticket gave up without a sale (the cashier cleared it or took the
   * customer off): the app asks the relay to give them back (relay RL52).
   */
  onPointsAbandoned: ((redemption: PointsRedemption) => void) | undefined;
  #priced: { catalog: Catalog; version: number; rules: boolean; result: Result<TicketTotals> } | undefined;
  /** Bumped on every change: the pricing cache's key. */
  #version = 0;

  get lines(): readonly TicketLine[] {
    return this.#lines;
  }

  get discounts(): readonly TicketDiscountInput[] {
    return this.#discounts;
  }

  get disabledTaxIds(): readonly TaxId[] {
    return this.#disabledTaxIds;
  }

  /** The customer on the ticket (DESIGN O7): earns points with the sale. */
  get customerId(): string | undefined {
    return this.#customerId;
  }

  /**
   * Attaches (or with undefined, detaches) the customer. Points redeemed for the previous customer
   * come off the ticket (the sale must name the customer whose points the relay spent, the domain's
   * POINTS_INVALID) and are handed to `onPointsAbandoned`; returns them, or undefined.
   */
  setCustomer(customerId: string | undefined): PointsRedemption | undefined {
    if (customerId === this.#customerId) return undefined;
    const abandoned = this.#pointsRedeemed;
    this.#customerId = customerId;
    this.#pointsRedeemed = undefined;
    this.#changed();
    if (abandoned) this.onPointsAbandoned?.(abandoned);
    return abandoned;
  }

  /** Points redeemed at the relay for this ticket: an amount discount on the total (D30). */
  get pointsRedeemed(): PointsRedemption | undefined {
    return this.#pointsRedeemed;
  }

  /** Applies the redemption the relay granted (a sale carries one); undefined takes it off the ticket. */
  setPointsRedeemed(redemption: PointsRedemption | undefined): void {
    this.#pointsRedeemed = redemption;
    this.#changed();
  }

  /** The open ticket being edited; undefined for a fresh sale. */
  get openTicket(): OpenTicketRef | undefined {
    return this.#openTicket;
  }

  /**
   * Replaces the ticket with a saved open ticket: its lines (keeping their ids, so saving updates
   * them), ticket discounts, switched-off taxes, customer and redeemed points (TK5).
   */
  loadSaved(ref: OpenTicketRef, saved: SavedTicketContent): void {
    this.#lines = saved.lines.map((l) => ({
      key: this.#nextKey++,
      itemId: l.itemId as ItemId,
      quantityMilli: l.quantityMilli,
      lineId: l.lineId,
      ...optional("variantId", l.variantId as VariantId | undefined),
      ...optional("modifierOptions", nonEmpty(l.modifierOptions)),
      ...optional("discountIds", nonEmpty(l.discountIds as readonly DiscountId[] | undefined)),
      ...optional("comment", l.comment),
    }));
    this.#discounts = [...(saved.discounts ?? [])];
    this.#disabledTaxIds = [...(saved.disabledTaxIds ?? [])];
    this.#customerId = saved.customerId;
    this.#pointsRedeemed = saved.pointsRedeemed;
    this.#savedRedemptionId = saved.pointsRedeemed?.redemptionId;
    this.#openTicket = { id: ref.id, name: ref.name, comment: ref.comment };
    this.#changed();
  }

  /** The ticket as an open ticket stores it (new lines get an id): see `loadSaved`. */
  savedContent(newId?: () => string): SavedTicketContent {
    return {
      lines: this.savedLines(newId),
      discounts: this.#discounts,
      disabledTaxIds: this.#disabledTaxIds,
      ...(this.#customerId ? { customerId: this.#customerId } : {}),
      ...(this.#pointsRedeemed ? { pointsRedeemed: this.#pointsRedeemed } : {}),
    };
  }

  /** Remembers which open ticket this is after a save (the next save updates it). */
  markSaved(ref: OpenTicketRef): void {
    this.#openTicket = { id: ref.id, name: ref.name, comment: ref.comment };
    this.#savedRedemptionId = this.#pointsRedeemed?.redemptionId;
    this.#changed();
  }

  /** The lines as an open ticket stores them: each with a stable line id (new lines get one). */
  savedLines(newId: () => string = () => crypto.randomUUID()): SavedTicketLine[] {
    this.#lines = this.#lines.map((l) => (l.lineId ? l : { ...l, lineId: newId() }));
    return this.#lines.map((l) => ({
      lineId: l.lineId!,
      itemId: l.itemId,
      quantityMilli: l.quantityMilli,
      ...optional("variantId", l.variantId),
      ...optional("modifierOptions", l.modifierOptions),
      ...optional("discountIds", l.discountIds),
      ...optional("comment", l.comment),
    }));
  }

  get isEmpty(): boolean {
    return this.#lines.length === 0;
  }

  /** Number of pieces plus one per weighed line, for the ticket header. */
  get itemCount(): number {
    return this.#lines.reduce((n, l) => n + (l.quantityMilli % ONE_UNIT === 0 ? l.quantityMilli / ONE_UNIT : 1), 0);
  }

  line(key: number): TicketLine | undefined {
    return this.#lines.find((l) => l.key === key);
  }

  /**
   * One more piece. A piece with the same variant and modifiers joins its line, unless that line
   * was given a comment or its own discounts: an annotated line stays as the cashier left it.
   */
  addPiece(item: CatalogItem, config: LineConfig = {}): void {
    const existing = this.#lines.find(
      (l) =>
        l.itemId === item.id &&
        l.variantId === config.variantId &&
        sameSet(l.modifierOptions, config.modifierOptions) &&
        l.comment === undefined &&
        (l.discountIds ?? []).length === 0 &&
        l.quantityMilli % ONE_UNIT === 0,
    );
    if (existing) this.#replace(existing.key, { quantityMilli: existing.quantityMilli + ONE_UNIT });
    else this.#setLines([...this.#lines, this.#newLine(item.id, ONE_UNIT, config)]);
  }

  /** Every weighing is its own line (two bags of olives are two weighings). */
  addWeighed(item: CatalogItem, grams: number, config: LineConfig = {}): void {
    this.#setLines([...this.#lines, this.#newLine(item.id, grams, config)]);
  }

  increment(key: number): void {
    const line = this.line(key);
    if (line) this.#replace(key, { quantityMilli: line.quantityMilli + ONE_UNIT });
  }

  /** One piece less; a line never goes below one piece (remove it instead). */
  decrement(key: number): void {
    const line = this.line(key);
    if (line && line.quantityMilli > ONE_UNIT) this.#replace(key, { quantityMilli: line.quantityMilli - ONE_UNIT });
  }

  setQuantity(key: number, quantityMilli: number): void {
    if (quantityMilli > 0) this.#replace(key, { quantityMilli });
  }

  /** Saves what the line dialog changed, as one change. An empty comment removes it. */
  updateLine(key: number, edit: LineEdit): void {
    const line = this.line(key);
    if (!line) return;
    const comment = edit.comment === undefined ? line.comment : edit.comment.trim() === "" ? undefined : edit.comment.trim();
    const next: TicketLine = {
      key,
      itemId: line.itemId,
      ...optional("lineId", line.lineId),
      quantityMilli: edit.quantityMilli !== undefined && edit.quantityMilli > 0 ? edit.quantityMilli : line.quantityMilli,
      ...optional("variantId", "variantId" in edit ? edit.variantId : line.variantId),
      ...optional("modifierOptions", nonEmpty("modifierOptions" in edit ? edit.modifierOptions : line.modifierOptions)),
      ...optional("discountIds", nonEmpty(edit.discountIds ?? line.discountIds)),
      ...optional("comment", comment),
    };
    this.#setLines(this.#lines.map((l) => (l.key === key ? next : l)));
  }

  remove(key: number): void {
    this.#setLines(this.#lines.filter((l) => l.key !== key));
  }

  /**
   * Empties the ticket: lines, discounts and tax switches (a new sale starts clean). For after a sale
   * or a save, which keep the redeemed points; the cashier's Clear is `discard`.
   */
  clear(): void {
    this.#lines = [];
    this.#discounts = [];
    this.#disabledTaxIds = [];
    this.#openTicket = undefined;
    this.#customerId = undefined;
    this.#pointsRedeemed = undefined;
    this.#savedRedemptionId = undefined;
    this.#changed();
  }

  /**
   * The cashier clears the ticket without selling it: redeemed points that no saved open ticket
   * keeps are abandoned (handed to `onPointsAbandoned` and returned).
   */
  discard(): PointsRedemption | undefined {
    const redeemed = this.#pointsRedeemed;
    const abandoned = redeemed && redeemed.redemptionId !== this.#savedRedemptionId ? redeemed : undefined;
    this.clear();
    if (abandoned) this.onPointsAbandoned?.(abandoned);
    return abandoned;
  }

  /** Adds a whole-ticket discount; adding one that is already on replaces its entered value. */
  addDiscount(discount: TicketDiscountInput): void {
    this.#discounts = [...this.#discounts.filter((d) => d.discountId !== discount.discountId), discount];
    this.#changed();
  }

  removeDiscount(discountId: DiscountId): void {
    this.#discounts = this.#discounts.filter((d) => d.discountId !== discountId);
    this.#changed();
  }

  setTaxEnabled(taxId: TaxId, enabled: boolean): void {
    const others = this.#disabledTaxIds.filter((id) => id !== taxId);
    this.#disabledTaxIds = enabled ? others : [...others, taxId];
    this.#changed();
  }

  /** The lines as the sale command takes them. */
  input(): TicketLineInput[] {
    return this.#lines.map((l) => ({
      itemId: l.itemId,
      quantityMilli: l.quantityMilli,
      ...optional("variantId", l.variantId),
      ...optional("modifierOptions", l.modifierOptions),
      ...optional("discountIds", l.discountIds),
      ...optional("comment", l.comment),
    }));
  }

  /** Everything of the sale but its payments. */
  saleInput(): Omit<SaleInput, "payments"> {
    return {
      lines: this.input(),
      ...(this.#discounts.length > 0 ? { discounts: this.#discounts } : {}),
      ...(this.#disabledTaxIds.length > 0 ? { disabledTaxIds: this.#disabledTaxIds } : {}),
      ...(this.#customerId ? { customerId: this.#customerId } : {}),
      ...(this.#pointsRedeemed ? { pointsRedeemed: this.#pointsRedeemed } : {}),
    };
  }

  /** Priced by the domain; remembered until the ticket or the catalog changes. */
  priced(catalog: Catalog, rules: PricingRules = { allowTaxToggle: false }): Result<TicketTotals> {
    const cached = this.#priced;
    if (cached && cached.catalog === catalog && cached.version === this.#version && cached.rules === rules.allowTaxToggle) return cached.result;
    const result = this.#price(catalog, rules, this.#discounts);
    this.#priced = { catalog, version: this.#version, rules: rules.allowTaxToggle, result };
    return result;
  }

  /** What the domain would say with this ticket discount added, before adding it (a refused one is never added). */
  tryDiscount(catalog: Catalog, rules: PricingRules, discount: TicketDiscountInput): Result<TicketTotals> {
    return this.#price(catalog, rules, [...this.#discounts.filter((d) => d.discountId !== discount.discountId), discount]);
  }

  /** What the domain would say with these points redeemed, before asking the relay for them (never spend points a sale can't use). */
  tryPoints(catalog: Catalog, rules: PricingRules, points: number): Result<TicketTotals> {
    return this.#price(catalog, rules, this.#discounts, points);
  }

  #price(catalog: Catalog, rules: PricingRules, discounts: readonly TicketDiscountInput[], points = this.#pointsRedeemed?.points): Result<TicketTotals> {
    return priceTicket(catalog, this.input(), {
      ...(discounts.length > 0 ? { discounts } : {}),
      ...(this.#disabledTaxIds.length > 0 ? { disabledTaxIds: this.#disabledTaxIds } : {}),
      ...(points !== undefined ? { pointsDiscount: points } : {}),
      allowTaxToggle: rules.allowTaxToggle,
    });
  }

  #newLine(itemId: ItemId, quantityMilli: number, config: LineConfig): TicketLine {
    return {
      key: this.#nextKey++,
      itemId,
      quantityMilli,
      ...optional("variantId", config.variantId),
      ...optional("modifierOptions", nonEmpty(config.modifierOptions)),
    };
  }

  #replace(key: number, patch: { quantityMilli: number }): void {
    this.#setLines(this.#lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  }

  #setLines(lines: readonly TicketLine[]): void {
    this.#lines = lines;
    // A ticket without lines keeps no discounts: they would only refuse the next sale's pricing.
    if (lines.length === 0) this.#discounts = [];
    this.#changed();
  }

  #changed(): void {
    this.#version++;
    this.notify();
  }
}

/** `{ [key]: value }` only when value is set: optional properties stay absent (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}
