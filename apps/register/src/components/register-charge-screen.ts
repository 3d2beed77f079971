import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import { POINTS_DISCOUNT_ID, type Minor, type TicketTotals } from "@kasa/domain";
import type { RegisterSession, RegisterSnapshot } from "@kasa/sync";
import { ObserveController } from "../controllers/observe-controller.js";
import { itemsLabel } from "../i18n/counts.js";
import { errorText } from "../i18n/errors.js";
import { formatMajorInput, suggestedCash, type AmountParse } from "../lib/amounts.js";
import { methodLabel, type Formatters } from "../lib/format.js";
import { ticketRows, type TicketRow } from "../lib/ticket-view.js";
import { paymentInput, type PaymentMethod } from "../payments/payment-methods.js";
import type { CheckoutModel } from "../state/checkout.js";
import type { TicketModel } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import "./register-points-redeem.js";
import "./register-split-payment.js";
import "./register-terminal-overlay.js";

/**
 * Taking payment: the amount due; cash with suggested amounts and live change; card; the store's
 * custom types; the integrated terminal (online only, DESIGN O10); or Split. Paying shows "Saving…"
 * until the sale is committed to this device's storage; a refusal is shown with its code and the
 * ticket stays as it was.
 */
@localized()
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
        grid-template-columns: minmax(0, 0.85fr) minmax(0, 1.15fr);
        grid-template-rows: auto minmax(0, 1fr);
        gap: 12px 20px;
        max-width: 1160px;
        min-height: 100%;
        margin: 0 auto;
        padding: 12px 24px 24px;
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
        padding: 24px 28px 18px;
        border-bottom: 1px solid var(--kasa-border);
      }
      .due .label,
      h3 {
        font-size: 13px;
        font-weight: 700;
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
        padding: 8px 28px 16px;
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
      .summary .sub {
        display: block;
        font-size: 12px;
        color: var(--kasa-text-subtle);
      }
      .summary .amt {
        font-variant-numeric: tabular-nums;
        color: var(--kasa-text);
        white-space: nowrap;
      }
      .summary .off .amt {
        color: var(--kasa-primary-strong);
      }
      .pay {
        position: relative;
        gap: 12px;
        padding: 18px 24px 20px;
      }
      h3 {
        display: flex;
        align-items: center;
        gap: 10px;
        margin: 0;
      }
      h3 svg {
        color: var(--kasa-primary);
      }
      .suggestions {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(82px, 1fr));
        gap: 8px;
      }
      .suggestions .btn {
        min-height: 50px;
        padding: 0 8px;
        font-size: 15px;
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
      .input.big {
        min-height: 58px;
        font-size: 26px;
        font-weight: 650;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .change {
        display: grid;
        gap: 4px;
        align-content: end;
        min-height: 58px;
        padding: 6px 16px;
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
        min-height: 16px;
        margin-top: -8px;
        margin-bottom: -6px;
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
      .methods {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
        gap: 8px;
      }
      .method {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        grid-template-rows: auto auto;
        column-gap: 10px;
        align-items: center;
        justify-content: start;
        min-height: 56px;
        padding: 6px 14px;
        text-align: left;
      }
      .method svg {
        grid-row: 1 / span 2;
        color: var(--kasa-primary);
      }
      .method .sub {
        /* Always present, so a connection change never changes the button's height. */
        min-height: 16px;
        font-size: 12px;
        font-weight: 500;
        color: var(--kasa-text-subtle);
      }
      .method:disabled .sub {
        color: var(--kasa-warn);
      }
      .split {
        justify-content: center;
      }
      .approved {
        display: grid;
        gap: 10px;
        padding: 14px;
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-ok-soft);
        color: var(--kasa-ok);
      }
      .alert .detail {
        display: block;
        margin-top: 2px;
        font-size: 13px;
        opacity: 0.85;
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
  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) methods: readonly PaymentMethod[] = [];
  @query("#cash") private cashInput!: HTMLInputElement;

  #totals: TicketTotals | undefined;
  #rows: TicketRow[] = [];
  #suggestions: Minor[] = [];
  #received: AmountParse = { ok: false, code: "AMOUNT_EMPTY", message: "" };
  /** received − total: change when ≥ 0, still due when < 0; undefined while the field can't be read. */
  #change: number | undefined;

  constructor() {
    super();
    new ObserveController(this, () => this.checkout);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const { ticket, snapshot, checkout, formatters } = this;
    if (!ticket || !snapshot || !checkout || !formatters) return;
    const catalog = snapshot.store.catalog;
    const priced = ticket.priced(catalog, { allowTaxToggle: snapshot.store.settings.allowTaxToggle === true });
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
    const { checkout, formatters: f, snapshot } = this;
    const totals = this.#totals;
    if (!checkout || !f || !snapshot) return nothing;
    const total = totals?.total ?? (0 as Minor);
    const saving = checkout.phase === "saving";
    const count = this.ticket?.itemCount ?? 0;
    return html`<div class="wrap" data-testid="charge-screen" data-mode=${checkout.mode}>
      <button
        class="btn quiet back"
        data-testid="charge-back"
        ?disabled=${saving || checkout.hasTakenMoney || checkout.waiting !== undefined}
        title=${checkout.hasTakenMoney ? msg("A payment was already taken: finish the sale") : ""}
        @click=${() => checkout.backToTicket()}
      >
        ${icons.back} ${msg("Back to ticket")}
      </button>
      <section class="card" aria-label=${msg("Amount due")}>
        <div class="due">
          <div class="label">${msg("Total due")}</div>
          <div class="amount" data-testid="charge-total">${f.money(total)}</div>
          <div class="count">${itemsLabel(count)}${totals && totals.taxIncluded > 0 ? ` · ${msg(str`incl. ${f.money(totals.taxIncluded)} tax`)}` : ""}</div>
        </div>
        <ul class="summary">
          ${this.#rows.map(
            (r) =>
              html`<li>
                <span
                  ><span class="q">${f.quantity(r.quantityMilli, r.soldBy)}${r.soldBy === "each" ? " ×" : ""}</span>${r.name}
                  ${r.variantName || r.modifiers.length > 0
                    ? html`<span class="sub">${[r.variantName, ...r.modifiers.map((m) => m.name)].filter(Boolean).join(" · ")}</span>`
                    : nothing}</span
                ><span class="amt">${r.amount === undefined ? "—" : f.money(r.amount)}</span>
              </li>`,
          )}
          ${(totals?.discounts ?? []).map(
            (d) => html`<li class="off" data-testid="charge-discount" data-discount-id=${d.discountId}>
              <span>${d.discountId === POINTS_DISCOUNT_ID ? msg("Loyalty points") : d.name}</span><span class="amt">−${f.money(d.amount)}</span>
            </li>`,
          )}
          ${(totals?.taxes ?? [])
            .filter((t) => t.mode === "added")
            .map(
              (t) => html`<li>
                <span>${t.name}</span><span class="amt">${f.money(t.amount)}</span>
              </li>`,
            )}
        </ul>
        <register-points-redeem
          .session=${this.session}
          .snapshot=${snapshot}
          .ticket=${this.ticket}
          .checkout=${checkout}
          .formatters=${f}
          .total=${totals?.total}
        ></register-points-redeem>
      </section>
      <section class="card pay" aria-label=${msg("Payment")} aria-busy=${saving ? "true" : "false"}>
        ${checkout.error
          ? html`<div class="alert" role="alert" data-testid="sale-error" data-code=${checkout.error.code}>
              ${icons.alert}
              <div>
                <strong>${checkout.error.code.startsWith("TERMINAL_") ? msg("Not paid.") : msg("The sale was not recorded.")}</strong>
                ${errorText(checkout.error)} <code>${checkout.error.code}</code>
                ${checkout.error.detail ? html`<span class="detail" data-testid="sale-error-detail">${checkout.error.detail}</span>` : nothing}
              </div>
            </div>`
          : nothing}
        ${checkout.mode === "split"
          ? html`<register-split-payment
              .checkout=${checkout}
              .methods=${this.methods}
              .formatters=${f}
              .online=${snapshot.connection.state === "connected"}
              @charge-part=${(e: CustomEvent<{ index: number; method: PaymentMethod }>) => this.#chargePart(e.detail.index, e.detail.method)}
              @finish-split=${this.#finishSplit}
            ></register-split-payment>`
          : this.#single(total, saving, f)}
        ${saving
          ? html`<div class="saving" data-testid="saving" role="status">
              <span class="spinner" aria-hidden="true"></span>${msg("Saving…")}<small>${msg("Recording the sale on this register")}</small>
            </div>`
          : nothing}
      </section>
      ${checkout.waiting
        ? html`<register-terminal-overlay .amount=${checkout.waiting.amount} .formatters=${f} @terminal-cancel=${() => checkout.cancelTerminal()}></register-terminal-overlay>`
        : nothing}
    </div>`;
  }

  #single(total: Minor, saving: boolean, f: Formatters) {
    const checkout = this.checkout!;
    const received = this.#received;
    const change = this.#change;
    const cashOk = change !== undefined && change >= 0;
    const others = this.methods.filter((m) => m.kind !== "cash");
    const online = this.snapshot?.connection.state === "connected";
    const busy = saving || checkout.waiting !== undefined;
    if (checkout.approved) {
      // The card was charged but the sale is not recorded yet: record it, never charge again.
      return html`<div class="approved" data-testid="terminal-approved">
        <strong>${msg("Card payment approved")}</strong>
        <button class="btn primary large block" data-testid="record-sale" ?disabled=${busy} @click=${() => this.#payTerminal(others.find((m) => m.integrated)!)}>
          ${msg("Record the sale")}
        </button>
      </div>`;
    }
    return html`<h3>${icons.cash} ${msg("Cash")}</h3>
      <div class="suggestions" role="group" aria-label=${msg("Suggested amounts")}>
        ${this.#suggestions.map(
          (amount, i) =>
            html`<button
              class="btn"
              data-testid="cash-suggestion"
              data-amount=${String(amount)}
              aria-pressed=${received.ok && received.value === amount ? "true" : "false"}
              ?disabled=${busy}
              @click=${() => this.#setCash(amount)}
            >
              ${i === 0 ? msg("Exact") : f.money(amount)}
            </button>`,
        )}
      </div>
      <div class="cash-row">
        <div class="field">
          <label for="cash">${msg("Cash received")}</label>
          <input
            id="cash"
            class="input big"
            data-testid="cash-received"
            inputmode="decimal"
            autocomplete="off"
            .value=${checkout.cashText}
            ?disabled=${busy}
            aria-invalid=${checkout.cashText !== "" && !received.ok ? "true" : "false"}
            @input=${(e: Event) => checkout.setCashText((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === "Enter" && cashOk && this.#payCash()}
          />
        </div>
        <div class="change ${change !== undefined && change < 0 ? "short" : ""}" data-testid="change">
          <span>${change !== undefined && change < 0 ? msg("Still due") : msg("Change")}</span>
          <strong>${change === undefined ? "—" : f.money(Math.abs(change))}</strong>
        </div>
      </div>
      <div class="hint">${!received.ok && checkout.cashText !== "" ? html`<span class="error-text">${errorText(received)}</span>` : nothing}</div>
      <button class="btn primary large block pay-btn" data-testid="pay-cash" ?disabled=${!cashOk || busy} @click=${this.#payCash}>
        <span>${icons.cash} ${msg("Pay cash")}</span><span class="num">${received.ok ? f.money(received.value) : ""}</span>
      </button>
      <div class="or">${msg("or")}</div>
      <div class="methods">
        ${others.map((m, i) => {
          const needsConnection = m.integrated && !online;
          const firstCard = m.kind === "card" && !m.integrated && others.findIndex((o) => o.kind === "card" && !o.integrated) === i;
          return html`<button
            class="btn method"
            data-testid=${m.integrated ? "pay-terminal" : firstCard ? "pay-card" : "pay-method"}
            data-method=${m.key}
            ?disabled=${busy || needsConnection}
            @click=${() => (m.integrated ? this.#payTerminal(m) : this.#payOther(m))}
          >
            ${m.kind === "custom" ? icons.receipt : icons.card}<span>${methodLabel(m)}</span>
            <span class="sub">${needsConnection ? msg("Needs a connection") : m.integrated ? msg(str`Terminal · ${f.money(total)}`) : f.money(total)}</span>
          </button>`;
        })}
      </div>
      <button class="btn large block split" data-testid="split-start" ?disabled=${busy || total < 2} @click=${() => checkout.startSplit(this.methods[0]?.key ?? "cash")}>
        ${icons.split} ${msg("Split payment")}
      </button>`;
  }

  #setCash(amount: Minor): void {
    const f = this.formatters;
    if (!f || !this.checkout) return;
    this.checkout.setCashText(formatMajorInput(amount, f.currency, f.locale));
  }

  #payCash(): void {
    const { checkout, session, ticket } = this;
    if (!checkout || !session || !ticket || !this.#received.ok) return;
    const cash = this.methods.find((m) => m.kind === "cash");
    const payment = cash ? paymentInput(cash, this.#received.value, { received: this.#received.value }) : { type: "cash" as const, received: this.#received.value };
    void checkout.pay(session, ticket, payment);
  }

  #payOther(method: PaymentMethod): void {
    const { checkout, session, ticket } = this;
    const totals = this.#totals;
    if (!checkout || !session || !ticket || !totals) return;
    void checkout.pay(session, ticket, paymentInput(method, totals.total));
  }

  #payTerminal(method: PaymentMethod | undefined): void {
    const { checkout, session, ticket } = this;
    if (!checkout || !session || !ticket || !method) return;
    void checkout.payWithTerminal(session, ticket, method);
  }

  #chargePart(index: number, method: PaymentMethod): void {
    const { checkout, session, ticket } = this;
    if (!checkout || !session || !ticket) return;
    void checkout.chargePart(session, ticket, index, method);
  }

  readonly #finishSplit = (): void => {
    const { checkout, session, ticket } = this;
    if (!checkout || !session || !ticket) return;
    void checkout.finishSplit(session, ticket);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "register-charge-screen": RegisterChargeScreen;
  }
}
