import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { SessionFailure } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import { freeTicketNames, MAX_TICKET_NAME } from "../state/open-tickets.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

export interface TicketSave {
  readonly name: string;
  readonly comment: string;
}

/**
 * Save the ticket as an open ticket (DESIGN O8): a name (defaults to the current time; a predefined
 * name of the store — those already taken by an open ticket are hidden — or any typed one) and an
 * optional comment. Emits `ticket-save` (detail: TicketSave) or `ticket-cancel`.
 */
@localized()
@customElement("register-save-ticket-dialog")
export class RegisterSaveTicketDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      textarea {
        width: 100%;
        min-height: 64px;
        padding: 10px 12px;
        border: 1px solid var(--kasa-border-strong);
        border-radius: var(--kasa-radius-sm);
        font: inherit;
        font-size: 16px;
        resize: vertical;
      }
    `,
  ];

  /** The name to start with (the ticket's own name when it is already saved, else the time). */
  @property() initialName = "";
  @property() initialComment = "";
  /** The store's predefined ticket names. */
  @property({ attribute: false }) predefined: readonly string[] = [];
  /** Names of the other open tickets (hidden from the predefined list). */
  @property({ attribute: false }) occupied: readonly string[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: SessionFailure | undefined;
  @state() private name: string | undefined;
  @state() private comment: string | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const name = this.name ?? this.initialName;
    const comment = this.comment ?? this.initialComment;
    const free = freeTicketNames(this.predefined, this.occupied);
    const invalid = name.trim() === "" || name.trim().length > MAX_TICKET_NAME;
    return html`<dialog data-testid="save-ticket-dialog" aria-labelledby="save-title" @cancel=${this.#cancel}>
      <form method="dialog" @submit=${this.#submit} novalidate>
        <div class="head">
          <div>
            <h2 id="save-title">${msg("Save ticket")}</h2>
            <p>${msg("An open ticket is shared with every register of the store, also when saved offline.")}</p>
          </div>
          <button type="button" class="icon-btn" aria-label=${msg("Cancel")} @click=${this.#cancel}>${icons.close}</button>
        </div>
        <div class="body">
          ${free.length > 0
            ? html`<div class="field">
                <span class="section-title">${msg("Predefined names")}</span>
                <div class="chips">
                  ${free.map(
                    (n) => html`<button
                      type="button"
                      class="chip"
                      data-testid="ticket-name-option"
                      data-name=${n}
                      aria-pressed=${name === n ? "true" : "false"}
                      @click=${() => (this.name = n)}
                    >
                      ${n}
                    </button>`,
                  )}
                </div>
              </div>`
            : nothing}
          <div class="field">
            <label for="ticket-name">${msg("Name")}</label>
            <input
              id="ticket-name"
              class="input"
              data-testid="ticket-name"
              maxlength=${MAX_TICKET_NAME}
              autocomplete="off"
              .value=${name}
              @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="ticket-comment">${msg("Comment (optional)")}</label>
            <textarea
              id="ticket-comment"
              data-testid="ticket-comment"
              maxlength="200"
              .value=${comment}
              @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
          </div>
          ${this.error
            ? html`<div class="alert" role="alert" data-testid="save-ticket-error" data-code=${this.error.code}>${icons.alert}<span>${errorText(this.error)}</span></div>`
            : nothing}
        </div>
        <div class="actions">
          <button type="button" class="btn large" @click=${this.#cancel}>${msg("Cancel")}</button>
          <button type="submit" class="btn primary large" data-testid="save-ticket-confirm" ?disabled=${this.busy || invalid}>${msg("Save")}</button>
        </div>
      </form>
    </dialog>`;
  }

  #submit(e: Event): void {
    e.preventDefault();
    const name = (this.name ?? this.initialName).trim();
    if (this.busy || name === "" || name.length > MAX_TICKET_NAME) return;
    this.dispatchEvent(new CustomEvent<TicketSave>("ticket-save", { detail: { name, comment: (this.comment ?? this.initialComment).trim() } }));
  }

  #cancel(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("ticket-cancel"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-save-ticket-dialog": RegisterSaveTicketDialog;
  }
}
