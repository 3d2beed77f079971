import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import type { Catalog, Minor, TicketTotals } from "@kasa/domain";
import type { RegisterSession } from "@kasa/sync";
import { ObserveController } from "../controllers/observe-controller.js";
import { formatMajorInput, suggestedCash, type AmountParse } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { ticketRows, type TicketRow } from "../lib/ticket-view.js";
import type { CheckoutModel } from "../state/checkout.js";
import type { TicketModel } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Taking payment: the amount due, cash with suggested amounts and live change, or card. Paying
 * shows "Saving…" until the sale is committed to this device's storage; a refusal is shown with
 * its code and the ticket stays as it was.
 */
@customElement("register-charge-screen")
export class RegisterChargeScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        height: 100%;
        overflow-y: auto;
        background: var(--kasa-bg);
      }
      .wrap {
        display: grid;
        grid-template-columns: minmax(0, 0.9fr) minmax(0, 1.1fr);
        grid-template-rows: auto minmax(0, 1fr);
        gap: 16px 20px;
        max-width: 1100px;
        min-height: 100%;
        margin: 0 auto;
        padding: 16px 24px 24px;
      }
      .back {
        grid-column: 1 / -1;
        justify-self: start;
        padding-left: 10px;
      }
      .card {
        display: flex;
        flex-direction: column;
        min-height: 0;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow);
      }
      .due {
        padding: 28px 28px 20px;
        border-bottom: 1px solid var(--kasa-border);
      }
      .due .label {
        font-size: 14px;
        font-weight: 600;
        color: var(--kasa-text-muted);
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      .due .amount {
        margin-top: 6px;
        font-size: 44px;
        font-weight: 750;
        letter-spacing: -0.02em;
        font-variant-numeric: tabular-nums;
      }
      .due .count {
        margin-top: 2px;
        color: var(--kasa-text-subtle);
      }
      .summary {
        flex: 1;
        overflow-y: auto;
        margin: 0;
        padding: 12px 28px 20px;
        list-style: none;
      }
      .summary li {
        display: flex;
        justify-content: space-between;
        gap: 16px;
        padding: 8px 0;
        font-size: 14px;
        color: var(--kasa-text-muted);
        border-bottom: 1px dashed var(--kasa-border);
      }
      .summary li:last-child {
        border-bottom: 0;
      }
      .summary .q {
        color: var(--kasa-text-subtle);
        margin-right: 6px;
        font-variant-numeric: tabular-nums;
      }
      .summary .amt {
        font-variant-numeric: tabular-nums;
        color: var(--kasa-text);
      }
      .pay {
        position: relative;
        gap: 18px;
        padding: 24px 28px 28px;
      }
      h3 {
        display: flex;
        align-items: center;
        gap: 10px;
        margin: 0;
        font-size: 16px;
      }
      h3 svg {
        color: var(--kasa-primary);
      }
      .suggestions {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(104px, 1fr));
        gap: 8px;
      }
      .suggestions .btn {
        min-height: 52px;
        font-size: 16px;
        font-variant-numeric: tabular-nums;
      }
      .suggestions .btn[aria-pressed="true"] {
        border-color: var(--kasa-primary);
        background: var(--kasa-primary-soft);
        color: var(--kasa-primary-strong);
      }
      .cash-row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 16px;
        align-items: end;
      }
      .input {
        min-height: 60px;
        font-size: 26px;
        font-weight: 650;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .change {
        display: grid;
        gap: 6px;
        align-content: end;
        min-height: 60px;
        padding: 8px 16px;
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-surface-muted);
        border: 1px solid var(--kasa-border);
      }
      .change span {
        font-size: 13px;
        font-weight: 600;
        color: var(--kasa-text-muted);
      }
      .change strong {
        font-size: 24px;
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
      .change.short strong {
        color: var(--kasa-warn);
      }
      .hint {
        min-height: 18px;
        margin-top: -8px;
      }
      .or {
        display: flex;
        align-items: center;
        gap: 12px;
        color: var(--kasa-text-subtle);
        font-size: 13px;
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      .or::before,
      .or::after {
        content: "";
        flex: 1;
        height: 1px;
        background: var(--kasa-border);
      }
      .pay-btn {
        justify-content: space-between;
        padding: 0 22px;
      }
      .pay-btn span:first-child {
        display: inline-flex;
        align-items: center;
        gap: 10px;
      }
      .saving {
        position: absolute;
        inset: 0;
        display: grid;
        place-content: center;
        justify-items: center;
        gap: 14px;
        border-radius: inherit;
        background: rgba(255, 255, 255, 0.86);
        color: var(--kasa-primary-strong);
        font-size: 18px;
        font-weight: 700;
        backdrop-filter: blur(1px);
      }
      .saving .spinner {
        width: 34px;
        height: 34px;
        border-width: 3.5px;
      }
      .saving small {
        color: var(--kasa-text-muted);
        font-weight: 500;
        font-size: 14px;
      }
      @media (max-width: 860px) {
        .wrap {
          grid-template-columns: minmax(0, 1fr);
          padding: 12px;
        }
        .summary {
          display: none;
        }
        .due {
          border-bottom: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) checkout: CheckoutModel | undefined;
  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) session: RegisterSession | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @query("#cash") private cashInput!: HTMLInputElement;

  #totals: TicketTotals | undefined;
  #rows: TicketRow[] = [];
  #suggestions: Minor[] = [];
  #received: AmountParse = { ok: false, message: "" };
  /** received − total: change when ≥ 0, still due when < 0; undefined while the field can't be read. */
  #change: number | undefined;

  constructor() {
    super();
    new ObserveController(this, () => this.checkout);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const { ticket, catalog, checkout, formatters } = this;
    if (!ticket || !catalog || !checkout || !formatters) return;
    const priced = ticket.priced(catalog);
    this.#totals = priced.ok ? priced.value : undefined;
    this.#rows = ticketRows(ticket.lines, catalog, priced);
    this.#suggestions = this.#totals ? suggestedCash(this.#totals.total, formatters.currency) : [];
    this.#received = checkout.cashReceived(formatters.currency);
    this.#change = this.#received.ok && this.#totals ? this.#received.value - this.#totals.total : undefined;
  }

  protected override firstUpdated(): void {
    this.cashInput?.focus();
    this.cashInput?.select();
  }

  protected override render() {
    const { checkout, formatters: f } = this;
    const totals = this.#totals;
    if (!checkout || !f) return nothing;
    const total = totals?.total ?? (0 as Minor);
    const saving = checkout.phase === "saving";
    const received = this.#received;
    const change = this.#change;
    const cashOk = change !== undefined && change >= 0;
    const count = this.ticket?.itemCount ?? 0;
    return html`<div class="wrap" data-testid="charge-screen">
      <button class="btn quiet back" data-testid="charge-back" ?disabled=${saving} @click=${() => checkout.backToTicket()}>
        ${icons.back} Back to ticket
      </button>
      <section class="card" aria-label="Amount due">
        <div class="due">
          <div class="label">Total due</div>
          <div class="amount" data-testid="charge-total">${f.money(total)}</div>
          <div class="count">${count} ${count === 1 ? "item" : "items"}${totals && totals.taxIncluded > 0 ? ` · incl. ${f.money(totals.taxIncluded)} tax` : ""}</div>
        </div>
        <ul class="summary">
          ${this.#rows.map(
            (r) =>
              html`<li>
                <span><span class="q">${f.quantity(r.quantityMilli, r.soldBy)}${r.soldBy === "each" ? " ×" : ""}</span>${r.name}</span
                ><span class="amt">${r.total === undefined ? "—" : f.money(r.total)}</span>
              </li>`,
          )}
        </ul>
      </section>
      <section class="card pay" aria-label="Payment" aria-busy=${saving ? "true" : "false"}>
        ${checkout.error
          ? html`<div class="alert" role="alert" data-testid="sale-error" data-code=${checkout.error.code}>
              ${icons.alert}
              <div><strong>The sale was not recorded.</strong> <code>${checkout.error.code}</code> ${checkout.error.message}</div>
            </div>`
          : nothing}
        <h3>${icons.cash} Cash</h3>
        <div class="suggestions" role="group" aria-label="Suggested amounts">
          ${this.#suggestions.map(
            (amount, i) =>
              html`<button
                class="btn"
                data-testid="cash-suggestion"
                data-amount=${String(amount)}
                aria-pressed=${received.ok && received.value === amount ? "true" : "false"}
                ?disabled=${saving}
                @click=${() => this.#setCash(amount)}
              >
                ${i === 0 ? "Exact" : f.money(amount)}
              </button>`,
          )}
        </div>
        <div class="cash-row">
          <div class="field">
            <label for="cash">Cash received</label>
            <input
              id="cash"
              class="input"
              data-testid="cash-received"
              inputmode="decimal"
              autocomplete="off"
              .value=${checkout.cashText}
              ?disabled=${saving}
              aria-invalid=${checkout.cashText !== "" && !received.ok ? "true" : "false"}
              @input=${(e: Event) => checkout.setCashText((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => e.key === "Enter" && cashOk && this.#payCash()}
            />
          </div>
          <div class="change ${change !== undefined && change < 0 ? "short" : ""}" data-testid="change">
            <span>${change !== undefined && change < 0 ? "Still due" : "Change"}</span>
            <strong>${change === undefined ? "—" : f.money(Math.abs(change))}</strong>
          </div>
        </div>
        <div class="hint">
          ${!received.ok && checkout.cashText !== "" ? html`<span class="error-text">${received.message}</span>` : nothing}
        </div>
        <button class="btn primary large block pay-btn" data-testid="pay-cash" ?disabled=${!cashOk || saving} @click=${this.#payCash}>
          <span>${icons.cash} Pay cash</span><span class="num">${received.ok ? f.money(received.value) : ""}</span>
        </button>
        <div class="or">or</div>
        <button class="btn large block pay-btn" data-testid="pay-card" ?disabled=${!totals || saving} @click=${this.#payCard}>
          <span>${icons.card} Card</span><span class="num">${f.money(total)}</span>
        </button>
        ${saving
          ? html`<div class="saving" data-testid="saving" role="status">
              <span class="spinner" aria-hidden="true"></span>Saving…<small>Recording the sale on this register</small>
            </div>`
          : nothing}
      </section>
    </div>`;
  }

  #setCash(amount: Minor): void {
    const f = this.formatters;
    if (!f || !this.checkout) return;
    this.checkout.setCashText(formatMajorInput(amount, f.currency, f.locale));
  }

  #payCash(): void {
    const { checkout, session, ticket } = this;
    if (!checkout || !session || !ticket || !this.#received.ok) return;
    void checkout.pay(session, ticket, { type: "cash", received: this.#received.value });
  }

  #payCard(): void {
    const { checkout, session, ticket } = this;
    const totals = this.#totals;
    if (!checkout || !session || !ticket || !totals) return;
    void checkout.pay(session, ticket, { type: "card", amount: totals.total });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-charge-screen": RegisterChargeScreen;
  }
}
