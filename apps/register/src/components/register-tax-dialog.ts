import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { Catalog, Tax } from "@kasa/domain";
import { ObserveController } from "../controllers/observe-controller.js";
import type { Formatters } from "../lib/format.js";
import type { TicketModel } from "../state/ticket.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Switches taxes off (and on) for this ticket only, where the store allows it (D18); only the
 * taxes of the items on the ticket are listed. Emits `tax-close`.
 */
@localized()
@customElement("register-tax-dialog")
export class RegisterTaxDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      .chip {
        flex-direction: row;
        align-items: center;
        justify-content: space-between;
        width: 100%;
      }
      .switch {
        position: relative;
        width: 44px;
        height: 26px;
        border-radius: 999px;
        background: var(--kasa-border-strong);
        flex: none;
        transition: background-color 120ms ease;
      }
      .switch::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 20px;
        height: 20px;
        border-radius: 50%;
        background: #fff;
        box-shadow: var(--kasa-shadow);
        transition: transform 120ms ease;
      }
      .chip[aria-checked="true"] .switch {
        background: var(--kasa-primary);
      }
      .chip[aria-checked="true"] .switch::after {
        transform: translateX(18px);
      }
      .actions {
        grid-template-columns: 1fr;
      }
    `,
  ];

  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;

  #taxes: Tax[] = [];

  constructor() {
    super();
    new ObserveController(this, () => this.ticket);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const { ticket, catalog } = this;
    if (!ticket || !catalog) return;
    const ids = new Set(ticket.lines.flatMap((l) => catalog.items[l.itemId]?.taxIds ?? []));
    this.#taxes = [...ids].map((id) => catalog.taxes[id]).filter((t): t is Tax => t !== undefined);
  }

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const { ticket, formatters: f } = this;
    if (!ticket || !f) return nothing;
    return html`<dialog data-testid="tax-dialog" aria-labelledby="tax-title" @cancel=${this.#close}>
      <div class="head">
        <div>
          <h2 id="tax-title">${msg("Taxes on this ticket")}</h2>
          <p>${msg("Switching a tax off applies to this ticket only.")}</p>
        </div>
        <button type="button" class="icon-btn" aria-label=${msg("Close")} @click=${this.#close}>${icons.close}</button>
      </div>
      <div class="body">
        ${this.#taxes.map((t) => {
          const on = !ticket.disabledTaxIds.includes(t.id);
          return html`<button
            type="button"
            class="chip"
            role="switch"
            data-testid="tax-toggle"
            data-tax-id=${t.id}
            aria-checked=${on ? "true" : "false"}
            @click=${() => ticket.setTaxEnabled(t.id, !on)}
          >
            <span>${t.name}<small>${t.mode === "included" ? msg("included in prices") : msg("added to prices")} · ${f.percent(t.rateMilliPercent)}</small></span>
            <span class="switch" aria-hidden="true"></span>
          </button>`;
        })}
      </div>
      <div class="actions">
        <button type="button" class="btn large" @click=${this.#close}>${msg("Done")}</button>
      </div>
    </dialog>`;
  }

  #close(e?: Event): void {
    e?.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("tax-close"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-tax-dialog": RegisterTaxDialog;
  }
}
