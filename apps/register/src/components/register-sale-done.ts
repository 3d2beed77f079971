import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { PairedRegister, RegisterSnapshot } from "@kasa/sync";
import { changeOf, paymentName, registerLabel, type Formatters } from "../lib/format.js";
import { printRequest } from "../lib/print-job.js";
import type { CheckoutModel } from "../state/checkout.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import "./register-receipt-paper.js";

/**
 * Shown only once the sale is committed to this device: the receipt number, the change, the
 * receipt itself (printable), New sale.
 */
@localized()
@customElement("register-sale-done")
export class RegisterSaleDone extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 460px) minmax(0, 380px);
        justify-content: center;
        align-items: start;
        gap: 24px;
        height: 100%;
        padding: 24px;
        overflow-y: auto;
        background: var(--kasa-bg);
      }
      .card {
        padding: 32px 32px 24px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow-lg);
        text-align: center;
      }
      .check {
        display: inline-grid;
        place-items: center;
        width: 64px;
        height: 64px;
        border-radius: 50%;
        background: var(--kasa-ok-soft);
        color: var(--kasa-ok);
        animation: pop 240ms ease-out;
      }
      .check svg {
        width: 34px;
        height: 34px;
        stroke-width: 2.6;
      }
      h1 {
        margin: 16px 0 4px;
        font-size: 26px;
        letter-spacing: -0.02em;
      }
      .number {
        font-size: 15px;
        color: var(--kasa-text-muted);
      }
      .number strong {
        color: var(--kasa-text);
        font-variant-numeric: tabular-nums;
      }
      .hero {
        margin: 24px 0 8px;
        padding: 20px;
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface-muted);
        border: 1px solid var(--kasa-border);
      }
      .hero .label {
        font-size: 13px;
        font-weight: 700;
        letter-spacing: 0.06em;
        text-transform: uppercase;
        color: var(--kasa-text-muted);
      }
      .hero .amount {
        margin-top: 4px;
        font-size: 40px;
        font-weight: 750;
        letter-spacing: -0.02em;
        font-variant-numeric: tabular-nums;
      }
      .hero.change .amount {
        color: var(--kasa-primary-strong);
      }
      dl {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px 16px;
        margin: 16px 4px 0;
        font-size: 15px;
        text-align: left;
        color: var(--kasa-text-muted);
      }
      dd {
        margin: 0;
        text-align: right;
        color: var(--kasa-text);
        font-variant-numeric: tabular-nums;
      }
      .saved {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 8px;
        margin: 22px 0 24px;
        font-size: 13px;
        color: var(--kasa-text-subtle);
      }
      .saved svg {
        width: 16px;
        height: 16px;
      }
      .buttons {
        display: grid;
        grid-template-columns: 1fr 1.6fr;
        gap: 10px;
      }
      .paper {
        border-radius: 4px;
        box-shadow: var(--kasa-shadow-lg);
        overflow: hidden;
        background: #fff;
        /* The torn edge of a receipt roll. */
        -webkit-mask: linear-gradient(#000 0 0) top / 100% calc(100% - 8px) no-repeat, conic-gradient(from -45deg at bottom, #0000, #000 1deg 89deg, #0000 90deg) bottom / 16px 8px repeat-x;
        mask: linear-gradient(#000 0 0) top / 100% calc(100% - 8px) no-repeat, conic-gradient(from -45deg at bottom, #0000, #000 1deg 89deg, #0000 90deg) bottom / 16px 8px repeat-x;
      }
      @media (max-width: 860px) {
        :host {
          grid-template-columns: minmax(0, 520px);
        }
      }
      @keyframes pop {
        from {
          transform: scale(0.6);
          opacity: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) checkout: CheckoutModel | undefined;
  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) paired: PairedRegister | undefined;
  @query("[data-testid=new-sale]") private newSaleButton!: HTMLButtonElement;

  #synced = false;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const id = this.checkout?.completed?.id;
    this.#synced = id !== undefined && (this.snapshot?.receipts.some((r) => r.event.id === id && r.synced) ?? false);
  }

  protected override firstUpdated(): void {
    this.newSaleButton?.focus();
  }

  protected override render() {
    const sale = this.checkout?.completed;
    const f = this.formatters;
    if (!sale || !f) return nothing;
    const receipt = sale.payload.receipt;
    const change = changeOf(receipt);
    const cash = receipt.payments.find((p) => p.type === "cash");
    const split = receipt.payments.length > 1;
    return html`<div class="card" data-testid="sale-done" data-number=${receipt.number} role="status">
        <span class="check">${icons.check}</span>
        <h1>${msg("Sale complete")}</h1>
        <div class="number">${msg("Receipt")} <strong data-testid="receipt-number">${receipt.number}</strong></div>
        ${cash
          ? html`<div class="hero change">
              <div class="label">${msg("Change due")}</div>
              <div class="amount" data-testid="change-due">${f.money(change)}</div>
            </div>`
          : html`<div class="hero">
              <div class="label">${msg("Paid")}</div>
              <div class="amount">${f.money(receipt.total)}</div>
            </div>`}
        <dl>
          <dt>${msg("Total")}</dt>
          <dd data-testid="done-total">${f.money(receipt.total)}</dd>
          ${receipt.payments.map(
            (p) => html`<dt>${paymentName(p)}${p.type === "cash" && p.received !== undefined && !split ? html` · ${msg("received")}` : nothing}</dt>
              <dd>${f.money(p.type === "cash" && p.received !== undefined ? p.received : p.amount)}</dd>`,
          )}
        </dl>
        <div class="saved">${icons.database}${this.#synced ? msg("Saved on this register and synced") : msg("Saved on this register · syncs automatically")}</div>
        <div class="buttons">
          <button class="btn large" data-testid="print-receipt" @click=${() => this.dispatchEvent(printRequest({ kind: "receipt", receipt, deviceTime: sale.deviceTime }))}>
            ${icons.print} ${msg("Print")}
          </button>
          <button class="btn primary large" data-testid="new-sale" @click=${() => this.checkout?.newSale()}>${msg("New sale")}</button>
        </div>
      </div>
      <div class="paper" aria-label=${msg(str`Receipt ${receipt.number}`)}>
        <register-receipt-paper
          .receipt=${receipt}
          .deviceTime=${sale.deviceTime}
          .storeName=${this.snapshot?.store.settings.name ?? ""}
          .registerLabel=${this.paired ? registerLabel(this.paired, this.snapshot?.store.registers) : ""}
          .catalog=${this.snapshot?.store.catalog}
          .formatters=${f}
        ></register-receipt-paper>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-sale-done": RegisterSaleDone;
  }
}
