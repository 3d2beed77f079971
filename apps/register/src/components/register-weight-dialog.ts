import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import { priceTicket, type Catalog, type CatalogItem, type Minor } from "@kasa/domain";
import { errorText } from "../i18n/errors.js";
import { decimalSeparator } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { kilogramsInput, parseKilograms, type WeightParse } from "../lib/weight.js";
import type { LineConfig } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "sep", "0", "back"] as const;

/**
 * Asks for the weight of a sold-by-weight item in kg (3 decimals = grams), with a keypad for touch
 * screens and the line price as it will be charged. Emits `weight-confirm` (detail: grams) or `weight-cancel`.
 */
@localized()
@customElement("register-weight-dialog")
export class RegisterWeightDialog extends LitElement {
  static override styles = [
    shared,
    css`
      dialog {
        width: min(420px, calc(100vw - 32px));
        padding: 0;
        border: 0;
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        color: var(--kasa-text);
        box-shadow: var(--kasa-shadow-lg);
      }
      dialog::backdrop {
        background: rgba(17, 24, 39, 0.45);
      }
      form {
        display: grid;
        gap: 16px;
        padding: 24px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        justify-content: space-between;
        gap: 12px;
      }
      h2 {
        margin: 0;
        font-size: 20px;
      }
      .head p {
        margin: 4px 0 0;
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      .input-wrap {
        position: relative;
      }
      .input {
        min-height: 60px;
        padding-right: 52px;
        font-size: 28px;
        font-weight: 650;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .suffix {
        position: absolute;
        right: 16px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--kasa-text-subtle);
        font-weight: 600;
      }
      .preview {
        display: flex;
        justify-content: space-between;
        font-size: 15px;
        color: var(--kasa-text-muted);
        min-height: 20px;
      }
      .preview strong {
        color: var(--kasa-text);
        font-variant-numeric: tabular-nums;
      }
      .keypad {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
      }
      .keypad .btn {
        min-height: 52px;
        font-size: 20px;
        font-variant-numeric: tabular-nums;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1.4fr;
        gap: 10px;
      }
      @media (max-height: 640px) {
        .keypad {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) item: CatalogItem | undefined;
  /** The current weight when correcting a line; empty field for a new weighing. */
  @property({ attribute: false }) grams: number | undefined;
  /** Variant and modifiers chosen before weighing, priced into the preview. */
  @property({ attribute: false }) config: LineConfig | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @state() private text = "";
  @state() private touched = false;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("input") private input!: HTMLInputElement;

  #parsed: WeightParse = { ok: false, code: "WEIGHT_EMPTY", message: "" };
  #preview: Minor | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("grams") && this.grams !== undefined && this.text === "") {
      this.text = kilogramsInput(this.grams, this.#separator());
    }
    this.#parsed = parseKilograms(this.text);
    this.#preview = undefined;
    if (this.#parsed.ok && this.item && this.catalog) {
      const priced = priceTicket(this.catalog, [{ itemId: this.item.id, quantityMilli: this.#parsed.grams, ...this.config }]);
      if (priced.ok) this.#preview = priced.value.total;
    }
  }

  protected override firstUpdated(): void {
    this.dialog.showModal();
    this.input.focus();
    this.input.select();
  }

  protected override render() {
    const { item, formatters: f } = this;
    if (!item || !f) return nothing;
    const error = this.touched && !this.#parsed.ok ? errorText(this.#parsed) : "";
    return html`<dialog data-testid="weight-dialog" aria-labelledby="weight-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="weight-title">${item.name}</h2>
            <p>${f.money(item.price)} ${msg("per kg")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="field">
          <label for="kg">${msg("Weight")}</label>
          <div class="input-wrap">
            <input
              id="kg"
              class="input"
              data-testid="weight-input"
              inputmode="decimal"
              autocomplete="off"
              placeholder="0${this.#separator()}000"
              .value=${this.text}
              aria-invalid=${error ? "true" : "false"}
              @input=${(e: Event) => this.#setText((e.target as HTMLInputElement).value)}
            />
            <span class="suffix">kg</span>
          </div>
          ${error ? html`<span class="error-text" role="alert" data-testid="weight-error">${error}</span>` : nothing}
        </div>
        <div class="preview">
          <span>${msg("Line total")}</span><strong>${this.#preview === undefined ? "—" : f.money(this.#preview)}</strong>
        </div>
        <div class="keypad" aria-hidden="true">${KEYS.map((k) => this.#key(k))}</div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="weight-confirm">${this.grams === undefined ? msg("Add to ticket") : msg("Update")}</button>
        </div>
      </form>
    </dialog>`;
  }

  #key(k: (typeof KEYS)[number]) {
    const label = k === "sep" ? this.#separator() : k === "back" ? "⌫" : k;
    return html`<button type="button" class="btn" tabindex="-1" @click=${() => this.#press(k)}>${label}</button>`;
  }

  #press(k: (typeof KEYS)[number]): void {
    if (k === "back") this.#setText(this.text.slice(0, -1));
    else if (k === "sep") {
      if (!/[.,]/.test(this.text)) this.#setText(`${this.text || "0"}${this.#separator()}`);
    } else this.#setText(this.text + k);
  }

  #setText(text: string): void {
    this.text = text;
    this.touched = false;
  }

  #separator(): string {
    return this.formatters ? decimalSeparator(this.formatters.locale) : ".";
  }

  #submit(e: Event): void {
    e.preventDefault();
    this.touched = true;
    if (!this.#parsed.ok) return;
    const grams = this.#parsed.grams;
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("weight-confirm", { detail: grams }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("weight-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-weight-dialog": RegisterWeightDialog;
  }
}
