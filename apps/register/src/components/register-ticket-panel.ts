import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import { ONE_UNIT, type AppliedDiscount, type Catalog, type Result, type TicketTotals } from "@kasa/domain";
import { ObserveController } from "../controllers/observe-controller.js";
import { itemsLabel } from "../i18n/counts.js";
import { stockWarnings, type StockWarning } from "../state/open-tickets.js";
import { errorText } from "../i18n/errors.js";
import type { Formatters } from "../lib/format.js";
import { ticketRows, type TicketRow } from "../lib/ticket-view.js";
import type { PricingRules, TicketModel } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/** What the ticket's main button does: charge, or (with "use shifts" and no open shift) send to the shift screen. */
export type TicketGate = "charge" | "open-shift";

/**
 * The ticket being built: lines with quantity controls (a tap on a line opens it), whole-ticket
 * discounts, totals from the domain, and Charge. Emits `charge` (detail: total), `line-open`
 * (detail: key), `edit-weight` (detail: {item, lineKey, grams}), `open-discounts`, `open-taxes`, `open-shift`.
 */
@localized()
@customElement("register-ticket-panel")
export class RegisterTicketPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        /* One column as wide as the panel: content never widens it past the till's column. */
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto minmax(0, 1fr) auto;
        min-height: 0;
        background: var(--kasa-surface);
        border-left: 1px solid var(--kasa-border);
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        min-height: 60px;
        padding: 8px 12px 8px 20px;
        border-bottom: 1px solid var(--kasa-border);
      }
      h2 {
        margin: 0;
        font-size: 18px;
        letter-spacing: -0.01em;
      }
      h2 small {
        margin-left: 8px;
        font-size: 14px;
        font-weight: 500;
        color: var(--kasa-text-subtle);
      }
      .lines {
        overflow-y: auto;
        overscroll-behavior: contain;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        grid-template-areas: "name total" "controls controls";
        gap: 4px 12px;
        padding: 10px 12px 10px 20px;
        border-bottom: 1px solid var(--kasa-border);
      }
      .open {
        grid-area: name;
        display: grid;
        gap: 3px;
        min-width: 0;
        min-height: 44px;
        margin: -4px 0 0 -8px;
        padding: 4px 8px;
        border: 0;
        border-radius: var(--kasa-radius-sm);
        background: transparent;
        text-align: left;
        cursor: pointer;
      }
      .open:hover {
        background: var(--kasa-surface-muted);
      }
      .open:focus-visible {
        outline: 3px solid var(--kasa-primary-ring);
      }
      .name {
        font-size: 15px;
        font-weight: 650;
        line-height: 1.3;
      }
      .sub {
        font-size: 13px;
        color: var(--kasa-text-muted);
        line-height: 1.35;
      }
      .unit {
        font-size: 13px;
        color: var(--kasa-text-subtle);
        font-variant-numeric: tabular-nums;
      }
      .note {
        display: flex;
        gap: 6px;
        align-items: flex-start;
        font-size: 13px;
        font-style: italic;
        color: var(--kasa-text-muted);
      }
      .note svg {
        width: 14px;
        height: 14px;
        margin-top: 2px;
      }
      .line-discounts {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      .line-total {
        grid-area: total;
        display: grid;
        justify-items: end;
        align-content: start;
        gap: 2px;
        padding-right: 8px;
        font-size: 15px;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
      }
      .line-total s {
        font-size: 12px;
        font-weight: 500;
        color: var(--kasa-text-subtle);
      }
      .controls {
        grid-area: controls;
        display: flex;
        align-items: center;
        justify-content: space-between;
      }
      .stepper {
        display: inline-flex;
        align-items: center;
        border: 1px solid var(--kasa-border-strong);
        border-radius: var(--kasa-radius-sm);
        overflow: hidden;
      }
      .stepper .icon-btn {
        border-radius: 0;
      }
      .stepper output {
        min-width: 44px;
        text-align: center;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .weight {
        min-height: 44px;
        padding: 0 14px;
        font-variant-numeric: tabular-nums;
      }
      .weight svg {
        width: 18px;
        height: 18px;
        color: var(--kasa-text-subtle);
      }
      .remove:hover:not(:disabled) {
        color: var(--kasa-danger);
        background: var(--kasa-danger-soft);
      }
      .empty {
        display: grid;
        place-content: center;
        justify-items: center;
        gap: 6px;
        height: 100%;
        padding: 32px;
        color: var(--kasa-text-subtle);
        text-align: center;
      }
      .empty svg {
        width: 40px;
        height: 40px;
        margin-bottom: 8px;
        color: var(--kasa-border-strong);
      }
      .empty strong {
        color: var(--kasa-text-muted);
        font-size: 16px;
      }
      footer {
        padding: 10px 20px 16px;
        border-top: 1px solid var(--kasa-border);
        background: var(--kasa-surface-muted);
      }
      .tools {
        display: flex;
        gap: 8px;
        margin-bottom: 10px;
      }
      .tools .btn {
        /* min-width 0: a long customer name is cut with an ellipsis instead of widening the panel. */
        flex: 1 1 auto;
        min-width: 0;
        min-height: 44px;
        font-size: 14px;
      }
      .applied {
        display: grid;
        gap: 4px;
        margin: 0 0 8px;
        padding: 0;
        list-style: none;
      }
      .applied li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 0 0 0 10px;
        border: 1px dashed var(--kasa-primary);
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-primary-soft);
        color: var(--kasa-primary-strong);
        font-size: 14px;
        font-weight: 600;
      }
      .applied li span:first-of-type {
        flex: 1;
      }
      .applied .icon-btn {
        color: inherit;
      }
      /* Redeemed points can't be taken off here (the relay already spent them): no remove button. */
      .applied li.points {
        min-height: 40px;
        padding-right: 12px;
      }
      dl {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 4px 12px;
        margin: 0 0 10px;
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      dt,
      dd {
        margin: 0;
      }
      dd {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      dd.off {
        color: var(--kasa-primary-strong);
      }
      .grand {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        margin: 0 0 12px;
        padding-top: 8px;
        border-top: 1px dashed var(--kasa-border-strong);
        font-size: 20px;
        font-weight: 750;
      }
      .alert {
        margin-bottom: 10px;
      }
      .btn.attached {
        border-color: var(--kasa-primary);
        color: var(--kasa-primary-strong);
        background: var(--kasa-primary-soft);
      }
      .btn.attached span {
        min-width: 0;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .btn.attached small {
        white-space: nowrap;
        margin-left: 4px;
        font-weight: 600;
        opacity: 0.8;
      }
      .alert.warn {
        background: var(--kasa-warn-soft, #fffbeb);
        border-color: var(--kasa-warn);
        color: var(--kasa-text);
      }
      .alert.warn svg {
        color: var(--kasa-warn);
      }
      .main-actions {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 8px;
      }
      .main-actions .save {
        min-width: 92px;
      }
      .open-ticket {
        display: flex;
        align-items: center;
        gap: 6px;
        margin-bottom: 8px;
        font-size: 14px;
        font-weight: 650;
        color: var(--kasa-primary);
      }
      .open-ticket svg {
        width: 16px;
        height: 16px;
      }
      .charge {
        justify-content: space-between;
        padding: 0 22px;
        font-size: 19px;
      }
      .gate {
        justify-content: center;
        background: var(--kasa-warn-soft);
        border-color: rgba(180, 83, 9, 0.35);
        color: var(--kasa-warn);
      }
      .gate:hover:not(:disabled) {
        border-color: var(--kasa-warn);
      }
      @media (max-width: 720px) {
        /* On a phone the grid needs the room: the ticket keeps its lines short and its total. */
        .lines {
          max-height: 22dvh;
        }
        dl {
          display: none;
        }
        footer {
          padding: 8px 12px 12px;
        }
        .grand {
          margin-bottom: 8px;
          padding-top: 4px;
          border-top: 0;
        }
      }
      @media (max-height: 700px) {
        li {
          padding-top: 6px;
          padding-bottom: 6px;
        }
      }
    `,
  ];

  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) rules: PricingRules = { allowTaxToggle: false };
  @property() gate: TicketGate = "charge";
  /**
   * The store's customers (replicated list): the ticket's customer is looked up here on every
   * render, so a ticket loaded elsewhere (a reopened open ticket) shows its customer at once.
   */
  @property({ attribute: false }) customers: readonly { readonly customerId: string; readonly name: string; readonly points: number }[] = [];
  /** The store has a customers list on this device. */
  @property({ type: Boolean }) customersAvailable = false;
  /** Live stock of tracked items (online only); items above it get a warning — the cashier may continue. */
  @property({ attribute: false }) stock: Readonly<Record<string, number>> | undefined;
  #stockWarnings: readonly StockWarning[] = [];
  /** The store has open tickets (its tickets document is on this device). */
  @property({ type: Boolean }) ticketsAvailable = true;

  #priced: Result<TicketTotals> | undefined;
  #rows: TicketRow[] = [];

  constructor() {
    super();
    new ObserveController(this, () => this.ticket);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (!this.ticket || !this.catalog) return;
    this.#priced = this.ticket.priced(this.catalog, this.rules);
    this.#rows = ticketRows(this.ticket.lines, this.catalog, this.#priced);
    this.#stockWarnings = stockWarnings(this.ticket.lines, this.stock, this.catalog);
  }

  protected override render() {
    const { ticket, formatters: f, catalog } = this;
    const priced = this.#priced;
    if (!ticket || !f || !priced || !catalog) return nothing;
    const totals = priced.ok ? priced.value : undefined;
    const problem = !priced.ok && !ticket.isEmpty ? priced.error : undefined;
    const customer = ticket.customerId ? this.customers.find((c) => c.customerId === ticket.customerId) : undefined;
    return html`<header>
        <h2>${msg("Ticket")}${ticket.isEmpty ? nothing : html`<small>${itemsLabel(ticket.itemCount)}</small>`}</h2>
        <button class="btn quiet" data-testid="ticket-clear" ?disabled=${ticket.isEmpty && !ticket.customerId} @click=${() => ticket.discard()}>${msg("Clear")}</button>
      </header>
      ${ticket.isEmpty
        ? html`<div class="empty">${icons.receipt}<strong>${msg("The ticket is empty")}</strong><span>${msg("Tap an item or scan a barcode to add it.")}</span></div>`
        : html`<ul class="lines" aria-label=${msg("Ticket lines")}>
            ${this.#rows.map((row) => this.#line(row, f, ticket))}
          </ul>`}
      <footer>
        <div class="tools">
          ${this.customersAvailable
            ? html`<button class="btn ${ticket.customerId ? "attached" : ""}" data-testid="ticket-customer" @click=${() => this.#emit("open-customers")}>
                ${icons.user}
                ${ticket.customerId
                  ? html`<span data-testid="ticket-customer-name">${customer?.name ?? msg("Customer")}</span>${customer
                        ? html`<small data-testid="ticket-customer-points">${msg(str`${customer.points} pts`)}</small>`
                        : nothing}`
                  : msg("Customer")}
              </button>`
            : nothing}
          <button class="btn" data-testid="ticket-discount" ?disabled=${ticket.isEmpty} @click=${() => this.#emit("open-discounts")}>${icons.percent} ${msg("Discount")}</button>
          ${this.rules.allowTaxToggle
            ? html`<button class="btn" data-testid="ticket-taxes" ?disabled=${ticket.isEmpty} @click=${() => this.#emit("open-taxes")}>${icons.tax} ${msg("Taxes")}</button>`
            : nothing}
        </div>
        ${ticket.discounts.length > 0 || ticket.pointsRedeemed
          ? html`<ul class="applied" aria-label=${msg("Discounts on the ticket")}>
              ${ticket.discounts.map((d) => {
                const discount = catalog.discounts?.[d.discountId];
                const amount = totals?.discounts.find((a) => a.discountId === d.discountId)?.amount;
                return html`<li data-testid="ticket-discount-row" data-discount-id=${d.discountId}>
                  <span>${discount?.name ?? d.discountId}</span><span class="num">${amount === undefined ? "" : `−${f.money(amount)}`}</span>
                  <button class="icon-btn" data-testid="ticket-discount-remove" aria-label=${msg(str`Remove ${discount?.name ?? ""}`)} @click=${() => ticket.removeDiscount(d.discountId)}>
                    ${icons.close}
                  </button>
                </li>`;
              })}
              ${ticket.pointsRedeemed
                ? html`<li class="points" data-testid="ticket-points-row" data-points=${String(ticket.pointsRedeemed.points)}>
                    <span>${msg(str`Loyalty points (${ticket.pointsRedeemed.points})`)}</span><span class="num">−${f.money(ticket.pointsRedeemed.points)}</span>
                  </li>`
                : nothing}
            </ul>`
          : nothing}
        ${this.#stockWarnings.map(
          (w) => html`<div class="alert warn" data-testid="stock-warning" data-item-id=${w.itemId}>
            ${icons.alert}<span>${msg(str`${w.name}: more than in stock (${f.quantity(Math.max(0, w.onHandMilli), catalog.items[w.itemId]?.soldBy ?? "each")} left). You can still sell it.`)}</span>
          </div>`,
        )}
        ${problem
          ? html`<div class="alert" role="alert" data-testid="ticket-error" data-code=${problem.code}>${icons.alert}<span>${errorText(problem)}</span></div>`
          : nothing}
        <dl>
          <dt>${msg("Subtotal")}</dt>
          <dd data-testid="ticket-subtotal">${f.money(totals?.subtotal ?? 0)}</dd>
          ${totals && totals.discountTotal > 0
            ? html`<dt>${msg("Discounts")}</dt>
                <dd class="off" data-testid="ticket-discounts">−${f.money(totals.discountTotal)}</dd>`
            : nothing}
          ${(totals?.taxes ?? []).map(
            (t) => html`<dt>${t.mode === "included" ? msg(str`${t.name} (included)`) : t.name}</dt>
              <dd>${f.money(t.amount)}</dd>`,
          )}
          ${totals && totals.taxes.length === 0 ? html`<dt>${msg("Taxes")}</dt><dd>${f.money(0)}</dd>` : nothing}
        </dl>
        <div class="grand"><span>${msg("Total")}</span><span class="num" data-testid="ticket-total">${f.money(totals?.total ?? 0)}</span></div>
        ${ticket.openTicket
          ? html`<div class="open-ticket" data-testid="open-ticket-name">${icons.receipt}<span>${ticket.openTicket.name}</span></div>`
          : nothing}
        <div class="main-actions">
          <button class="btn large save" data-testid="ticket-save" ?disabled=${ticket.isEmpty || !this.ticketsAvailable} @click=${() => this.#emit("save-ticket")}>
            ${msg("Save")}
          </button>
          ${this.gate === "open-shift"
            ? html`<button class="btn large block gate" data-testid="open-shift-cta" @click=${() => this.#emit("open-shift")}>${icons.drawer} ${msg("Open a shift to start selling")}</button>`
            : html`<button
                class="btn primary large block charge"
                data-testid="charge"
                ?disabled=${!totals}
                @click=${() => totals && this.dispatchEvent(new CustomEvent("charge", { detail: totals.total }))}
              >
                <span>${msg("Charge")}</span><span class="num">${f.money(totals?.total ?? 0)}</span>
              </button>`}
        </div>
      </footer>`;
  }

  #line(row: TicketRow, f: Formatters, ticket: TicketModel) {
    const item = this.catalog?.items[row.itemId];
    const details = [row.variantName, ...row.modifiers.map((m) => (m.price > 0 ? `${m.name} +${f.money(m.price)}` : m.name))].filter(Boolean);
    const discounted = row.gross !== undefined && row.ownDiscounts.length > 0;
    return html`<li data-testid="ticket-line" data-item-id=${row.itemId} data-quantity-milli=${String(row.quantityMilli)} data-key=${String(row.key)}>
      <button class="open" data-testid="line-open" aria-label=${msg(str`Edit ${row.name}`)} @click=${() => this.dispatchEvent(new CustomEvent("line-open", { detail: row.key }))}>
        <span class="name">${row.name || msg("Item no longer in the catalog")}</span>
        ${details.length > 0 ? html`<span class="sub" data-testid="line-details">${details.join(" · ")}</span>` : nothing}
        <span class="unit">${row.unitPrice === undefined ? "—" : f.unitLine(row.unitPrice, row.quantityMilli, row.soldBy)}</span>
        ${row.comment ? html`<span class="note" data-testid="line-comment-text">${icons.comment}${row.comment}</span>` : nothing}
        ${row.ownDiscounts.length > 0 ? html`<span class="line-discounts">${row.ownDiscounts.map((d) => this.#discountBadge(d, f))}</span>` : nothing}
      </button>
      <div class="line-total">
        ${discounted ? html`<s>${f.money(row.gross!)}</s>` : nothing}<span data-testid="line-total">${row.amount === undefined ? "—" : f.money(row.amount)}</span>
      </div>
      <div class="controls">
        ${row.soldBy === "weight"
          ? html`<button
              class="btn weight"
              data-testid="line-weight"
              aria-label=${msg("Change weight")}
              ?disabled=${!item}
              @click=${() => item && this.dispatchEvent(new CustomEvent("edit-weight", { detail: { item, lineKey: row.key, grams: row.quantityMilli } }))}
            >
              ${icons.scale}${f.kilograms(row.quantityMilli)}
            </button>`
          : html`<div class="stepper">
              <button
                class="icon-btn"
                data-testid="line-decrement"
                aria-label=${msg(str`One less ${row.name}`)}
                ?disabled=${row.quantityMilli <= ONE_UNIT}
                @click=${() => ticket.decrement(row.key)}
              >
                ${icons.minus}
              </button>
              <output data-testid="line-quantity">${f.quantity(row.quantityMilli, "each")}</output>
              <button class="icon-btn" data-testid="line-increment" aria-label=${msg(str`One more ${row.name}`)} @click=${() => ticket.increment(row.key)}>
                ${icons.plus}
              </button>
            </div>`}
        <button class="icon-btn remove" data-testid="line-remove" aria-label=${msg(str`Remove ${row.name}`)} @click=${() => ticket.remove(row.key)}>
          ${icons.trash}
        </button>
      </div>
    </li>`;
  }

  #discountBadge(d: AppliedDiscount, f: Formatters) {
    return html`<span class="badge ok" data-testid="line-discount-badge">${d.name} −${f.money(d.amount)}</span>`;
  }

  #emit(name: string): void {
    this.dispatchEvent(new CustomEvent(name));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-ticket-panel": RegisterTicketPanel;
  }
}
