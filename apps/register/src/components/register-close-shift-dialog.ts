import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { Minor, ShiftReport } from "@kasa/domain";
import type { SessionFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import { parseMajorAmount } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Close shift: the expected cash (from the domain's live report), the cash the cashier counted,
 * and the difference as it is typed, before confirming. Emits `close-confirm` (detail: counted
 * cash) or `close-cancel`.
 */
@localized()
@customElement("register-close-shift-dialog")
export class RegisterCloseShiftDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      .sum {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 6px 12px;
        margin: 0;
        padding: 14px 16px;
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-surface-muted);
        border: 1px solid var(--kasa-border);
        font-size: 15px;
      }
      .sum dt {
        color: var(--kasa-text-muted);
      }
      .sum dd {
        margin: 0;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .sum .big {
        font-size: 20px;
        font-weight: 750;
        color: var(--kasa-text);
      }
      .diff {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        padding: 14px 16px;
        border-radius: var(--kasa-radius-sm);
        border: 1px solid var(--kasa-border);
        font-weight: 650;
      }
      .diff strong {
        font-size: 24px;
        font-variant-numeric: tabular-nums;
      }
      .diff.short {
        background: var(--kasa-danger-soft);
        border-color: rgba(185, 28, 28, 0.25);
        color: var(--kasa-danger);
      }
      .diff.over {
        background: var(--kasa-warn-soft);
        border-color: rgba(180, 83, 9, 0.25);
        color: var(--kasa-warn);
      }
      .diff.even {
        background: var(--kasa-ok-soft);
        color: var(--kasa-ok);
      }
    `,
  ];

  @property({ attribute: false }) report: ShiftReport | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: SessionFailure | undefined;
  @state() private text = "";
  @state() private touched = false;
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const { report: r, formatters: f } = this;
    if (!r || !f) return nothing;
    const counted = parseMajorAmount(this.text, f.currency);
    const difference = counted.ok ? counted.value - r.expectedCash : undefined;
    const error = this.touched && !counted.ok ? errorText(counted) : "";
    const tone = difference === undefined ? "" : difference < 0 ? "short" : difference > 0 ? "over" : "even";
    return html`<dialog data-testid="close-shift-dialog" aria-labelledby="close-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="close-title">${msg("Close shift")}</h2>
            <p>${msg("Count the cash in the drawer and enter what you counted.")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          <dl class="sum">
            <dt>${msg("Starting cash")}</dt>
            <dd>${f.money(r.startingCash)}</dd>
            <dt>${msg("Cash payments")}</dt>
            <dd>${f.money(r.cashPayments)}</dd>
            <dt>${msg("Cash refunds")}</dt>
            <dd>${r.cashRefunds > 0 ? `−${f.money(r.cashRefunds)}` : f.money(0)}</dd>
            <dt>${msg("Paid in")}</dt>
            <dd>${f.money(r.paidIn)}</dd>
            <dt>${msg("Paid out")}</dt>
            <dd>${r.paidOut > 0 ? `−${f.money(r.paidOut)}` : f.money(0)}</dd>
            <dt class="big">${msg("Expected cash")}</dt>
            <dd class="big" data-testid="close-expected">${f.money(r.expectedCash)}</dd>
          </dl>
          <div class="field">
            <label for="counted">${msg("Counted cash")} (${f.currencySymbol()})</label>
            <input
              id="counted"
              class="input big-input"
              data-testid="close-counted"
              inputmode="decimal"
              autocomplete="off"
              .value=${this.text}
              aria-invalid=${error ? "true" : "false"}
              @input=${(e: Event) => ((this.text = (e.target as HTMLInputElement).value), (this.touched = false))}
            />
            ${error ? html`<span class="error-text">${error}</span>` : nothing}
          </div>
          <div class="diff ${tone}" aria-live="polite">
            <span>${difference === undefined ? msg("Difference") : difference < 0 ? msg("Short") : difference > 0 ? msg("Over") : msg("Exact", { id: "shift.difference.none" })}</span>
            <strong data-testid="close-difference">${difference === undefined ? "—" : f.signedMoney(difference)}</strong>
          </div>
          ${this.error
            ? html`<div class="alert" role="alert" data-testid="shift-error" data-code=${this.error.code}>${icons.alert}<span>${errorText(this.error)}</span></div>`
            : nothing}
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="close-confirm" ?disabled=${this.busy}>${msg("Close shift")}</button>
        </div>
      </form>
    </dialog>`;
  }

  #submit(e: Event): void {
    e.preventDefault();
    this.touched = true;
    const f = this.formatters;
    if (!f || this.busy) return;
    const counted = parseMajorAmount(this.text, f.currency);
    if (!counted.ok) return;
    this.dispatchEvent(new CustomEvent<Minor>("close-confirm", { detail: counted.value }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("close-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-close-shift-dialog": RegisterCloseShiftDialog;
  }
}
