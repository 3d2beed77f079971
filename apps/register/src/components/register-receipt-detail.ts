import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { Catalog, RefundCompleted, RefundLineInput, SaleCompleted } from "@kasa/domain";
import type { PairedRegister, RegisterSession, SessionFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import { looksLikeEmail, refundableLines } from "../state/open-tickets.js";
import type { ToastModel } from "../state/toasts.js";
import { registerLabel, type Formatters } from "../lib/format.js";
import { printRequest } from "../lib/print-job.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import "./register-receipt-paper.js";
import "./register-refund-dialog.js";

/** What the detail shows: a sale (this register's, or another's fetched from the relay) or a refund. */
export type ShownReceipt =
  | { readonly kind: "sale"; readonly event: SaleCompleted; readonly synced: boolean; readonly remote?: boolean }
  | { readonly kind: "refund"; readonly event: RefundCompleted; readonly synced: boolean; readonly remote?: boolean };

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
      .actions-box {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 10px;
        margin: 0 24px 16px;
      }
      .btn.refund {
        border-color: var(--kasa-danger);
        color: var(--kasa-danger);
      }
      .btn.refund:disabled {
        border-color: var(--kasa-border);
        color: var(--kasa-text-subtle);
      }
      .reason {
        font-size: 14px;
        color: var(--kasa-warn);
        font-weight: 600;
      }
      .send {
        display: grid;
        gap: 6px;
        margin: 0 24px 24px;
        font-size: 14px;
        font-weight: 600;
      }
      .send-row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 8px;
      }
      .queued {
        color: var(--kasa-ok);
        font-weight: 600;
      }
      .refund-head h2,
      .refund-head .for {
        color: var(--kasa-danger);
      }
      .refund-head .for {
        margin-top: 4px;
        font-size: 14px;
        font-weight: 650;
      }
      .refund-paper {
        padding: 14px 16px;
        border-color: var(--kasa-danger);
        color: var(--kasa-danger);
        font-family: ui-monospace, monospace;
        font-size: 14px;
      }
      .refund-title {
        text-align: center;
        font-weight: 800;
        letter-spacing: 0.2em;
        margin-bottom: 8px;
      }
      .rline {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        padding: 2px 0;
      }
      .rline.total {
        margin-top: 6px;
        padding-top: 6px;
        border-top: 1px dashed var(--kasa-danger);
        font-weight: 800;
      }
      @media (max-width: 860px) {
        .close {
          display: inline-grid;
        }
      }
    `,
  ];

  @property({ attribute: false }) receipt: ShownReceipt | undefined;
  /** The register session (refund, send receipt); without it those actions are hidden. */
  @property({ attribute: false }) session: RegisterSession | undefined;
  @property({ attribute: false }) toasts: ToastModel | undefined;
  /** Every refund of this sale known here (this register's and, for a store receipt, the relay's). */
  @property({ attribute: false }) knownRefunds: readonly RefundCompleted[] = [];
  @property({ type: Boolean }) online = false;
  @state() private refunding: { busy: boolean; error?: SessionFailure } | undefined;
  @state() private email = "";
  @state() private emailError: SessionFailure | undefined;
  @state() private emailQueued: string | undefined;
  #shownId: string | undefined;

  protected override willUpdate(): void {
    // Another receipt: forget the last one's dialog and e-mail state.
    const id = this.receipt?.event.id;
    if (id !== this.#shownId) {
      this.#shownId = id;
      this.refunding = undefined;
      this.email = "";
      this.emailError = undefined;
      this.emailQueued = undefined;
    }
  }
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) storeName = "";
  @property({ attribute: false }) paired: PairedRegister | undefined;

  protected override render() {
    const r = this.receipt;
    const f = this.formatters;
    if (!r || !f) return nothing;
    if (r.kind === "refund") return this.#refund(r.event, r.synced, f);
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
          .registerLabel=${r.remote || !this.paired ? registerLabel({ registerNumber: receipt.registerNumber }) : registerLabel(this.paired, this.session?.snapshot.store.registers)}
          .catalog=${this.catalog}
          .formatters=${f}
        ></register-receipt-paper>
      </div>
      <p class="note">
        ${r.remote
          ? msg("A receipt of another register, from the relay.")
          : r.synced
            ? msg("The relay has this receipt on its disk; it is in the back office's reports.")
            : msg("Saved on this register. It is sent to the relay automatically when the connection is back.")}
      </p>
      ${this.session ? this.#actions(r) : nothing}
    </div>`;
  }

  /** Refund (online only, synced sales) and Send receipt (works offline: queued). */
  #actions(r: Extract<ShownReceipt, { kind: "sale" }>) {
    const f = this.formatters!;
    const lines = refundableLines(r.event.payload.receipt, r.event.id, this.knownRefunds);
    const left = lines.some((l) => l.leftMilli > 0);
    const reason = !this.online ? msg("Refunds need a connection") : !r.synced ? msg("Not synced yet: refunds need the receipt on the relay") : !left ? msg("Everything on this receipt was refunded") : undefined;
    return html`<section class="actions-box">
        <button class="btn large refund" data-testid="receipt-refund" ?disabled=${reason !== undefined} @click=${() => (this.refunding = { busy: false })}>
          ${icons.undo} ${msg("Refund")}
        </button>
        ${reason ? html`<span class="reason" data-testid="refund-reason">${reason}</span>` : nothing}
      </section>
      ${r.remote
        ? nothing
        : html`<form class="send" @submit=${(e: Event) => this.#send(e, r.event.id)} novalidate>
            <label for="email">${msg("Send receipt")}</label>
            <div class="send-row">
              <input
                id="email"
                class="input"
                type="email"
                data-testid="receipt-email"
                placeholder=${msg("customer@example.com")}
                .value=${this.email}
                @input=${(e: Event) => ((this.email = (e.target as HTMLInputElement).value), (this.emailError = undefined))}
              />
              <button class="btn primary" type="submit" data-testid="receipt-send" ?disabled=${!looksLikeEmail(this.email)}>${msg("Send")}</button>
            </div>
            ${this.emailError
              ? html`<span class="error-text" data-testid="receipt-email-error" data-code=${this.emailError.code}>${errorText(this.emailError)}</span>`
              : nothing}
            ${this.emailQueued
              ? html`<span class="queued" data-testid="receipt-email-queued"
                  >${msg(str`Queued for ${this.emailQueued}. Will be sent when the relay has it.`)}</span
                >`
              : nothing}
          </form>`}
      ${this.refunding
        ? html`<register-refund-dialog
            .number=${r.event.payload.receipt.number}
            .lines=${lines}
            .formatters=${f}
            .busy=${this.refunding.busy}
            .error=${this.refunding.error}
            @refund-confirm=${(e: CustomEvent<RefundLineInput[]>) => void this.#refundNow(r.event.id, e.detail)}
            @refund-cancel=${() => (this.refunding = undefined)}
          ></register-refund-dialog>`
        : nothing}`;
  }

  async #refundNow(saleEventId: string, lines: RefundLineInput[]): Promise<void> {
    const session = this.session;
    if (!session || this.refunding?.busy) return;
    this.refunding = { busy: true };
    const result = await session.refund(saleEventId, lines);
    if (!result.ok) {
      this.refunding = { busy: false, error: result.error };
      return;
    }
    this.refunding = undefined;
    this.toasts?.show(msg(str`Refund ${result.value.payload.refund.number} recorded`), { tone: "success", ms: 3000 });
    this.dispatchEvent(new CustomEvent("refund-done", { detail: result.value.id, bubbles: true, composed: true }));
  }

  async #send(e: Event, receiptEventId: string): Promise<void> {
    e.preventDefault();
    const session = this.session;
    const email = this.email.trim();
    if (!session || !looksLikeEmail(email)) return;
    const result = await session.emailReceipt(receiptEventId, email);
    if (!result.ok) {
      this.emailError = result.error;
      return;
    }
    this.emailQueued = email;
    this.email = "";
    this.toasts?.show(msg("Will be sent when the relay has it"), { tone: "success", detail: email, ms: 3500 });
  }

  /** A refund receipt, in red, referencing the sale it refunds. */
  #refund(event: RefundCompleted, synced: boolean, f: Formatters) {
    const refund = event.payload.refund;
    return html`<div data-testid="receipt-detail" data-number=${refund.number} data-kind="refund">
      <div class="head refund-head">
        <div>
          <h2>${msg(str`Refund ${refund.number}`)}</h2>
          <div class="when">${f.dateTime(event.deviceTime)}</div>
          <div class="for" data-testid="refund-for">${msg(str`Refund of receipt ${refund.refundFor.number}`)}</div>
        </div>
        <div class="head-side">
          ${synced ? html`<span class="badge ok">${msg("Synced")}</span>` : html`<span class="badge warn">${msg("Unsynced")}</span>`}
          <button class="icon-btn close" aria-label=${msg("Close")} @click=${() => this.dispatchEvent(new CustomEvent("close"))}>${icons.close}</button>
        </div>
      </div>
      <div class="paper refund-paper" data-testid="refund-paper">
        <div class="refund-title">${msg("REFUND")}</div>
        ${refund.lines.map(
          (l) => html`<div class="rline" data-testid="refund-paper-line">
            <span>${l.name} × ${f.quantity(l.quantityMilli, l.quantityMilli % 1000 === 0 ? "each" : "weight")}</span><span>−${f.money(l.total)}</span>
          </div>`,
        )}
        <div class="rline total"><span>${msg("Refunded")}</span><span data-testid="refund-total">−${f.money(refund.total)}</span></div>
        ${refund.payments.map((p) => html`<div class="rline"><span>${p.name ?? p.type}</span><span>−${f.money(p.amount)}</span></div>`)}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-receipt-detail": RegisterReceiptDetail;
  }
}
