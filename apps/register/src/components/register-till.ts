import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { CatalogItem, Minor } from "@kasa/domain";
import type { RegisterSession, RegisterSnapshot } from "@kasa/sync";
import { ObserveController } from "../controllers/observe-controller.js";
import type { Formatters } from "../lib/format.js";
import type { CheckoutModel } from "../state/checkout.js";
import type { TicketModel } from "../state/ticket.js";
import { shared } from "../styles/shared.js";
import "./register-charge-screen.js";
import "./register-item-grid.js";
import "./register-sale-done.js";
import "./register-ticket-panel.js";
import "./register-weight-dialog.js";

/** What the weight dialog is open for: a new weighing of an item, or correcting a line's weight. */
interface Weighing {
  readonly item: CatalogItem;
  readonly lineKey?: number;
  readonly grams?: number;
}

/**
 * The till: the item grid and the ticket side by side; then the charge screen and the done screen
 * in the same place, following the checkout's phase.
 */
@customElement("register-till")
export class RegisterTill extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        min-height: 0;
      }
      .till {
        height: 100%;
        min-height: 0;
      }
      .sell {
        display: grid;
        grid-template-columns: minmax(0, 1fr) clamp(340px, 34vw, 420px);
        height: 100%;
        min-height: 0;
      }
      register-item-grid,
      register-ticket-panel {
        min-height: 0;
      }
      @media (max-width: 720px) {
        .sell {
          grid-template-columns: minmax(0, 1fr);
          grid-template-rows: minmax(0, 1fr) auto;
        }
        register-ticket-panel {
          max-height: 52dvh;
        }
      }
    `,
  ];

  @property({ attribute: false }) session: RegisterSession | undefined;
  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) checkout: CheckoutModel | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @state() private weighing: Weighing | undefined;

  constructor() {
    super();
    new ObserveController(this, () => this.checkout);
  }

  protected override render() {
    const { snapshot, ticket, checkout, formatters, session } = this;
    if (!snapshot || !ticket || !checkout || !formatters || !session) return nothing;
    const catalog = snapshot.store.catalog;
    return html`<div class="till" data-testid="till" data-phase=${checkout.phase}>
      ${checkout.phase === "ticket"
        ? html`<div class="sell">
            <register-item-grid .catalog=${catalog} .formatters=${formatters} @item-pick=${(e: CustomEvent<CatalogItem>) => this.#pick(e.detail)}></register-item-grid>
            <register-ticket-panel
              .ticket=${ticket}
              .catalog=${catalog}
              .formatters=${formatters}
              @edit-weight=${(e: CustomEvent<Weighing>) => (this.weighing = e.detail)}
              @charge=${(e: CustomEvent<Minor>) => checkout.startCharge(e.detail, formatters.currency, formatters.locale)}
            ></register-ticket-panel>
          </div>`
        : checkout.phase === "done"
          ? html`<register-sale-done .checkout=${checkout} .snapshot=${snapshot} .formatters=${formatters}></register-sale-done>`
          : html`<register-charge-screen
              .checkout=${checkout}
              .ticket=${ticket}
              .session=${session}
              .catalog=${catalog}
              .formatters=${formatters}
            ></register-charge-screen>`}
      ${this.weighing
        ? html`<register-weight-dialog
            .item=${this.weighing.item}
            .grams=${this.weighing.grams}
            .catalog=${catalog}
            .formatters=${formatters}
            @weight-confirm=${(e: CustomEvent<number>) => this.#weighed(e.detail)}
            @weight-cancel=${() => (this.weighing = undefined)}
          ></register-weight-dialog>`
        : nothing}
    </div>`;
  }

  #pick(item: CatalogItem): void {
    if (item.soldBy === "weight") this.weighing = { item };
    else this.ticket?.addPiece(item);
  }

  #weighed(grams: number): void {
    const w = this.weighing;
    this.weighing = undefined;
    if (!w || !this.ticket) return;
    if (w.lineKey === undefined) this.ticket.addWeighed(w.item, grams);
    else this.ticket.setQuantity(w.lineKey, grams);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-till": RegisterTill;
  }
}
