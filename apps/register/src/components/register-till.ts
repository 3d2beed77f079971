import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { CatalogItem, Minor } from "@kasa/domain";
import type { RegisterSession, RegisterSnapshot, SessionFailure } from "@kasa/sync";
import { BarcodeController } from "../controllers/barcode-controller.js";
import { ObserveController } from "../controllers/observe-controller.js";
import { errorText } from "../i18n/errors.js";
import type { Formatters } from "../lib/format.js";
import { findByCode } from "../lib/item-lookup.js";
import { needsOptions } from "../lib/item-options.js";
import { ticketRows } from "../lib/ticket-view.js";
import type { PaymentMethod } from "../payments/payment-methods.js";
import type { CheckoutModel } from "../state/checkout.js";
import type { LineConfig, PricingRules, TicketModel } from "../state/ticket.js";
import type { ToastModel } from "../state/toasts.js";
import { trackedItemIds } from "../state/open-tickets.js";
import { shared } from "../styles/shared.js";
import type { CodeEntered } from "./register-item-grid.js";
import type { LineSave } from "./register-line-dialog.js";
import type { TicketGate } from "./register-ticket-panel.js";
import "./register-charge-screen.js";
import "./register-discount-dialog.js";
import "./register-item-grid.js";
import "./register-item-options-dialog.js";
import "./register-line-dialog.js";
import "./register-sale-done.js";
import "./register-tax-dialog.js";
import "./register-save-ticket-dialog.js";
import "./register-customer-dialog.js";
import type { TicketSave } from "./register-save-ticket-dialog.js";
import "./register-ticket-panel.js";
import "./register-weight-dialog.js";

/** The dialog open over the till, with what it is for. */
type TillDialog =
  | { readonly kind: "weight"; readonly item: CatalogItem; readonly config?: LineConfig; readonly lineKey?: number; readonly grams?: number }
  | { readonly kind: "options"; readonly item: CatalogItem; readonly lineKey?: number; readonly initial?: LineConfig }
  | { readonly kind: "line"; readonly lineKey: number }
  | { readonly kind: "discounts" }
  | { readonly kind: "taxes" }
  | { readonly kind: "save"; readonly busy?: boolean; readonly error?: SessionFailure }
  | { readonly kind: "customers" };

/**
 * The till: the item grid and the ticket side by side; then the charge screen and the done screen
 * in the same place, following the checkout's phase. Also where barcode scans land. Emits
 * `open-shift` when the cashier must open a shift before selling.
 */
