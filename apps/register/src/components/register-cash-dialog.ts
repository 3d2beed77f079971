import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { Minor } from "@kasa/domain";
import type { SessionFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import { parseMajorAmount } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/** The domain's limit for a pay in / pay out comment. */
const MAX_COMMENT = 200;

export interface CashMove {
  readonly kind: "in" | "out";
  readonly amount: Minor;
  readonly comment: string;
}

/**
 * Pay in (cash put in without a sale) or pay out (cash taken out): an amount and a comment saying
 * why, both in the shift report. Emits `cash-confirm` (detail: CashMove) or `cash-cancel`.
 */
@localized()
@customElement("register-cash-dialog")
export class RegisterCashDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      textarea {
        width: 100%;
        min-height: 72px;
        padding: 10px 12px;
        border: 1px solid var(--kasa-border-strong);
        border-radius: var(--kasa-radius-sm);
        font: inherit;
        font-size: 16px;
        resize: vertical;
      }
      textarea[aria-invalid="true"] {
        border-color: var(--kasa-danger);
      }
    `,
  ];

  @property() kind: "in" | "out" = "in";
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ type: Boolean }) busy = false;
  /** A refusal from the session (shown with its code). */
  @property({ attribute: false }) error: SessionFailure | undefined;
  @state() private amountText = "";
  @state() private comment = "";
  @state() private touched = false;
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const f = this.formatters;
    if (!f) return nothing;
    const amount = parseMajorAmount(this.amountText, f.currency);
    const amountError = this.touched && !amount.ok ? errorText(amount) : "";
    const commentError = this.touched && this.comment.trim() === "" ? errorText({ code: "COMMENT_REQUIRED", message: "Add a comment saying why" }) : "";
    return html`<dialog data-testid="cash-dialog" data-kind=${this.kind} aria-labelledby="cash-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="cash-title">${this.kind === "in" ? msg("Pay in") : msg("Pay out")}</h2>
            <p>${this.kind === "in" ? msg("Cash put into the drawer without a sale.") : msg("Cash taken out of the drawer.")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          <div class="field">
            <label for="amount">${msg("Amount")} (${f.currencySymbol()})</label>
            <input
              id="amount"
              class="input big-input"
              data-testid="cash-amount"
              inputmode="decimal"
              autocomplete="off"
              .value=${this.amountText}
              aria-invalid=${amountError ? "true" : "false"}
              @input=${(e: Event) => (this.amountText = (e.target as HTMLInputElement).value)}
            />
            ${amountError ? html`<span class="error-text">${amountError}</span>` : nothing}
          </div>
          <div class="field">
            <label for="comment">${msg("Comment")}</label>
            <textarea
              id="comment"
              data-testid="cash-comment"
              maxlength=${MAX_COMMENT}
              placeholder=${this.kind === "in" ? msg("e.g. change from the bank") : msg("e.g. milk from the shop")}
              .value=${this.comment}
              aria-invalid=${commentError ? "true" : "false"}
              @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${commentError ? html`<span class="error-text">${commentError}</span>` : nothing}
          </div>
          ${this.error
            ? html`<div class="alert" role="alert" data-testid="shift-error" data-code=${this.error.code}>${icons.alert}<span>${errorText(this.error)}</span></div>`
            : nothing}
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="cash-confirm" ?disabled=${this.busy}>
            ${this.kind === "in" ? msg("Pay in") : msg("Pay out")}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  #submit(e: Event): void {
    e.preventDefault();
    this.touched = true;
    const f = this.formatters;
    if (!f || this.busy) return;
    const amount = parseMajorAmount(this.amountText, f.currency);
    if (!amount.ok || this.comment.trim() === "") return;
    const detail: CashMove = { kind: this.kind, amount: amount.value, comment: this.comment.trim() };
    this.dispatchEvent(new CustomEvent("cash-confirm", { detail }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("cash-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-cash-dialog": RegisterCashDialog;
  }
}
