import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import { priceTicket, type Catalog, type CatalogItem, type Minor, type ModifierSet } from "@kasa/domain";
import type { Formatters } from "../lib/format.js";
import { choose, hasVariants, initialSelection, matchVariant, modifierSetsOf, optionChoices, selectionOf, type OptionChoice, type Selection } from "../lib/item-options.js";
import type { LineConfig } from "../state/ticket.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Asks which variant (one value per option, each with the price it leads to) and which modifiers
 * (checkboxes with their prices) an item is sold with; both in one dialog when the item has both.
 * The price shown is the domain's. Emits `options-confirm` (detail: LineConfig) or `options-cancel`.
 */
@localized()
@customElement("register-item-options-dialog")
export class RegisterItemOptionsDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      dialog {
        --dialog-width: 560px;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
      }
      .chip.check {
        flex-direction: row;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        min-width: 200px;
        flex: 1 1 200px;
      }
      .box {
        display: inline-grid;
        place-items: center;
        width: 22px;
        height: 22px;
        border: 2px solid var(--kasa-border-strong);
        border-radius: 6px;
        flex: none;
      }
      .box svg {
        width: 16px;
        height: 16px;
        stroke-width: 3;
        visibility: hidden;
      }
      .chip[aria-checked="true"] .box {
        border-color: var(--kasa-primary);
        background: var(--kasa-primary);
        color: #fff;
      }
      .chip[aria-checked="true"] .box svg {
        visibility: visible;
      }
      .check .text {
        display: grid;
        gap: 2px;
        flex: 1;
      }
      .summary {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 12px;
        padding: 12px 14px;
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-surface-muted);
        border: 1px solid var(--kasa-border);
        font-size: 15px;
      }
      .summary strong {
        font-size: 20px;
        font-variant-numeric: tabular-nums;
      }
      .summary .hint {
        color: var(--kasa-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) item: CatalogItem | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  /** The line's current choice when changing it; empty for a new line. */
  @property({ attribute: false }) initial: LineConfig | undefined;
  @state() private selection: Selection = {};
  @state() private modifiers: readonly string[] = [];
  @query("dialog") private dialog!: HTMLDialogElement;

  #choices: OptionChoice[] = [];
  #sets: ModifierSet[] = [];
  #unitPrice: Minor | undefined;
  #complete = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { item, catalog } = this;
    if (!item || !catalog) return;
    if (changed.has("item") || changed.has("initial")) {
      const variant = item.variants?.find((v) => v.id === this.initial?.variantId);
      // Start from the line's choice, or from what the item leaves no choice about.
      this.selection = variant ? selectionOf(variant) : initialSelection(item);
      this.modifiers = this.initial?.modifierOptions ?? [];
    }
    this.#choices = hasVariants(item) ? optionChoices(item, this.selection) : [];
    this.#sets = modifierSetsOf(catalog, item);
    const variant = matchVariant(item, this.selection);
    this.#complete = !hasVariants(item) || variant !== undefined;
    this.#unitPrice = undefined;
    if (this.#complete) {
      // The price of one unit as it will be charged: the domain prices the line, modifiers included (D17).
      const priced = priceTicket(catalog, [
        { itemId: item.id, quantityMilli: 1000, ...(variant ? { variantId: variant.id } : {}), modifierOptions: this.modifiers },
      ]);
      if (priced.ok) this.#unitPrice = priced.value.lines[0]!.unitPrice;
    }
  }

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const { item, formatters: f } = this;
    if (!item || !f) return nothing;
    const variant = matchVariant(item, this.selection);
    const missing = this.#choices.filter((c) => this.selection[c.name] === undefined).map((c) => c.name);
    return html`<dialog data-testid="options-dialog" aria-labelledby="options-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="options-title">${item.name}</h2>
            <p>${hasVariants(item) && this.#sets.length > 0 ? msg("Choose the variant and any extras") : hasVariants(item) ? msg("Choose the variant") : msg("Choose any extras")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          ${this.#choices.map((choice) => this.#option(choice, f))} ${this.#sets.map((set) => this.#modifierSet(set, f))}
          <div class="summary" aria-live="polite">
            ${this.#complete
              ? html`<span>${variant ? html`<span data-testid="options-variant">${this.#choices.map((c) => this.selection[c.name]).join(" / ")}</span>` : msg("Price")}
                  ${item.soldBy === "weight" ? msg("per kg") : nothing}</span
                ><strong data-testid="options-price">${this.#unitPrice === undefined ? "—" : f.money(this.#unitPrice)}</strong>`
              : html`<span class="hint">${msg(str`Choose ${missing.join(", ")}`)}</span>`}
          </div>
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="options-confirm" ?disabled=${!this.#complete}>
            ${this.initial ? msg("Update") : msg("Add to ticket")}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  #option(choice: OptionChoice, f: Formatters) {
    return html`<fieldset>
      <legend class="section-title">${choice.name}</legend>
      <div class="chips" role="radiogroup" aria-label=${choice.name}>
        ${choice.values.map((v) => {
          const chosen = this.selection[choice.name] === v.value;
          return html`<button
            type="button"
            class="chip"
            role="radio"
            data-testid="variant-value"
            data-option=${choice.name}
            data-value=${v.value}
            aria-checked=${chosen ? "true" : "false"}
            aria-pressed=${chosen ? "true" : "false"}
            ?disabled=${!v.available && !chosen}
            @click=${() => (this.selection = choose(this.item!, this.selection, choice.name, v.value))}
          >
            ${v.value}
            <small>${v.price !== undefined ? f.money(v.price) : v.from !== undefined ? msg(str`from ${f.money(v.from)}`) : "—"}</small>
          </button>`;
        })}
      </div>
    </fieldset>`;
  }

  #modifierSet(set: ModifierSet, f: Formatters) {
    return html`<fieldset>
      <legend class="section-title">${set.name}</legend>
      <div class="chips">
        ${set.options.map((o) => {
          const key = `${set.id}:${o.id}`;
          const on = this.modifiers.includes(key);
          return html`<button
            type="button"
            class="chip check"
            role="checkbox"
            data-testid="modifier-option"
            data-option=${key}
            aria-checked=${on ? "true" : "false"}
            @click=${() => (this.modifiers = on ? this.modifiers.filter((m) => m !== key) : [...this.modifiers, key])}
          >
            <span class="box" aria-hidden="true">${icons.check}</span>
            <span class="text">${o.name}<small>${o.price === 0 ? msg("no charge") : `+${f.money(o.price)}`}</small></span>
          </button>`;
        })}
      </div>
    </fieldset>`;
  }

  #submit(e: Event): void {
    e.preventDefault();
    const item = this.item;
    if (!item || !this.#complete) return;
    const variant = matchVariant(item, this.selection);
    // Modifier options in the catalog's order, whatever order they were tapped in.
    const order = this.#sets.flatMap((s) => s.options.map((o) => `${s.id}:${o.id}`));
    const modifierOptions = order.filter((k) => this.modifiers.includes(k));
    const detail: LineConfig = { ...(variant ? { variantId: variant.id } : {}), modifierOptions };
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("options-confirm", { detail }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("options-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-item-options-dialog": RegisterItemOptionsDialog;
  }
}
