import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { Catalog } from "@kasa/domain";
import type { RelayApiFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import type { Formatters } from "../lib/format.js";
import { draftRequest, emptyDraft, MAX_ITEM_NAME, type ItemDraft, type NewItemRequest } from "../state/new-item.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * A new item from the register (DESIGN O12, relay RL53): name, price, sold by piece or weight,
 * category and taxes. Online only: offline the Create button is disabled and says why. Emits
 * `item-create` (detail: NewItemRequest) and `item-cancel`; the app sends it and sets busy/error.
 */
@localized()
@customElement("register-new-item-dialog")
export class RegisterNewItemDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 160px);
        gap: 12px;
      }
      .reason {
        color: var(--kasa-warning-text, #92400e);
        font-size: 14px;
      }
    `,
  ];

  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ type: Boolean }) online = false;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: RelayApiFailure | { code: string; message: string } | undefined;
  @state() private draft: ItemDraft | undefined;
  @state() private problem: { code: string; message: string } | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const { catalog, formatters: f } = this;
    if (!catalog || !f) return nothing;
    const draft = (this.draft ??= emptyDraft(catalog));
    const set = (patch: Partial<ItemDraft>) => {
      this.draft = { ...draft, ...patch };
      this.problem = undefined;
    };
    const shown = this.problem ?? this.error;
    const categories = Object.values(catalog.categories).sort((a, b) => a.name.localeCompare(b.name));
    const taxes = Object.values(catalog.taxes).sort((a, b) => a.name.localeCompare(b.name));
    return html`<dialog data-testid="new-item-dialog" aria-labelledby="new-item-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="new-item-title">${msg("New item")}</h2>
            <p>${msg("Added to the store's catalog on every register. Needs a connection.")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          <div class="row">
            <div class="field">
              <label for="item-name">${msg("Name")}</label>
              <input id="item-name" class="input" data-testid="new-item-name" maxlength=${MAX_ITEM_NAME} autocomplete="off" .value=${draft.name} @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="item-price">${draft.soldBy === "weight" ? msg("Price per kg") : msg("Price")} (${f.currency})</label>
              <input id="item-price" class="input num" data-testid="new-item-price" inputmode="decimal" autocomplete="off" .value=${draft.price} @input=${(e: Event) => set({ price: (e.target as HTMLInputElement).value })} />
            </div>
          </div>
          <div class="field">
            <span class="section-title">${msg("Sold by")}</span>
            <div class="chips">
              <button type="button" class="chip" data-testid="new-item-each" aria-pressed=${draft.soldBy === "each" ? "true" : "false"} @click=${() => set({ soldBy: "each" })}>${msg("Piece")}</button>
              <button type="button" class="chip" data-testid="new-item-weight" aria-pressed=${draft.soldBy === "weight" ? "true" : "false"} @click=${() => set({ soldBy: "weight" })}>${msg("Weight (kg)")}</button>
            </div>
          </div>
          ${categories.length > 0
            ? html`<div class="field">
                <span class="section-title">${msg("Category")}</span>
                <div class="chips">
                  <button type="button" class="chip" data-testid="new-item-category" data-category="" aria-pressed=${draft.categoryId === "" ? "true" : "false"} @click=${() => set({ categoryId: "" })}>${msg("None")}</button>
                  ${categories.map(
                    (c) => html`<button type="button" class="chip" data-testid="new-item-category" data-category=${c.id} aria-pressed=${draft.categoryId === c.id ? "true" : "false"} @click=${() => set({ categoryId: c.id })}>
                      ${c.name}
                    </button>`,
                  )}
                </div>
              </div>`
            : nothing}
          ${taxes.length > 0
            ? html`<div class="field">
                <span class="section-title">${msg("Taxes")}</span>
                <div class="chips">
                  ${taxes.map((t) => {
                    const on = draft.taxIds.includes(t.id);
                    return html`<button
                      type="button"
                      class="chip"
                      data-testid="new-item-tax"
                      data-tax=${t.id}
                      aria-pressed=${on ? "true" : "false"}
                      @click=${() => set({ taxIds: on ? draft.taxIds.filter((x) => x !== t.id) : [...draft.taxIds, t.id] })}
                    >
                      ${t.name}
                    </button>`;
                  })}
                </div>
              </div>`
            : nothing}
          ${shown
            ? html`<div class="alert" role="alert" data-testid="new-item-error" data-code=${shown.code}>${icons.alert}<span>${errorText(shown)}</span></div>`
            : nothing}
          ${this.online ? nothing : html`<span class="reason" data-testid="new-item-reason">${msg("Creating items needs a connection")}</span>`}
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="new-item-create" ?disabled=${!this.online || this.busy}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg("Create item")}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  #submit(e: Event): void {
    e.preventDefault();
    const { draft, formatters: f } = this;
    if (!draft || !f || this.busy || !this.online) return;
    const request = draftRequest(draft, f.currency);
    if (!request.ok) {
      this.problem = request;
      return;
    }
    this.dispatchEvent(new CustomEvent<NewItemRequest>("item-create", { detail: request.value }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("item-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-new-item-dialog": RegisterNewItemDialog;
  }
}
