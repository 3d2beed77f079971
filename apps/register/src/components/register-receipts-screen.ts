import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { LocalReceipt, PairedRegister, RegisterSnapshot } from "@kasa/sync";
import { receiptsLabel, unsyncedLabel } from "../i18n/counts.js";
import { paymentSummary, type Formatters } from "../lib/format.js";
import { filterReceipts } from "../lib/receipt-search.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import "./register-receipt-detail.js";

/**
 * The register's receipts, newest first, each marked Synced or Unsynced (synced = on the relay's
 * disk). Searchable offline. Selecting a row shows its detail beside the list (over it on a phone).
 */
@localized()
@customElement("register-receipts-screen")
export class RegisterReceiptsScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) clamp(340px, 38vw, 460px);
        min-height: 0;
        height: 100%;
        background: var(--kasa-bg);
      }
      .list {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        min-height: 0;
      }
      header {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 12px 16px;
        padding: 18px 20px 14px;
      }
      h2 {
        margin: 0;
        font-size: 20px;
        letter-spacing: -0.01em;
      }
      .counts {
        margin-top: 2px;
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .counts .warn {
        color: var(--kasa-warn);
        font-weight: 650;
      }
      .search {
        position: relative;
        width: min(280px, 40vw);
      }
      .search svg {
        position: absolute;
        left: 12px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--kasa-text-subtle);
      }
      .search input {
        min-height: 44px;
        padding-left: 40px;
        font-size: 15px;
      }
      .scroll {
        overflow-y: auto;
        padding: 0 20px 24px;
      }
      .rows {
        margin: 0;
        padding: 0;
        list-style: none;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface);
        overflow: hidden;
        box-shadow: var(--kasa-shadow);
      }
      .rows li + li {
        border-top: 1px solid var(--kasa-border);
      }
      .row {
        display: grid;
        grid-template-columns: minmax(84px, 1fr) minmax(90px, 1fr) minmax(90px, auto) 104px;
        align-items: center;
        gap: 12px;
        width: 100%;
        min-height: 64px;
        padding: 10px 16px;
        border: 0;
        background: transparent;
        text-align: left;
        cursor: pointer;
      }
      .row:hover {
        background: var(--kasa-surface-muted);
      }
      .row[aria-current="true"] {
        background: var(--kasa-primary-soft);
        box-shadow: inset 3px 0 0 var(--kasa-primary);
      }
      .row:focus-visible {
        outline: 3px solid var(--kasa-primary-ring);
        outline-offset: -3px;
      }
      .number {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .sub {
        display: block;
        margin-top: 2px;
        font-size: 13px;
        font-weight: 500;
        color: var(--kasa-text-subtle);
      }
      .time {
        font-size: 14px;
        color: var(--kasa-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .total {
        font-weight: 650;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .row .badge {
        justify-self: end;
      }
      .empty {
        display: grid;
        justify-items: center;
        gap: 6px;
        padding: 64px 24px;
        color: var(--kasa-text-muted);
        text-align: center;
      }
      .empty svg {
        width: 40px;
        height: 40px;
        color: var(--kasa-border-strong);
      }
      .empty strong {
        color: var(--kasa-text);
      }
      .detail {
        min-height: 0;
        border-left: 1px solid var(--kasa-border);
        background: var(--kasa-surface);
      }
      .placeholder {
        display: grid;
        place-content: center;
        justify-items: center;
        gap: 8px;
        height: 100%;
        color: var(--kasa-text-subtle);
      }
      .placeholder svg {
        width: 40px;
        height: 40px;
        color: var(--kasa-border-strong);
      }
      @media (max-width: 860px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
        }
        .detail {
          display: none;
        }
        .detail.open {
          display: block;
          position: fixed;
          inset: 0;
          z-index: 30;
          border-left: 0;
        }
        .row {
          grid-template-columns: minmax(0, 1fr) auto;
          grid-template-areas: "num total" "time badge";
          gap: 4px 12px;
        }
        .row .number {
          grid-area: num;
        }
        .row .time {
          grid-area: time;
        }
        .row .total {
          grid-area: total;
        }
        .row .badge {
          grid-area: badge;
        }
        header {
          grid-template-columns: 1fr;
          padding: 14px 12px 10px;
        }
        .search {
          width: 100%;
        }
        .scroll {
          padding: 0 12px 16px;
        }
      }
    `,
  ];

  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) paired: PairedRegister | undefined;
  @state() private query = "";
  /** Chosen by a tap; without one, the newest receipt is shown beside the list. */
  @state() private selectedId: string | undefined;

  #shown: readonly LocalReceipt[] = [];
  #selected: LocalReceipt | undefined;
  #unsynced = 0;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const receipts = this.snapshot?.receipts ?? [];
    this.#shown = filterReceipts(receipts, this.query);
    this.#unsynced = receipts.filter((r) => !r.synced).length;
    this.#selected = (this.selectedId && receipts.find((r) => r.event.id === this.selectedId)) || this.#shown[0];
  }

  protected override render() {
    const f = this.formatters;
    const snapshot = this.snapshot;
    if (!f || !snapshot) return nothing;
    const all = snapshot.receipts.length;
    return html`<section class="list" data-testid="receipts">
        <header>
          <div>
            <h2>${msg("Receipts")}</h2>
            <div class="counts">
              ${receiptsLabel(all)}${this.#unsynced > 0
                ? html` · <span class="warn">${unsyncedLabel(this.#unsynced)}</span>`
                : all > 0
                  ? ` · ${msg("all synced")}`
                  : ""}
            </div>
          </div>
          <label class="search">
            ${icons.search}
            <input
              class="input"
              type="search"
              data-testid="receipt-search"
              placeholder=${msg("Receipt number or item")}
              aria-label=${msg("Search receipts")}
              .value=${this.query}
              @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
            />
          </label>
        </header>
        <div class="scroll">
          ${this.#shown.length === 0
            ? html`<div class="empty">
                ${icons.receipt}<strong>${all === 0 ? msg("No receipts yet") : msg("No receipt matches")}</strong>
                <span>${all === 0 ? msg("Sales made on this register appear here, online or offline.") : msg("Try a receipt number like 1-1003 or an item name.")}</span>
              </div>`
            : html`<ul class="rows">
                ${this.#shown.map((r) => html`<li>${this.#row(r, f)}</li>`)}
              </ul>`}
        </div>
      </section>
      <aside class="detail ${this.selectedId ? "open" : ""}" aria-label=${msg("Receipt detail")}>
        ${this.#selected
          ? html`<register-receipt-detail
              .receipt=${this.#selected}
              .catalog=${snapshot.store.catalog}
              .formatters=${f}
              .storeName=${snapshot.store.settings.name}
              .paired=${this.paired}
              @close=${() => (this.selectedId = undefined)}
            ></register-receipt-detail>`
          : html`<div class="placeholder">${icons.receipt}<span>${msg("Select a receipt to see it here")}</span></div>`}
      </aside>`;
  }

  #row(r: LocalReceipt, f: Formatters) {
    const receipt = r.event.payload.receipt;
    const current = this.#selected?.event.id === r.event.id;
    return html`<button
      class="row"
      data-testid="receipt-row"
      data-number=${receipt.number}
      data-synced=${r.synced ? "true" : "false"}
      aria-current=${current ? "true" : "false"}
      @click=${() => (this.selectedId = r.event.id)}
    >
      <span class="number">${receipt.number}<span class="sub">${paymentSummary(receipt)}</span></span>
      <span class="time">${f.shortDateTime(r.event.deviceTime)}</span>
      <span class="total">${f.money(receipt.total)}</span>
      ${r.synced ? html`<span class="badge ok">${msg("Synced")}</span>` : html`<span class="badge warn">${msg("Unsynced")}</span>`}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-receipts-screen": RegisterReceiptsScreen;
  }
}
