import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property } from "lit/decorators.js";
import { ONE_UNIT, type Catalog, type Result, type TicketTotals } from "@kasa/domain";
import { ObserveController } from "../controllers/observe-controller.js";
import type { Formatters } from "../lib/format.js";
import { ticketRows, type TicketRow } from "../lib/ticket-view.js";
import type { TicketModel } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * The ticket being built: lines with quantity controls, totals from the domain, and Charge.
 * Emits `charge` (detail: the total in minor units) and `edit-weight` (detail: {item, lineKey, grams}).
 */
@customElement("register-ticket-panel")
export class RegisterTicketPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
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
        min-height: 64px;
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
        padding: 4px 0;
        list-style: none;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        grid-template-areas: "name total" "controls controls";
        gap: 6px 12px;
        padding: 12px 12px 10px 20px;
        border-bottom: 1px solid var(--kasa-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      .name {
        grid-area: name;
        min-width: 0;
        font-size: 15px;
        font-weight: 650;
        line-height: 1.3;
      }
      .name .unit {
        display: block;
        margin-top: 2px;
        font-size: 13px;
        font-weight: 500;
        color: var(--kasa-text-subtle);
        font-variant-numeric: tabular-nums;
      }
      .line-total {
        grid-area: total;
        font-size: 15px;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
        text-align: right;
        padding-right: 8px;
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
        padding: 14px 20px 20px;
        border-top: 1px solid var(--kasa-border);
        background: var(--kasa-surface-muted);
      }
      dl {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 6px 12px;
        margin: 0 0 14px;
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      dd {
        margin: 0;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .grand {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        margin: -4px 0 14px;
        padding-top: 10px;
        border-top: 1px dashed var(--kasa-border-strong);
        font-size: 20px;
        font-weight: 750;
      }
      .alert {
        margin-bottom: 12px;
      }
      .charge {
        justify-content: space-between;
        padding: 0 22px;
        font-size: 19px;
      }
    `,
  ];

  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;

  #priced: Result<TicketTotals> | undefined;
  #rows: TicketRow[] = [];

  constructor() {
    super();
    new ObserveController(this, () => this.ticket);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (!this.ticket || !this.catalog) return;
    this.#priced = this.ticket.priced(this.catalog);
    this.#rows = ticketRows(this.ticket.lines, this.catalog, this.#priced);
  }

  protected override render() {
    const { ticket, formatters: f } = this;
    const priced = this.#priced;
    if (!ticket || !f || !priced) return nothing;
    const totals = priced.ok ? priced.value : undefined;
    const problem = !priced.ok && !ticket.isEmpty ? priced.error : undefined;
    return html`<header>
        <h2>Ticket${ticket.isEmpty ? nothing : html`<small>${ticket.itemCount} ${ticket.itemCount === 1 ? "item" : "items"}</small>`}</h2>
        <button class="btn quiet" data-testid="ticket-clear" ?disabled=${ticket.isEmpty} @click=${() => ticket.clear()}>Clear</button>
      </header>
      ${ticket.isEmpty
        ? html`<div class="empty">${icons.receipt}<strong>The ticket is empty</strong><span>Tap an item to add it.</span></div>`
        : html`<ul class="lines" aria-label="Ticket lines">
            ${this.#rows.map((row) => this.#line(row, f, ticket))}
          </ul>`}
      <footer>
        ${problem
          ? html`<div class="alert" role="alert">${icons.alert}<span><code>${problem.code}</code> ${problem.message}</span></div>`
          : nothing}
        <dl>
          <dt>Subtotal</dt>
          <dd>${f.money(totals?.subtotal ?? 0)}</dd>
          ${totals && totals.taxAdded > 0
            ? html`<dt>Tax</dt>
                <dd>${f.money(totals.taxAdded)}</dd>`
            : nothing}
          <dt>Taxes included</dt>
          <dd>${f.money(totals?.taxIncluded ?? 0)}</dd>
        </dl>
        <div class="grand"><span>Total</span><span class="num" data-testid="ticket-total">${f.money(totals?.total ?? 0)}</span></div>
        <button
          class="btn primary large block charge"
          data-testid="charge"
          ?disabled=${!totals}
          @click=${() => totals && this.dispatchEvent(new CustomEvent("charge", { detail: totals.total }))}
        >
          <span>Charge</span><span class="num">${f.money(totals?.total ?? 0)}</span>
        </button>
      </footer>`;
  }

  #line(row: TicketRow, f: Formatters, ticket: TicketModel) {
    const item = this.catalog?.items[row.itemId];
    return html`<li data-testid="ticket-line" data-item-id=${row.itemId} data-quantity-milli=${String(row.quantityMilli)}>
      <div class="name">
        ${row.name}
        <span class="unit">${row.unitPrice === undefined ? "—" : f.unitLine(row.unitPrice, row.quantityMilli, row.soldBy)}</span>
      </div>
      <div class="line-total">${row.total === undefined ? "—" : f.money(row.total)}</div>
      <div class="controls">
        ${row.soldBy === "weight"
          ? html`<button
              class="btn weight"
              data-testid="line-weight"
              aria-label="Change weight"
              ?disabled=${!item}
              @click=${() => item && this.dispatchEvent(new CustomEvent("edit-weight", { detail: { item, lineKey: row.key, grams: row.quantityMilli } }))}
            >
              ${icons.scale}${f.kilograms(row.quantityMilli)}
            </button>`
          : html`<div class="stepper">
              <button
                class="icon-btn"
                data-testid="line-decrement"
                aria-label="One less ${row.name}"
                ?disabled=${row.quantityMilli <= ONE_UNIT}
                @click=${() => ticket.decrement(row.key)}
              >
                ${icons.minus}
              </button>
              <output data-testid="line-quantity">${f.quantity(row.quantityMilli, "each")}</output>
              <button class="icon-btn" data-testid="line-increment" aria-label="One more ${row.name}" @click=${() => ticket.increment(row.key)}>
                ${icons.plus}
              </button>
            </div>`}
        <button class="icon-btn remove" data-testid="line-remove" aria-label="Remove ${row.name}" @click=${() => ticket.remove(row.key)}>
          ${icons.trash}
        </button>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-ticket-panel": RegisterTicketPanel;
  }
}
