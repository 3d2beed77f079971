import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { Minor } from "@kasa/domain";
import type { RegisterSession, RegisterSnapshot, SessionFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import type { Formatters } from "../lib/format.js";
import type { CheckoutModel } from "../state/checkout.js";
import { parsePoints, suggestedPoints, RedemptionAttempt } from "../state/points-redemption.js";
import type { TicketModel } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * "Redeem points" on the charge screen, shown when the ticket's customer has points (DESIGN O7,
 * D30). Online only: offline the control is disabled and says why. The relay spends the points
 * (no double spend, INSUFFICIENT_POINTS beyond the balance, shown with its code); the ticket then
 * carries them as an amount discount and the amount due follows.
 */
@localized()
@customElement("register-points-redeem")
export class RegisterPointsRedeem extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .points {
        display: grid;
        gap: 10px;
        margin: 0 20px 20px;
        padding: 14px 16px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface-muted);
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
        font-weight: 650;
      }
      .head svg {
        color: var(--kasa-primary);
      }
      .head .badge {
        margin-left: auto;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 8px;
      }
      .row .input {
        min-height: 48px;
        font-size: 18px;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .row .btn {
        min-height: 48px;
      }
      .sub {
        min-height: 16px;
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .sub.reason {
        color: var(--kasa-warn);
        font-weight: 600;
      }
      .done {
        display: flex;
        justify-content: space-between;
        gap: 10px;
        padding: 10px 12px;
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-ok-soft);
        color: var(--kasa-ok);
        font-weight: 650;
      }
      .done span:first-child {
        display: inline-flex;
        align-items: center;
        gap: 8px;
      }
    `,
  ];

  @property({ attribute: false }) session: RegisterSession | undefined;
  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) checkout: CheckoutModel | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  /** The ticket's total before points: what the field offers at most. */
  @property({ attribute: false }) total: Minor | undefined;

  @state() private text = "";
  @state() private busy = false;
  @state() private error: SessionFailure | undefined;
  /** The cashier typed in the field: stop offering the suggestion. */
  #edited = false;
  readonly #attempt = new RedemptionAttempt();

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const customer = this.#customer();
    if (!this.#edited && customer && this.total !== undefined) this.text = String(suggestedPoints(customer.points, this.total));
  }

  protected override render() {
    const { ticket, checkout, formatters: f, snapshot } = this;
    const customer = this.#customer();
    if (!ticket || !checkout || !f || !snapshot || !customer) return nothing;
    const redeemed = ticket.pointsRedeemed;
    if (!redeemed && customer.points <= 0) return nothing;
    const online = snapshot.connection.state === "connected";
    // Redeeming changes the total: not once money is taken or while several payments are planned.
    const locked = checkout.mode !== "single" || checkout.hasTakenMoney || checkout.waiting !== undefined || checkout.phase !== "charge";
    const parsed = parsePoints(this.text);
    const reason = !online ? msg("Redeeming points needs a connection") : locked ? msg("Points can be redeemed only before any payment") : undefined;
    return html`<section class="points" data-testid="points-panel" aria-label=${msg("Loyalty points")}>
      <div class="head">
        ${icons.user}<span data-testid="points-customer">${customer.name}</span>
        <span class="badge neutral" data-testid="points-balance" data-points=${String(customer.points)}>${msg(str`${customer.points} points`)}</span>
      </div>
      ${redeemed
        ? html`<div class="done" data-testid="points-redeemed" data-points=${String(redeemed.points)}>
            <span>${icons.check} ${msg(str`${redeemed.points} points redeemed`)}</span><span class="num">−${f.money(redeemed.points as Minor)}</span>
          </div>`
        : html`<div class="row">
              <input
                class="input"
                data-testid="points-input"
                inputmode="numeric"
                autocomplete="off"
                aria-label=${msg("Points to redeem")}
                aria-invalid=${this.text !== "" && !parsed.ok ? "true" : "false"}
                .value=${this.text}
                ?disabled=${reason !== undefined || this.busy}
                @input=${(e: Event) => {
                  this.#edited = true;
                  this.text = (e.target as HTMLInputElement).value;
                  this.error = undefined;
                }}
                @keydown=${(e: KeyboardEvent) => e.key === "Enter" && void this.#redeem()}
              />
              <button class="btn" data-testid="points-redeem" ?disabled=${reason !== undefined || this.busy || !parsed.ok} @click=${() => void this.#redeem()}>
                ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : icons.percent} ${msg("Redeem points")}
              </button>
            </div>
            ${reason
              ? html`<span class="sub reason" data-testid="points-reason">${reason}</span>`
              : html`<span class="sub" data-testid="points-value">${parsed.ok ? msg(str`${f.money(parsed.value as Minor)} off the total`) : ""}</span>`}
            ${this.error
              ? html`<div class="alert" role="alert" data-testid="points-error" data-code=${this.error.code}>
                  ${icons.alert}
                  <div><strong>${msg("Points not redeemed.")}</strong> ${errorText(this.error)} <code>${this.error.code}</code></div>
                </div>`
              : nothing}`}
    </section>`;
  }

  #customer() {
    const id = this.ticket?.customerId;
    return id ? this.snapshot?.customers.find((c) => c.customerId === id) : undefined;
  }

  async #redeem(): Promise<void> {
    const { session, ticket, checkout, snapshot } = this;
    const customer = this.#customer();
    if (!session || !ticket || !checkout || !snapshot || !customer || this.busy || ticket.pointsRedeemed) return;
    const parsed = parsePoints(this.text);
    if (!parsed.ok) {
      this.error = parsed;
      return;
    }
    const rules = { allowTaxToggle: snapshot.store.settings.allowTaxToggle === true };
    // The domain first: points worth more than the ticket would be spent for nothing.
    const trial = ticket.tryPoints(snapshot.store.catalog, rules, parsed.value);
    if (!trial.ok) {
      this.error = trial.error;
      return;
    }
    this.busy = true;
    this.error = undefined;
    const requestId = this.#attempt.requestIdFor(customer.customerId, parsed.value);
    const result = await session.redeemPoints(customer.customerId, parsed.value, requestId);
    this.#attempt.settle(result.ok ? { ok: true } : { ok: false, code: result.error.code });
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    ticket.setPointsRedeemed({ points: result.value.points, redemptionId: result.value.requestId });
    const priced = ticket.priced(snapshot.store.catalog, rules);
    if (priced.ok) checkout.retotal(priced.value.total);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-points-redeem": RegisterPointsRedeem;
  }
}
