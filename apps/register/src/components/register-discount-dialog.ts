import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { Catalog, Discount, TicketDiscountInput } from "@kasa/domain";
import { ObserveController } from "../controllers/observe-controller.js";
import { errorText, type Coded } from "../i18n/errors.js";
import { parseMajorAmount, parsePercent } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { ticketDiscounts } from "../lib/item-options.js";
import type { PricingRules, TicketModel } from "../state/ticket.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Discounts on the whole ticket: every store discount; those without a preset value ask for it
 * (an amount in the currency, or a percentage with up to 2 decimals). The domain prices the ticket
 * with the discount before it is added, so a refused one (larger than the ticket …) is never on it.
 * Emits `discount-close`.
 */
@localized()
@customElement("register-discount-dialog")
export class RegisterDiscountDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      ul {
        display: grid;
        gap: 8px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: 8px 12px;
        padding: 10px 10px 10px 14px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-sm);
      }
      .row[data-applied="true"] {
        border-color: var(--kasa-primary);
        background: var(--kasa-primary-soft);
      }
      .name {
        font-weight: 650;
      }
      .value {
        display: block;
        font-size: 13px;
        color: var(--kasa-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .entry {
        grid-column: 1 / -1;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 8px;
      }
      .entry .input {
        min-height: 48px;
        font-size: 18px;
        text-align: right;
      }
      .unit {
        position: relative;
      }
      .unit span {
        position: absolute;
        right: 12px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--kasa-text-subtle);
        font-weight: 600;
      }
      .unit .input {
        padding-right: 44px;
      }
      .alert {
        grid-column: 1 / -1;
      }
      .empty {
        color: var(--kasa-text-muted);
      }
      .actions {
        grid-template-columns: 1fr;
      }
    `,
  ];

  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) rules: PricingRules = { allowTaxToggle: false };
  /** The discount whose value is being entered. */
  @state() private entering: string | undefined;
  @state() private text = "";
  @state() private error: (Coded & { discountId: string }) | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;

  #discounts: Discount[] = [];

  constructor() {
    super();
    new ObserveController(this, () => this.ticket);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#discounts = this.catalog ? ticketDiscounts(this.catalog, this.formatters?.locale) : [];
  }

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has("entering") && this.entering) this.renderRoot.querySelector<HTMLInputElement>("[data-testid=discount-value]")?.focus();
  }

  protected override render() {
    const f = this.formatters;
    if (!f || !this.ticket) return nothing;
    return html`<dialog data-testid="discount-dialog" aria-labelledby="discount-title" @cancel=${this.#close}>
      <div class="head">
        <div>
          <h2 id="discount-title">${msg("Discount on the ticket")}</h2>
          <p>${msg("Several discounts apply from the smallest to the largest.")}</p>
        </div>
        <button type="button" class="icon-btn" aria-label=${msg("Close")} @click=${this.#close}>${icons.close}</button>
      </div>
      <div class="body">
        ${this.#discounts.length === 0
          ? html`<p class="empty">${msg("The store has no discounts. They are set up in the back office.")}</p>`
          : html`<ul>
              ${this.#discounts.map((d) => this.#row(d, f))}
            </ul>`}
      </div>
      <div class="actions">
        <button type="button" class="btn large" data-testid="discount-done" @click=${this.#close}>${msg("Done")}</button>
      </div>
    </dialog>`;
  }

  #row(d: Discount, f: Formatters) {
    const applied = this.ticket?.discounts.find((a) => a.discountId === d.id);
    const entering = this.entering === d.id;
    const error = this.error?.discountId === d.id ? this.error : undefined;
    return html`<li class="row" data-testid="discount-option" data-discount-id=${d.id} data-applied=${applied ? "true" : "false"}>
      <div>
        <span class="name">${d.name}</span>
        <span class="value">${this.#valueLabel(d, applied, f)}</span>
      </div>
      ${applied
        ? html`<button type="button" class="btn" data-testid="discount-remove" @click=${() => this.ticket?.removeDiscount(d.id)}>${msg("Remove")}</button>`
        : d.value === undefined && !entering
          ? html`<button type="button" class="btn" data-testid="discount-enter" @click=${() => this.#enter(d.id)}>${msg("Enter value")}</button>`
          : d.value !== undefined
            ? html`<button type="button" class="btn primary" data-testid="discount-apply" @click=${() => this.#apply(d)}>${msg("Apply")}</button>`
            : nothing}
      ${entering && !applied
        ? html`<form class="entry" @submit=${(e: Event) => (e.preventDefault(), this.#apply(d))} novalidate>
            <label class="unit">
              <input
                class="input"
                data-testid="discount-value"
                inputmode="decimal"
                autocomplete="off"
                aria-label=${d.kind === "percentage" ? msg("Percentage") : msg("Amount")}
                .value=${this.text}
                @input=${(e: Event) => ((this.text = (e.target as HTMLInputElement).value), (this.error = undefined))}
              /><span>${d.kind === "percentage" ? "%" : f.currencySymbol()}</span>
            </label>
            <button type="submit" class="btn primary" data-testid="discount-apply">${msg("Apply")}</button>
          </form>`
        : nothing}
      ${error
        ? html`<div class="alert" role="alert" data-testid="discount-error" data-code=${error.code}>${icons.alert}<span>${errorText(error)}</span></div>`
        : nothing}
    </li>`;
  }

  #valueLabel(d: Discount, applied: TicketDiscountInput | undefined, f: Formatters): string {
    const value = d.value ?? applied?.value;
    if (value === undefined) return d.kind === "percentage" ? msg("Percentage entered at sale") : msg("Amount entered at sale");
    return d.kind === "percentage" ? msg(str`−${f.percent(value)} of the ticket`) : msg(str`−${f.money(value)} off the ticket`);
  }

  #enter(id: string): void {
    this.entering = id;
    this.text = "";
    this.error = undefined;
  }

  #apply(d: Discount): void {
    const { ticket, catalog, formatters: f } = this;
    if (!ticket || !catalog || !f) return;
    let input: TicketDiscountInput = { discountId: d.id };
    if (d.value === undefined) {
      const parsed = d.kind === "percentage" ? parsePercent(this.text) : parseMajorAmount(this.text, f.currency);
      if (!parsed.ok) {
        this.error = { ...parsed, discountId: d.id };
        return;
      }
      input = { discountId: d.id, value: parsed.value };
    }
    // Ask the domain first: a discount it refuses (over the total, out of range) never goes on the ticket.
    const check = ticket.tryDiscount(catalog, this.rules, input);
    if (!check.ok) {
      this.error = { code: check.error.code, message: check.error.message, discountId: d.id };
      return;
    }
    ticket.addDiscount(input);
    this.entering = undefined;
    this.text = "";
    this.error = undefined;
  }

  #close(e?: Event): void {
    e?.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("discount-close"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-discount-dialog": RegisterDiscountDialog;
  }
}
