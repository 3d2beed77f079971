import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import { ONE_UNIT, type Catalog, type CatalogItem, type Discount, type DiscountId } from "@kasa/domain";
import { errorText } from "../i18n/errors.js";
import { decimalSeparator, parsePieces } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { lineDiscounts } from "../lib/item-options.js";
import type { TicketRow } from "../lib/ticket-view.js";
import { kilogramsInput, parseKilograms } from "../lib/weight.js";
import type { LineEdit, TicketLine } from "../state/ticket.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "sep", "0", "back"] as const;
/** The domain's limit for a line comment (packages/domain: MAX_COMMENT). */
const MAX_COMMENT = 500;

export interface LineSave {
  readonly key: number;
  readonly edit: LineEdit;
}

/**
 * One ticket line up close: quantity (± and a keypad; kg for weighed items), a comment, the line's
 * own discounts, its options, Remove. Emits `line-save` (detail: LineSave), `line-remove`
 * (detail: key), `line-options` (detail: key) and `line-cancel`.
 */
@localized()
@customElement("register-line-dialog")
export class RegisterLineDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      dialog {
        --dialog-width: 640px;
      }
      .cols {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 20px;
      }
      .qty {
        display: grid;
        grid-template-columns: 52px minmax(0, 1fr) 52px;
        gap: 8px;
        align-items: stretch;
      }
      .qty .btn {
        min-height: 60px;
        padding: 0;
      }
      .suffix {
        display: block;
        margin-top: 4px;
        color: var(--kasa-text-subtle);
        font-size: 13px;
        text-align: right;
      }
      textarea {
        width: 100%;
        min-height: 88px;
        padding: 10px 12px;
        border: 1px solid var(--kasa-border-strong);
        border-radius: var(--kasa-radius-sm);
        font: inherit;
        font-size: 15px;
        resize: vertical;
      }
      textarea:focus {
        outline: 3px solid var(--kasa-primary-ring);
        border-color: var(--kasa-primary);
      }
      .meta {
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      .side {
        display: grid;
        align-content: start;
        gap: 16px;
      }
      .row-actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .danger-btn:hover:not(:disabled) {
        border-color: var(--kasa-danger);
        color: var(--kasa-danger);
      }
      .none {
        font-size: 14px;
        color: var(--kasa-text-subtle);
      }
      @media (max-width: 620px) {
        .cols {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @property({ attribute: false }) line: TicketLine | undefined;
  @property({ attribute: false }) row: TicketRow | undefined;
  @property({ attribute: false }) item: CatalogItem | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @state() private text = "";
  @state() private comment = "";
  @state() private discountIds: readonly DiscountId[] = [];
  @state() private touched = false;
  @query("dialog") private dialog!: HTMLDialogElement;

  #discounts: Discount[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("line") && this.line) {
      this.text = this.#weighed ? kilogramsInput(this.line.quantityMilli, this.#sep) : String(this.line.quantityMilli / ONE_UNIT);
      this.comment = this.line.comment ?? "";
      this.discountIds = this.line.discountIds ?? [];
    }
    this.#discounts = this.catalog ? lineDiscounts(this.catalog) : [];
  }

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  get #weighed(): boolean {
    return this.row?.soldBy === "weight";
  }

  get #sep(): string {
    return this.formatters ? decimalSeparator(this.formatters.locale) : ".";
  }

  #parsed(): { ok: true; value: number } | { ok: false; code: string; message: string } {
    if (this.#weighed) {
      const w = parseKilograms(this.text);
      return w.ok ? { ok: true, value: w.grams } : w;
    }
    return parsePieces(this.text);
  }

  protected override render() {
    const { row, formatters: f } = this;
    if (!row || !f || !this.line) return nothing;
    const parsed = this.#parsed();
    const error = this.touched && !parsed.ok ? errorText(parsed) : "";
    const details = [row.variantName, ...row.modifiers.map((m) => m.name)].filter(Boolean).join(" · ");
    return html`<dialog data-testid="line-dialog" aria-labelledby="line-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="line-title">${row.name || msg("Item no longer in the catalog")}</h2>
            <p>${details || (row.unitPrice === undefined ? "" : `${f.money(row.unitPrice)}${this.#weighed ? " / kg" : ""}`)}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          <div class="cols">
            <div class="field">
              <label for="qty">${this.#weighed ? msg("Weight (kg)") : msg("Quantity")}</label>
              <div class="qty">
                ${this.#weighed ? nothing : html`<button type="button" class="btn" aria-label=${msg("One less")} data-testid="line-dialog-minus" @click=${() => this.#step(-1)}>${icons.minus}</button>`}
                <input
                  id="qty"
                  class="input big-input"
                  style=${this.#weighed ? "grid-column: 1 / -1" : ""}
                  data-testid="line-quantity-input"
                  inputmode=${this.#weighed ? "decimal" : "numeric"}
                  autocomplete="off"
                  .value=${this.text}
                  aria-invalid=${error ? "true" : "false"}
                  @input=${(e: Event) => this.#setText((e.target as HTMLInputElement).value)}
                />
                ${this.#weighed ? nothing : html`<button type="button" class="btn" aria-label=${msg("One more")} data-testid="line-dialog-plus" @click=${() => this.#step(1)}>${icons.plus}</button>`}
              </div>
              ${error ? html`<span class="error-text" role="alert">${error}</span>` : nothing}
              <div class="keypad" aria-hidden="true">${KEYS.map((k) => this.#key(k))}</div>
            </div>
            <div class="side">
              <div class="field">
                <label for="comment">${msg("Comment")}</label>
                <textarea
                  id="comment"
                  data-testid="line-comment"
                  maxlength=${MAX_COMMENT}
                  placeholder=${msg("e.g. no sugar, extra hot")}
                  .value=${this.comment}
                  @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
                ></textarea>
              </div>
              <div>
                <h3 class="section-title">${msg("Discounts on this item")}</h3>
                ${this.#discounts.length === 0
                  ? html`<span class="none">${msg("The store has no item discounts.")}</span>`
                  : html`<div class="chips">${this.#discounts.map((d) => this.#discount(d, f))}</div>`}
              </div>
              <div class="row-actions">
                ${row.configurable
                  ? html`<button type="button" class="btn" data-testid="line-options" @click=${this.#options}>${icons.layers} ${msg("Change options")}</button>`
                  : nothing}
                <button type="button" class="btn danger-btn" data-testid="line-dialog-remove" @click=${this.#remove}>${icons.trash} ${msg("Remove")}</button>
              </div>
            </div>
          </div>
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="line-save">${msg("Save")}</button>
        </div>
      </form>
    </dialog>`;
  }

  #discount(d: Discount, f: Formatters) {
    const on = this.discountIds.includes(d.id);
    return html`<button
      type="button"
      class="chip"
      role="checkbox"
      data-testid="line-discount"
      data-discount-id=${d.id}
      aria-checked=${on ? "true" : "false"}
      @click=${() => (this.discountIds = on ? this.discountIds.filter((id) => id !== d.id) : [...this.discountIds, d.id])}
    >
      ${d.name}<small>−${f.percent(d.value ?? 0)}</small>
    </button>`;
  }

  #key(k: (typeof KEYS)[number]) {
    const label = k === "sep" ? this.#sep : k === "back" ? "⌫" : k;
    const disabled = k === "sep" && !this.#weighed;
    return html`<button type="button" class="btn" tabindex="-1" ?disabled=${disabled} @click=${() => this.#press(k)}>${label}</button>`;
  }

  #press(k: (typeof KEYS)[number]): void {
    if (k === "back") this.#setText(this.text.slice(0, -1));
    else if (k === "sep") {
      if (!/[.,]/.test(this.text)) this.#setText(`${this.text || "0"}${this.#sep}`);
    } else this.#setText(this.text === "0" ? k : this.text + k);
  }

  #step(direction: 1 | -1): void {
    const parsed = parsePieces(this.text);
    const pieces = parsed.ok ? parsed.value / ONE_UNIT : 1;
    this.#setText(String(Math.max(1, pieces + direction)));
  }

  #setText(text: string): void {
    this.text = text;
    this.touched = false;
  }

  #submit(e: Event): void {
    e.preventDefault();
    this.touched = true;
    const parsed = this.#parsed();
    if (!parsed.ok || !this.line) return;
    const detail: LineSave = { key: this.line.key, edit: { quantityMilli: parsed.value, comment: this.comment, discountIds: this.discountIds } };
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("line-save", { detail }));
  }

  #remove(): void {
    if (!this.line) return;
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("line-remove", { detail: this.line.key }));
  }

  #options(): void {
    if (!this.line) return;
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("line-options", { detail: this.line.key }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("line-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-line-dialog": RegisterLineDialog;
  }
}
