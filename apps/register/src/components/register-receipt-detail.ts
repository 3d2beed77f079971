import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { Catalog } from "@kasa/domain";
import type { LocalReceipt, PairedRegister } from "@kasa/sync";
import { registerLabel, type Formatters } from "../lib/format.js";
import { printRequest } from "../lib/print-job.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import "./register-receipt-paper.js";

/** One receipt as recorded: the receipt itself, its sync state, Print. Emits `close` (used on phones). */
@localized()
@customElement("register-receipt-detail")
export class RegisterReceiptDetail extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        height: 100%;
        overflow-y: auto;
        background: var(--kasa-surface);
      }
      .head {
        display: flex;
        align-items: flex-start;
        justify-content: space-between;
        gap: 12px;
        padding: 18px 16px 14px 24px;
        border-bottom: 1px solid var(--kasa-border);
      }
      h2 {
        margin: 0;
        font-size: 22px;
        letter-spacing: -0.01em;
        font-variant-numeric: tabular-nums;
      }
      .when {
        margin-top: 4px;
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      .head-side {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      .close {
        display: none;
      }
      .paper {
        margin: 16px 24px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-sm);
        overflow: hidden;
      }
      .note {
        margin: 0 24px 24px;
        font-size: 13px;
        color: var(--kasa-text-subtle);
        line-height: 1.5;
      }
      @media (max-width: 860px) {
        .close {
          display: inline-grid;
        }
      }
    `,
  ];

  @property({ attribute: false }) receipt: LocalReceipt | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) storeName = "";
  @property({ attribute: false }) paired: PairedRegister | undefined;

  protected override render() {
    const r = this.receipt;
    const f = this.formatters;
    if (!r || !f) return nothing;
    const receipt = r.event.payload.receipt;
    return html`<div data-testid="receipt-detail" data-number=${receipt.number}>
      <div class="head">
        <div>
          <h2>${msg(str`Receipt ${receipt.number}`)}</h2>
          <div class="when">${f.dateTime(r.event.deviceTime)}</div>
        </div>
        <div class="head-side">
          ${r.synced ? html`<span class="badge ok">${msg("Synced")}</span>` : html`<span class="badge warn">${msg("Unsynced")}</span>`}
          <button
            class="icon-btn outlined"
            data-testid="receipt-print"
            aria-label=${msg("Print")}
            title=${msg("Print")}
            @click=${() => this.dispatchEvent(printRequest({ kind: "receipt", receipt, deviceTime: r.event.deviceTime }))}
          >
            ${icons.print}
          </button>
          <button class="icon-btn close" aria-label=${msg("Close")} @click=${() => this.dispatchEvent(new CustomEvent("close"))}>${icons.close}</button>
        </div>
      </div>
      <div class="paper">
        <register-receipt-paper
          .receipt=${receipt}
          .deviceTime=${r.event.deviceTime}
          .storeName=${this.storeName}
          .registerLabel=${this.paired ? registerLabel(this.paired) : ""}
          .catalog=${this.catalog}
          .formatters=${f}
        ></register-receipt-paper>
      </div>
      <p class="note">
        ${r.synced
          ? msg("The relay has this receipt on its disk; it is in the back office's reports.")
          : msg("Saved on this register. It is sent to the relay automatically when the connection is back.")}
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-receipt-detail": RegisterReceiptDetail;
  }
}
