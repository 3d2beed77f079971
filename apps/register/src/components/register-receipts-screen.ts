import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { RefundCompleted } from "@kasa/domain";
import { RelayApi, type LocalReceipt, type LocalRefund, type PairedRegister, type RegisterSession, type RegisterSnapshot, type StoreReceiptHit } from "@kasa/sync";
import { errorText } from "../i18n/errors.js";
import type { ToastModel } from "../state/toasts.js";
import type { ShownReceipt } from "./register-receipt-detail.js";
import { receiptsLabel, unsyncedLabel } from "../i18n/counts.js";
import { paymentSummary, type Formatters } from "../lib/format.js";
import { filterReceipts, filterRefunds } from "../lib/receipt-search.js";
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
        grid-template-columns: minmax(110px, 1fr) auto auto;
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
        width: min(230px, 22vw);
      }
      .counts {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
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
      .row.refund .number,
      .row.refund .total {
        color: var(--kasa-danger);
      }
      .row.refund {
        box-shadow: inset 3px 0 0 var(--kasa-danger);
      }
      .badge.danger {
        background: var(--kasa-danger);
        color: #fff;
      }
      .scope {
        display: inline-flex;
        flex: none;
        padding: 2px;
        border: 1px solid var(--kasa-border-strong);
        border-radius: 999px;
        background: var(--kasa-surface);
      }
      .scope button {
        border-radius: 999px;
      }
      .scope button {
        white-space: nowrap;
        min-height: 40px;
        padding: 0 14px;
        border: 0;
        background: transparent;
        font: inherit;
        font-size: 14px;
        cursor: pointer;
      }
      .scope button[aria-pressed="true"] {
        background: var(--kasa-primary);
        color: #fff;
      }
      .scope button:disabled {
        color: var(--kasa-text-subtle);
        cursor: not-allowed;
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
  @property({ attribute: false }) session: RegisterSession | undefined;
  @property({ attribute: false }) toasts: ToastModel | undefined;
  @state() private query = "";
  /** Chosen by a tap; without one, the newest receipt is shown beside the list. */
  @state() private selectedId: string | undefined;
  /** This register's receipts (offline too) or the whole store's from the relay (online only). */
  @state() private scope: "register" | "store" = "register";
  @state() private storeHits: readonly StoreReceiptHit[] | undefined;
  @state() private storeError: { code: string; message: string } | undefined;
  @state() private remote: { event: ShownReceipt; refunds: readonly RefundCompleted[] } | undefined;

  #shown: readonly (LocalReceipt | LocalRefund)[] = [];
  #selected: ShownReceipt | undefined;
  #unsynced = 0;
  #api: RelayApi | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #searchSeq = 0;

  get #online(): boolean {
    return this.snapshot?.connection.state === "connected";
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const receipts = this.snapshot?.receipts ?? [];
    const refunds = this.snapshot?.refunds ?? [];
    if (this.scope === "store" && !this.#online) this.scope = "register";
    this.#shown = [...filterReceipts(receipts, this.query), ...filterRefunds(refunds, this.query)].sort((a, b) => (a.event.id < b.event.id ? 1 : -1));
    this.#unsynced = receipts.filter((r) => !r.synced).length + refunds.filter((r) => !r.synced).length;
    if (this.scope === "store") {
      this.#selected = this.remote?.event;
      return;
    }
    const local = (this.selectedId && this.#shown.find((r) => r.event.id === this.selectedId)) || this.#shown[0];
    this.#selected = local ? asShown(local) : undefined;
  }

  #relay(): RelayApi | undefined {
    const paired = this.session?.paired;
    if (!paired) return undefined;
    this.#api ??= new RelayApi(location.origin, () => paired.token);
    return this.#api;
  }

  #setScope(scope: "register" | "store"): void {
    this.scope = scope;
    this.remote = undefined;
    this.selectedId = undefined;
    if (scope === "store") this.#searchStore();
  }

  #setQuery(query: string): void {
    this.query = query;
    if (this.scope !== "store") return;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#searchStore(), 250);
  }

  async #searchStore(): Promise<void> {
    const api = this.#relay();
    if (!api) return;
    const seq = ++this.#searchSeq;
    // The relay wants a non-empty query; every receipt number has a "-", so "-" lists the latest.
    const result = await api.searchReceipts(this.query.trim() || "-");
    if (seq !== this.#searchSeq) return;
    if (result.ok) {
      this.storeHits = result.value.receipts;
      this.storeError = undefined;
    } else {
      this.storeHits = [];
      this.storeError = result.error;
    }
  }

  async #openStoreReceipt(hit: StoreReceiptHit): Promise<void> {
    const api = this.#relay();
    if (!api) return;
    this.selectedId = hit.eventId;
    const result = await api.receipt(hit.eventId);
    if (!result.ok) {
      this.toasts?.show(errorText(result.error), { tone: "warn", detail: result.error.code });
      return;
    }
    const e = result.value.event;
    const refunds = result.value.refunds.filter((r): r is RefundCompleted => r.type === "refund.completed");
    if (e.type === "sale.completed") this.remote = { event: { kind: "sale", event: e, synced: true, remote: true }, refunds };
    else if (e.type === "refund.completed") this.remote = { event: { kind: "refund", event: e, synced: true, remote: true }, refunds: [] };
  }

  #knownRefunds(): readonly RefundCompleted[] {
    const local = (this.snapshot?.refunds ?? []).map((r) => r.event);
    const remote = this.remote?.refunds ?? [];
    const seen = new Set(local.map((r) => r.id));
    return [...local, ...remote.filter((r) => !seen.has(r.id))];
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
          <div class="scope" role="group" aria-label=${msg("Receipts of")}>
            <button data-testid="scope-register" aria-pressed=${this.scope === "register" ? "true" : "false"} @click=${() => this.#setScope("register")}>
              ${msg("This register")}
            </button>
            <button
              data-testid="scope-store"
              aria-pressed=${this.scope === "store" ? "true" : "false"}
              ?disabled=${!this.#online}
              title=${this.#online ? "" : msg("Whole store needs a connection")}
              @click=${() => this.#setScope("store")}
            >
              ${msg("Whole store")}
            </button>
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
              @input=${(e: Event) => this.#setQuery((e.target as HTMLInputElement).value)}
            />
          </label>
        </header>
        <div class="scroll">
          ${this.scope === "store"
            ? this.#storeList(f)
            : this.#shown.length === 0
            ? html`<div class="empty">
                ${icons.receipt}<strong>${all === 0 ? msg("No receipts yet") : msg("No receipt matches")}</strong>
                <span>${all === 0 ? msg("Sales made on this register appear here, online or offline.") : msg("Try a receipt number like 1-1003 or an item name.")}</span>
              </div>`
            : html`<ul class="rows">
                ${this.#shown.map((r) => html`<li>${"receipt" in r.event.payload ? this.#row(r as LocalReceipt, f) : this.#refundRow(r as LocalRefund, f)}</li>`)}
              </ul>`}
        </div>
      </section>
      <aside class="detail ${this.selectedId ? "open" : ""}" aria-label=${msg("Receipt detail")}>
        ${this.#selected
          ? html`<register-receipt-detail
              .receipt=${this.#selected}
              .session=${this.session}
              .toasts=${this.toasts}
              .online=${this.#online}
              .knownRefunds=${this.#knownRefunds()}
              @refund-done=${(e: CustomEvent<string>) => {
                this.scope = "register";
                this.remote = undefined;
                this.query = "";
                this.selectedId = e.detail;
              }}
              .catalog=${snapshot.store.catalog}
              .formatters=${f}
              .storeName=${snapshot.store.settings.name}
              .paired=${this.paired}
              @close=${() => ((this.selectedId = undefined), (this.remote = undefined))}
            ></register-receipt-detail>`
          : html`<div class="placeholder">${icons.receipt}<span>${msg("Select a receipt to see it here")}</span></div>`}
      </aside>`;
  }

  #storeList(f: Formatters) {
    const hits = this.storeHits;
    if (this.storeError) return html`<div class="empty" data-testid="store-error">${icons.alert}<strong>${errorText(this.storeError)}</strong></div>`;
    if (!hits) return html`<div class="empty">${msg("Loading the store's receipts…")}</div>`;
    if (hits.length === 0) return html`<div class="empty">${icons.receipt}<strong>${msg("No receipt matches")}</strong></div>`;
    return html`<ul class="rows">
      ${hits.map(
        (h) => html`<li>
          <button
            class="row ${h.kind === "refund" ? "refund" : ""}"
            data-testid="store-receipt-row"
            data-number=${h.number}
            data-kind=${h.kind}
            aria-current=${this.selectedId === h.eventId ? "true" : "false"}
            @click=${() => void this.#openStoreReceipt(h)}
          >
            <span class="number">${h.number}<span class="sub">${msg(str`Register ${h.registerNumber}`)}</span></span>
            <span class="time">${f.shortDateTime(h.deviceTime)}</span>
            <span class="total">${h.kind === "refund" ? `−${f.money(h.total)}` : f.money(h.total)}</span>
            ${h.kind === "refund" ? html`<span class="badge danger">${msg("Refund")}</span>` : html`<span class="badge ok">${msg("Synced")}</span>`}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  #refundRow(r: LocalRefund, f: Formatters) {
    const refund = r.event.payload.refund;
    const current = this.#selected?.event.id === r.event.id;
    return html`<button
      class="row refund"
      data-testid="receipt-row"
      data-kind="refund"
      data-number=${refund.number}
      data-synced=${r.synced ? "true" : "false"}
      aria-current=${current ? "true" : "false"}
      @click=${() => (this.selectedId = r.event.id)}
    >
      <span class="number">${refund.number}<span class="sub">${msg(str`Refund of ${refund.refundFor.number}`)}</span></span>
      <span class="time">${f.shortDateTime(r.event.deviceTime)}</span>
      <span class="total">−${f.money(refund.total)}</span>
      ${r.synced ? html`<span class="badge ok">${msg("Synced")}</span>` : html`<span class="badge warn">${msg("Unsynced")}</span>`}
    </button>`;
  }

  #row(r: LocalReceipt, f: Formatters) {
    const receipt = r.event.payload.receipt;
    const current = this.#selected?.event.id === r.event.id;
    return html`<button
      class="row"
      data-testid="receipt-row"
      data-kind="sale"
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

function asShown(r: LocalReceipt | LocalRefund): ShownReceipt {
  return r.event.type === "sale.completed" ? { kind: "sale", event: r.event, synced: r.synced } : { kind: "refund", event: r.event, synced: r.synced };
}

declare global {
  interface HTMLElementTagNameMap {
    "register-receipts-screen": RegisterReceiptsScreen;
  }
}