@localized()
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
        grid-template-columns: minmax(0, 1fr) clamp(340px, 36vw, 440px);
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
          max-height: 50dvh;
          border-left: 0;
          border-top: 1px solid var(--kasa-border);
        }
      }
    `,
  ];

  @property({ attribute: false }) session: RegisterSession | undefined;
  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) ticket: TicketModel | undefined;
  @property({ attribute: false }) checkout: CheckoutModel | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) toasts: ToastModel | undefined;
  @property({ attribute: false }) methods: readonly PaymentMethod[] = [];
  @state() private dialog: TillDialog | undefined;
  /** Live stock of tracked items (DESIGN O11), fetched only online with the store's stock warning on. */
  @state() private stock: Readonly<Record<string, number>> | undefined;
  #stockKey = "";

  constructor() {
    super();
    new ObserveController(this, () => this.checkout);
    new BarcodeController(this, {
      onScan: (code) => this.#code(code),
      // Only while the till is on screen, taking items, with no dialog open.
      active: () => !this.hidden && this.isConnected && this.checkout?.phase === "ticket" && this.dialog === undefined,
    });
  }

  protected override willUpdate(): void {
    this.#refreshStock();
  }

  /**
   * Asks the relay for the stock of tracked items when the connection comes up, after each sale,
   * and when the catalog changes; offline the stock is forgotten (nothing is shown).
   */
  #refreshStock(): void {
    const { snapshot, session } = this;
    if (!snapshot || !session) return;
    const online = snapshot.connection.state === "connected";
    const wanted = online && snapshot.store.settings.negativeStockWarning === true;
    const ids = wanted ? trackedItemIds(snapshot.store.catalog) : [];
    if (ids.length === 0) {
      if (this.stock !== undefined) this.stock = undefined;
      this.#stockKey = "";
      return;
    }
    const key = `${snapshot.receipts.length}|${snapshot.refunds.length}|${ids.join(",")}`;
    if (key === this.#stockKey) return;
    this.#stockKey = key;
    void session.stock(ids).then((r) => {
      if (this.#stockKey === key) this.stock = r.ok ? r.value : undefined;
    });
  }

  get #rules(): PricingRules {
    return { allowTaxToggle: this.snapshot?.store.settings.allowTaxToggle === true };
  }

  /** "use shifts" with no shift open: the ticket can be built, but Charge becomes "Open a shift". */
  get #gate(): TicketGate {
    return this.snapshot?.shiftsRequired && !this.snapshot.shift ? "open-shift" : "charge";
  }

  protected override render() {
    const { snapshot, ticket, checkout, formatters, session } = this;
    if (!snapshot || !ticket || !checkout || !formatters || !session) return nothing;
    const catalog = snapshot.store.catalog;
    return html`<div class="till" data-testid="till" data-phase=${checkout.phase}>
      ${checkout.phase === "ticket"
        ? html`<div class="sell">
            <register-item-grid
              .catalog=${catalog}
              .stock=${this.stock}
              .formatters=${formatters}
              @item-pick=${(e: CustomEvent<CatalogItem>) => this.#pick(e.detail)}
              @code-entered=${(e: CustomEvent<CodeEntered>) => this.#entered(e.detail)}
            ></register-item-grid>
            <register-ticket-panel
              .ticket=${ticket}
              .catalog=${catalog}
              .formatters=${formatters}
              .rules=${this.#rules}
              .gate=${this.#gate}
              .ticketsAvailable=${snapshot.store.ticketsDocUrl !== undefined}
              .stock=${this.stock}
              .customersAvailable=${snapshot.store.customersDocUrl !== undefined}
              .customers=${snapshot.customers}
              @open-customers=${() => (this.dialog = { kind: "customers" })}
              @save-ticket=${() => (this.dialog = { kind: "save" })}
              @line-open=${(e: CustomEvent<number>) => (this.dialog = { kind: "line", lineKey: e.detail })}
              @edit-weight=${(e: CustomEvent<{ item: CatalogItem; lineKey: number; grams: number }>) => (this.dialog = { kind: "weight", ...e.detail })}
              @open-discounts=${() => (this.dialog = { kind: "discounts" })}
              @open-taxes=${() => (this.dialog = { kind: "taxes" })}
              @open-shift=${() => this.dispatchEvent(new CustomEvent("open-shift", { bubbles: true, composed: true }))}
              @charge=${(e: CustomEvent<Minor>) => checkout.startCharge(e.detail, formatters.currency, formatters.locale)}
            ></register-ticket-panel>
          </div>`
        : checkout.phase === "done"
          ? html`<register-sale-done
              .checkout=${checkout}
              .snapshot=${snapshot}
              .formatters=${formatters}
              .paired=${session.paired}
            ></register-sale-done>`
          : html`<register-charge-screen
              .checkout=${checkout}
              .ticket=${ticket}
              .session=${session}
              .snapshot=${snapshot}
              .formatters=${formatters}
              .methods=${this.methods}
            ></register-charge-screen>`}
      ${this.#dialog()}
    </div>`;
  }

  #dialog() {
    const d = this.dialog;
    const { snapshot, ticket, formatters } = this;
    if (!d || !snapshot || !ticket || !formatters) return nothing;
    const catalog = snapshot.store.catalog;
    const close = () => (this.dialog = undefined);
    switch (d.kind) {
      case "weight":
        return html`<register-weight-dialog
          .item=${d.item}
          .grams=${d.grams}
          .config=${d.config}
          .catalog=${catalog}
          .formatters=${formatters}
          @weight-confirm=${(e: CustomEvent<number>) => this.#weighed(d, e.detail)}
          @weight-cancel=${close}
        ></register-weight-dialog>`;
      case "options":
        return html`<register-item-options-dialog
          .item=${d.item}
          .initial=${d.initial}
          .catalog=${catalog}
          .formatters=${formatters}
          @options-confirm=${(e: CustomEvent<LineConfig>) => this.#configured(d, e.detail)}
          @options-cancel=${close}
        ></register-item-options-dialog>`;
      case "line": {
        const line = ticket.line(d.lineKey);
        const row = ticketRows(ticket.lines, catalog, ticket.priced(catalog, this.#rules)).find((r) => r.key === d.lineKey);
        if (!line || !row) return nothing;
        return html`<register-line-dialog
          .line=${line}
          .row=${row}
          .item=${catalog.items[line.itemId]}
          .catalog=${catalog}
          .formatters=${formatters}
          @line-save=${(e: CustomEvent<LineSave>) => {
            ticket.updateLine(e.detail.key, e.detail.edit);
            close();
          }}
          @line-remove=${(e: CustomEvent<number>) => {
            ticket.remove(e.detail);
            close();
          }}
          @line-options=${(e: CustomEvent<number>) => this.#reconfigure(e.detail)}
          @line-cancel=${close}
        ></register-line-dialog>`;
      }
      case "discounts":
        return html`<register-discount-dialog
          .ticket=${ticket}
          .catalog=${catalog}
          .formatters=${formatters}
          .rules=${this.#rules}
          @discount-close=${close}
        ></register-discount-dialog>`;
      case "taxes":
        return html`<register-tax-dialog .ticket=${ticket} .catalog=${catalog} .formatters=${formatters} @tax-close=${close}></register-tax-dialog>`;
      case "customers":
        return html`<register-customer-dialog
          .session=${this.session}
          .attachedId=${ticket.customerId}
          @customer-attach=${(e: CustomEvent<string | undefined>) => {
            // Points redeemed for the previous customer come off the ticket and go back to them (the app's onPointsAbandoned).
            ticket.setCustomer(e.detail);
            close();
          }}
          @customer-close=${close}
        ></register-customer-dialog>`;
      case "save": {
        const own = ticket.openTicket;
        return html`<register-save-ticket-dialog
          .initialName=${own?.name ?? formatters.time(Date.now())}
          .initialComment=${own?.comment ?? ""}
          .predefined=${snapshot.store.settings.ticketNames ?? []}
          .occupied=${snapshot.tickets.filter((t) => t.id !== own?.id).map((t) => t.name)}
          .busy=${d.busy === true}
          .error=${d.error}
          @ticket-save=${(e: CustomEvent<TicketSave>) => void this.#saveTicket(e.detail)}
          @ticket-cancel=${close}
        ></register-save-ticket-dialog>`;
      }
    }
  }

  /** Saves the ticket as an open ticket (new, or the one it was loaded from), then starts a fresh one. */
  async #saveTicket(save: TicketSave): Promise<void> {
    const { session, ticket } = this;
    if (!session || !ticket) return;
    this.dialog = { kind: "save", busy: true };
    const own = ticket.openTicket;
    const result = await session.saveTicket({ ...(own ? { id: own.id } : {}), name: save.name, comment: save.comment, ...ticket.savedContent() });
    if (!result.ok) {
      this.dialog = { kind: "save", error: result.error };
      return;
    }
    this.dialog = undefined;
    ticket.clear();
    this.toasts?.show(msg(str`Ticket ${result.value.name} saved`), { tone: "success", detail: msg("It is on the Tickets screen of every register."), ms: 3000 });
  }

  #pick(item: CatalogItem, config?: LineConfig): void {
    const catalog = this.snapshot?.store.catalog;
    if (!catalog || !this.ticket) return;
    if (!config && needsOptions(catalog, item)) this.dialog = { kind: "options", item };
    else if (item.soldBy === "weight") this.dialog = { kind: "weight", item, ...(config ? { config } : {}) };
    else this.ticket.addPiece(item, config);
  }

  #configured(d: Extract<TillDialog, { kind: "options" }>, config: LineConfig): void {
    this.dialog = undefined;
    if (d.lineKey !== undefined) this.ticket?.updateLine(d.lineKey, config);
    else this.#pick(d.item, config);
  }

  #reconfigure(key: number): void {
    const line = this.ticket?.line(key);
    const item = line ? this.snapshot?.store.catalog.items[line.itemId] : undefined;
    if (!line || !item) return void (this.dialog = undefined);
    this.dialog = {
      kind: "options",
      item,
      lineKey: key,
      initial: { ...(line.variantId ? { variantId: line.variantId } : {}), modifierOptions: line.modifierOptions ?? [] },
    };
  }

  #weighed(d: Extract<TillDialog, { kind: "weight" }>, grams: number): void {
    this.dialog = undefined;
    if (!this.ticket) return;
    if (d.lineKey === undefined) this.ticket.addWeighed(d.item, grams, d.config);
    else this.ticket.setQuantity(d.lineKey, grams);
  }

  /** Enter in the search field: an exact code first, else the only item the search shows. */
  #entered(entry: CodeEntered): void {
    const catalog = this.snapshot?.store.catalog;
    if (!catalog) return;
    const match = findByCode(catalog, entry.code);
    if (match) {
      entry.handled = true;
      this.#add(match.item, match.variantId);
    } else if (entry.only) {
      entry.handled = true;
      this.#pick(entry.only);
    }
  }

  /** A scanner read a code: the item (or the variant) it names goes on the ticket. */
  #code(code: string): void {
    const catalog = this.snapshot?.store.catalog;
    if (!catalog) return;
    const match = findByCode(catalog, code);
    if (!match) {
      this.toasts?.show(errorText({ code: "CODE_NOT_FOUND", message: "No item has this barcode or SKU" }), { tone: "warn", detail: code });
      return;
    }
    this.#add(match.item, match.variantId);
  }

  #add(item: CatalogItem, variantId: LineConfig["variantId"]): void {
    if (variantId === undefined) return this.#pick(item);
    // The code named the variant: only modifiers could still need asking, and scanned goods rarely have them.
    this.#pick(item, { variantId });
    if (item.soldBy === "each") this.toasts?.show(msg(str`Added ${item.name}`), { tone: "success", ms: 1500 });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-till": RegisterTill;
  }
}
