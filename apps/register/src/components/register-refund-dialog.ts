import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { RefundLineInput } from "@kasa/domain";
import type { SessionFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import type { Formatters } from "../lib/format.js";
import { refundRequest, stepRefund, type RefundableLine } from "../state/open-tickets.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Refund (DESIGN O6, online only): a quantity per line of the sale — pieces one at a time, weighed
 * lines only whole — then Refund. The relay approves it (refusing more than was sold, even when two
 * registers race). Emits `refund-confirm` (detail: RefundLineInput[]) or `refund-cancel`.
 */
@localized()
@customElement("register-refund-dialog")
export class RegisterRefundDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      dialog {
        --dialog-width: 520px;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 8px;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: 10px;
        padding: 8px 10px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-sm);
      }
      .name {
        font-weight: 650;
      }
      .left {
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .stepper {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      .qty {
        min-width: 64px;
        text-align: center;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .btn.danger {
        background: var(--kasa-danger);
        border-color: var(--kasa-danger);
        color: #fff;
      }
    `,
  ];

  @property() number = "";
  @property({ attribute: false }) lines: readonly RefundableLine[] = [];
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: SessionFailure | undefined;
  @state() private quantities = new Map<number, number>();
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const f = this.formatters;
    if (!f) return nothing;
    const request = refundRequest(this.quantities);
    return html`<dialog data-testid="refund-dialog" aria-labelledby="refund-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="refund-title">${msg(str`Refund receipt ${this.number}`)}</h2>
            <p>${msg("Choose what comes back. Weighed items are refunded whole.")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          <ul>
            ${this.lines.map((l) => {
              const q = this.quantities.get(l.lineIndex) ?? 0;
              const soldBy = l.weighed ? "weight" : "each";
              return html`<li data-testid="refund-line" data-line-index=${l.lineIndex} data-weighed=${l.weighed ? "true" : "false"}>
                <div>
                  <div class="name">${l.name}</div>
                  <div class="left">${msg(str`Sold ${f.quantity(l.soldMilli, soldBy)} · refundable ${f.quantity(l.leftMilli, soldBy)}`)}</div>
                </div>
                <div class="stepper">
                  <button type="button" class="icon-btn outlined" data-testid="refund-minus" aria-label=${msg("Less")} ?disabled=${q === 0} @click=${() => this.#step(l, -1)}>−</button>
                  <span class="qty" data-testid="refund-quantity" data-quantity-milli=${q}>${f.quantity(q, soldBy)}</span>
                  <button type="button" class="icon-btn outlined" data-testid="refund-plus" aria-label=${msg("More")} ?disabled=${q >= l.leftMilli} @click=${() => this.#step(l, 1)}>+</button>
                </div>
              </li>`;
            })}
          </ul>
          ${this.error
            ? html`<div class="alert" role="alert" data-testid="refund-error" data-code=${this.error.code}>${icons.alert}<span>${errorText(this.error)} (${this.error.code})</span></div>`
            : nothing}
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn large danger" data-testid="refund-confirm" ?disabled=${this.busy || request.length === 0}>
            ${this.busy ? msg("Asking the relay…") : msg("Refund")}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  #step(line: RefundableLine, direction: 1 | -1): void {
    const next = new Map(this.quantities);
    next.set(line.lineIndex, stepRefund(line, next.get(line.lineIndex) ?? 0, direction));
    this.quantities = next;
  }

  #submit(e: Event): void {
    e.preventDefault();
    const lines: RefundLineInput[] = refundRequest(this.quantities);
    if (this.busy || lines.length === 0) return;
    this.dispatchEvent(new CustomEvent<RefundLineInput[]>("refund-confirm", { detail: lines }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("refund-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-refund-dialog": RegisterRefundDialog;
  }
}
