import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Catalog } from "@kasa/domain";
import type { LocalReceipt } from "@kasa/sync";
import { changeOf, paymentName, soldByOf, type Formatters } from "../lib/format.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/** One receipt as recorded: lines, taxes, payments and change. Emits `close` (used on phones). */
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
        padding: 20px 20px 16px 24px;
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
        gap: 4px;
      }
      .close {
        display: none;
      }
      section {
        padding: 16px 24px;
        border-bottom: 1px solid var(--kasa-border);
      }
      section:last-child {
        border-bottom: 0;
      }
      h3 {
        margin: 0 0 10px;
        font-size: 12px;
        font-weight: 700;
        letter-spacing: 0.08em;
        text-transform: uppercase;
        color: var(--kasa-text-subtle);
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 2px 12px;
        padding: 8px 0;
      }
      li + li {
        border-top: 1px dashed var(--kasa-border);
      }
      .item {
        font-weight: 600;
      }
      .unit {
        grid-column: 1;
        font-size: 13px;
        color: var(--kasa-text-subtle);
        font-variant-numeric: tabular-nums;
      }
      .amount {
        grid-row: 1;
        grid-column: 2;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      dl {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px 12px;
        margin: 0;
        font-size: 15px;
        color: var(--kasa-text-muted);
      }
      dd {
        margin: 0;
        text-align: right;
        color: var(--kasa-text);
        font-variant-numeric: tabular-nums;
      }
      .grand {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        margin-top: 10px;
        padding-top: 10px;
        border-top: 1px solid var(--kasa-border);
        font-size: 19px;
        font-weight: 750;
      }
      .note {
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

  protected override render() {
    const r = this.receipt;
    const f = this.formatters;
    if (!r || !f) return nothing;
    const receipt = r.event.payload.receipt;
    const change = changeOf(receipt);
    return html`<div data-testid="receipt-detail" data-number=${receipt.number}>
      <div class="head">
        <div>
          <h2>Receipt ${receipt.number}</h2>
          <div class="when">${f.dateTime(r.event.deviceTime)}</div>
        </div>
        <div class="head-side">
          ${r.synced ? html`<span class="badge ok">Synced</span>` : html`<span class="badge warn">Unsynced</span>`}
          <button class="icon-btn close" aria-label="Close" @click=${() => this.dispatchEvent(new CustomEvent("close"))}>${icons.close}</button>
        </div>
      </div>
      <section>
        <h3>Items</h3>
        <ul>
          ${receipt.lines.map((line) => {
            const soldBy = soldByOf(this.catalog?.items[line.itemId], line.quantityMilli);
            return html`<li>
              <span class="item">${line.name}</span>
              <span class="amount">${f.money(line.total)}</span>
              <span class="unit">${f.unitLine(line.unitPrice, line.quantityMilli, soldBy)}</span>
            </li>`;
          })}
        </ul>
      </section>
      <section>
        <dl>
          <dt>Subtotal</dt>
          <dd>${f.money(receipt.subtotal)}</dd>
          ${receipt.taxes.map(
            (t) => html`<dt>${t.name} ${t.mode === "included" ? "(included)" : ""}</dt>
              <dd>${f.money(t.amount)}</dd>`,
          )}
        </dl>
        <div class="grand"><span>Total</span><span class="num">${f.money(receipt.total)}</span></div>
      </section>
      <section>
        <h3>Payment</h3>
        <dl>
          ${receipt.payments.map((p) =>
            p.type === "cash" && p.received !== undefined
              ? html`<dt>Cash received</dt>
                  <dd>${f.money(p.received)}</dd>`
              : html`<dt>${paymentName(p)}</dt>
                  <dd>${f.money(p.amount)}</dd>`,
          )}
          ${change > 0
            ? html`<dt>Change</dt>
                <dd>${f.money(change)}</dd>`
            : nothing}
        </dl>
      </section>
      <section class="note">
        ${r.synced
          ? "The relay has this receipt on its disk; it is in the back office's reports."
          : "Saved on this register. It is sent to the relay automatically when the connection is back."}
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-receipt-detail": RegisterReceiptDetail;
  }
}
