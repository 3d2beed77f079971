import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { DamagedJournal, PairedRegister, RelayConnectionStatus } from "@kasa/sync";
import { registerLabel } from "../lib/format.js";
import { clockSkewWarning, skewMinutes } from "../state/open-tickets.js";
import type { PaperWidth } from "../state/preferences.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import "./register-overflow-menu.js";
import "./register-sync-pill.js";

export type RegisterView = "till" | "tickets" | "receipts" | "shift";

/**
 * Store and register, the Till / Receipts / Shift switch, the sync pill and the ⋮ menu. Fixed
 * height and a three-column grid: nothing moves when the connection state or the unsynced count
 * changes. Emits `view-change` (detail: view), `explain` (detail: {message, detail}); the menu's
 * events (`sync-now`, `locale-change`, `paper-change`) bubble through.
 */
@localized()
@customElement("register-top-bar")
export class RegisterTopBar extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        position: relative;
        z-index: 10;
        background: var(--kasa-surface);
        border-bottom: 1px solid var(--kasa-border);
      }
      header {
        display: grid;
        /* The status side may grow (Offline · 12 unsynced, warnings): it takes its room from the
           brand (whose names end in "…"), never by covering the tabs. */
        grid-template-columns: minmax(0, 280px) auto minmax(max-content, 1fr);
        grid-template-areas: "brand tabs status";
        align-items: center;
        gap: 16px;
        height: var(--kasa-topbar-height);
        padding: 0 16px 0 20px;
      }
      .brand {
        grid-area: brand;
        display: flex;
        align-items: center;
        gap: 12px;
        min-width: 0;
      }
      .brand img {
        width: 34px;
        height: 34px;
        border-radius: 9px;
        flex: none;
      }
      .names {
        min-width: 0;
        line-height: 1.25;
      }
      .store {
        font-weight: 700;
        font-size: 16px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .register {
        font-size: 13px;
        color: var(--kasa-text-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      nav {
        grid-area: tabs;
        display: inline-flex;
        gap: 4px;
        padding: 4px;
        border-radius: 12px;
        background: var(--kasa-neutral-soft);
      }
      nav button {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        min-height: 44px;
        min-width: 108px;
        justify-content: center;
        padding: 0 18px;
        border: 0;
        border-radius: 9px;
        background: transparent;
        color: var(--kasa-text-muted);
        font-size: 15px;
        font-weight: 650;
        cursor: pointer;
      }
      nav button[aria-selected="true"] {
        background: var(--kasa-surface);
        color: var(--kasa-primary-strong);
        box-shadow: var(--kasa-shadow);
      }
      nav button svg {
        width: 18px;
        height: 18px;
      }
      nav .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--kasa-ok);
        box-shadow: 0 0 0 3px var(--kasa-ok-soft);
      }
      nav .count {
        min-width: 20px;
        padding: 0 6px;
        border-radius: 999px;
        background: var(--kasa-surface-muted);
        border: 1px solid var(--kasa-border);
        font-size: 12px;
        font-weight: 700;
        line-height: 18px;
        text-align: center;
      }
      nav .count.flagged {
        background: var(--kasa-danger);
        border-color: var(--kasa-danger);
        color: #fff;
      }
      nav .dot.closed {
        background: var(--kasa-border-strong);
        box-shadow: none;
      }
      .status {
        grid-area: status;
        display: flex;
        align-items: center;
        justify-content: flex-end;
        gap: 10px;
        min-width: 0;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 36px;
        padding: 0 10px;
        border: 1px solid rgba(180, 83, 9, 0.25);
        border-radius: 999px;
        background: var(--kasa-warn-soft);
        color: var(--kasa-warn);
        font-size: 12px;
        font-weight: 650;
        white-space: nowrap;
        cursor: pointer;
      }
      .chip.ok {
        border-color: rgba(21, 128, 61, 0.25);
        background: var(--kasa-ok-soft);
        color: var(--kasa-ok);
      }
      .chip svg {
        width: 16px;
        height: 16px;
      }
      .chip .short {
        display: none;
      }
      /* Two or more warnings at once: short labels, so the tabs keep their room. */
      .status.compact .chip .label {
        display: none;
      }
      .status.compact .chip .short {
        display: inline;
      }
      @media (max-width: 1100px) {
        .chip .label {
          display: none;
        }
        .chip .short {
          display: inline;
        }
        nav button {
          min-width: 0;
          padding: 0 12px;
          gap: 6px;
        }
        /* Four tabs must fit beside the status at 1024 px in Polish too: text and counts, no icons. */
        nav button > svg {
          display: none;
        }
        header {
          grid-template-columns: minmax(0, 200px) auto minmax(0, 1fr);
          gap: 12px;
        }
      }
      @media (max-width: 720px) {
        .chip .short {
          display: none;
        }
        header {
          grid-template-columns: minmax(0, 1fr) auto;
          grid-template-areas: "brand status" "tabs tabs";
          height: auto;
          row-gap: 8px;
          padding: 10px 12px;
        }
        nav {
          justify-self: stretch;
        }
        nav button {
          flex: 1;
          min-width: 0;
        }
        .brand img {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) paired: PairedRegister | undefined;
  @property() storeName = "";
  @property({ attribute: false }) connection: RelayConnectionStatus = { state: "connecting" };
  @property({ type: Number }) unsynced = 0;
  @property() view: RegisterView = "till";
  @property({ attribute: false }) storagePersisted: boolean | undefined;
  @property({ type: Boolean }) lockUnsupported = false;
  /** Whether a shift is open (the Shift tab's dot); undefined when the store doesn't use shifts and none is open. */
  @property({ attribute: false }) shiftOpen: boolean | undefined;
  @property({ attribute: false }) paper: PaperWidth = "80";
  /** Number of open tickets; undefined when the store has no open tickets on this device. */
  @property({ attribute: false }) openTickets: number | undefined;
  @property({ attribute: false }) ticketsFlagged = 0;
  /** Relay clock minus device clock (ms), when measured. */
  @property({ attribute: false }) clockSkewMs: number | undefined;
  /** Journals found damaged in this device's storage (sync SPEC S15). */
  @property({ attribute: false }) damagedJournals: readonly DamagedJournal[] = [];

  protected override render() {
    const p = this.paired;
    return html`<header>
      <div class="brand">
        <img src="${import.meta.env.BASE_URL}icon.svg" alt="" />
        <div class="names">
          <div class="store" data-testid="store-name">${this.storeName || p?.storeName}</div>
          ${p ? html`<div class="register" data-testid="register-name">${registerLabel(p)}</div>` : nothing}
        </div>
      </div>
      <nav role="tablist" aria-label=${msg("Screens")}>
        ${this.#tab("till", msg("Till"), "tab-till", icons.grid)}
        ${this.openTickets === undefined
          ? nothing
          : this.#tab(
              "tickets",
              msg("Tickets"),
              "tab-tickets",
              html`<span class="count ${this.ticketsFlagged > 0 ? "flagged" : ""}" data-testid="tickets-count">${this.openTickets}</span>`,
            )}
        ${this.#tab("receipts", msg("Receipts"), "tab-receipts", icons.receipt)}
        ${this.#tab(
          "shift",
          msg("Shift"),
          "tab-shift",
          this.shiftOpen === undefined ? icons.drawer : html`<span class="dot ${this.shiftOpen ? "" : "closed"}" aria-hidden="true"></span>`,
        )}
      </nav>
      <div class="status ${this.#warningCount() >= 2 ? "compact" : ""}">
        ${this.storagePersisted === false
          ? html`<button
              class="chip"
              data-testid="storage-warning"
              title=${msg("The browser may clear offline data when the device runs low on space")}
              @click=${() =>
                this.#explain(
                  msg("Storage is not persistent"),
                  msg(
                    "The browser refused persistent storage, so it may clear offline data when the device runs low on space. Sync regularly; installing the app usually grants it.",
                  ),
                )}
            >
              ${icons.alert}<span class="label">${msg("Storage not persistent")}</span><span class="short">${msg("Storage")}</span>
            </button>`
          : nothing}
        ${clockSkewWarning(this.clockSkewMs)
          ? html`<button
              class="chip"
              data-testid="clock-warning"
              title=${msg("This device's clock differs from the relay's")}
              @click=${() =>
                this.#explain(
                  msg("The device clock is off"),
                  msg(str`This device's clock is ${skewMinutes(this.clockSkewMs)} min off the relay's. Receipts carry the device time: set the clock right.`),
                )}
            >
              ${icons.alert}<span class="label">${msg("Clock is off")}</span><span class="short">${msg("Clock")}</span>
            </button>`
          : nothing}
        ${this.damagedJournals.length > 0 ? this.#damageChip(this.damagedJournals) : nothing}
        ${this.lockUnsupported
          ? html`<button
              class="chip"
              data-testid="lock-warning"
              title=${msg("This browser can't stop a second tab from opening the register")}
              @click=${() =>
                this.#explain(msg("Only one tab at a time"), msg("This browser can't lock the register to one tab (open Kasa over HTTPS). Keep a single tab open."))}
            >
              ${icons.lock}<span class="label">${msg("No tab lock")}</span><span class="short">${msg("Lock")}</span>
            </button>`
          : nothing}
        <register-sync-pill .state=${this.connection.state} .unsynced=${this.unsynced}></register-sync-pill>
        <register-overflow-menu
          .paired=${p}
          .connection=${this.connection}
          .unsynced=${this.unsynced}
          .storagePersisted=${this.storagePersisted}
          .paper=${this.paper}
        ></register-overflow-menu>
      </div>
    </header>`;
  }

  #tab(view: RegisterView, label: string, testid: string, icon: unknown) {
    return html`<button
      role="tab"
      data-testid=${testid}
      aria-selected=${this.view === view ? "true" : "false"}
      @click=${() => this.dispatchEvent(new CustomEvent("view-change", { detail: view }))}
    >
      ${icon}${label}
    </button>`;
  }

  #warningCount(): number {
    return [this.storagePersisted === false, clockSkewWarning(this.clockSkewMs), this.damagedJournals.length > 0, this.lockUnsupported].filter(Boolean).length;
  }

  /** Damaged local copies: named, with what the relay could or could not restore (S15). */
  #damageChip(damaged: readonly DamagedJournal[]) {
    const recovering = damaged.some((d) => d.recovering);
    const lost = damaged.filter((d) => d.unrecovered !== undefined);
    const names = damaged.map((d) => d.documentId).join(", ");
    const detail = recovering
      ? msg(str`Part of this register's saved sales data (${names}) could not be read from this device's storage. Selling goes on; the copy is restored from the relay when the register is online.`)
      : lost.length > 0
        ? msg(str`Part of this register's saved sales data (${names}) could not be read from this device's storage, and the relay did not have all of it: sales that were never synced may be missing. Tell the store owner.`)
        : msg(str`This register's saved sales data (${names}) was damaged on this device and has been restored from the relay.`);
    return html`<button
      class="chip ${recovering || lost.length > 0 ? "" : "ok"}"
      data-testid="storage-damage-warning"
      title=${msg("Local data was damaged")}
      @click=${() => this.#explain(msg("Local data was damaged"), detail)}
    >
      ${icons.alert}<span class="label">${recovering ? msg("Restoring local data") : lost.length > 0 ? msg("Local data lost") : msg("Local data restored")}</span
      ><span class="short">${msg("Data")}</span>
    </button>`;
  }

  #explain(message: string, detail: string): void {
    this.dispatchEvent(new CustomEvent("explain", { detail: { message, detail } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-top-bar": RegisterTopBar;
  }
}
