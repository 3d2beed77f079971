import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { Minor, ShiftReport } from "@kasa/domain";
import type { PairedRegister, RegisterSnapshot, ShiftView } from "@kasa/sync";
import { ObserveController } from "../controllers/observe-controller.js";
import { errorText } from "../i18n/errors.js";
import { parseMajorAmount } from "../lib/amounts.js";
import type { Formatters } from "../lib/format.js";
import { printRequest } from "../lib/print-job.js";
import type { ShiftsModel } from "../state/shifts.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import type { CashMove } from "./register-cash-dialog.js";
import "./register-cash-dialog.js";
import "./register-close-shift-dialog.js";
import "./register-shift-report.js";

/**
 * The register's shift (Loyverse: the Shift menu): open with starting cash; pay in / pay out;
 * close with counted cash; the live report; and the shifts kept on this device, each marked
 * Synced or Unsynced (unsynced while any of its events is not on the relay's disk, DESIGN O2).
 */
@localized()
@customElement("register-shift-screen")
export class RegisterShiftScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) clamp(300px, 30vw, 380px);
        min-height: 0;
        height: 100%;
        background: var(--kasa-bg);
      }
      .main {
        min-height: 0;
        overflow-y: auto;
        padding: 18px 24px 32px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        justify-content: space-between;
        gap: 16px;
        flex-wrap: wrap;
        margin-bottom: 16px;
      }
      h2 {
        display: flex;
        align-items: center;
        gap: 10px;
        margin: 0;
        font-size: 22px;
        letter-spacing: -0.01em;
      }
      .since {
        margin-top: 4px;
        color: var(--kasa-text-muted);
        font-size: 14px;
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .actions .btn {
        min-height: 48px;
      }
      .kpis {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: 12px;
        margin-bottom: 14px;
      }
      .kpi {
        padding: 14px 18px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow);
      }
      .kpi span {
        display: block;
        font-size: 12px;
        font-weight: 700;
        letter-spacing: 0.06em;
        text-transform: uppercase;
        color: var(--kasa-text-muted);
      }
      .kpi strong {
        display: block;
        margin-top: 4px;
        font-size: 26px;
        font-variant-numeric: tabular-nums;
      }
      .open-card {
        max-width: 520px;
        margin: 24px auto;
        padding: 32px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow-lg);
        text-align: center;
      }
      .open-card .mark {
        display: inline-grid;
        place-items: center;
        width: 56px;
        height: 56px;
        margin-bottom: 12px;
        border-radius: 16px;
        background: var(--kasa-primary-soft);
        color: var(--kasa-primary);
      }
      .open-card .mark svg {
        width: 28px;
        height: 28px;
      }
      .open-card h2 {
        justify-content: center;
      }
      .open-card p {
        margin: 8px 0 20px;
        color: var(--kasa-text-muted);
        line-height: 1.5;
      }
      .open-card form {
        display: grid;
        gap: 12px;
        text-align: left;
      }
      .big-input {
        min-height: 58px;
        font-size: 26px;
        font-weight: 650;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .alert {
        margin-bottom: 12px;
      }
      .closed-banner {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        margin-bottom: 14px;
        padding: 12px 16px;
        border-radius: var(--kasa-radius);
        background: var(--kasa-ok-soft);
        color: var(--kasa-ok);
        font-weight: 650;
      }
      .banner-actions {
        display: flex;
        gap: 8px;
      }
      .closed-banner + register-shift-report {
        margin-bottom: 8px;
      }
      aside {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        min-height: 0;
        border-left: 1px solid var(--kasa-border);
        background: var(--kasa-surface);
      }
      aside h3 {
        margin: 0;
        padding: 18px 20px 12px;
        font-size: 16px;
      }
      aside ul {
        margin: 0;
        padding: 0 12px 16px;
        list-style: none;
        overflow-y: auto;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 2px 10px;
        width: 100%;
        min-height: 60px;
        margin-bottom: 6px;
        padding: 10px 12px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-surface);
        text-align: left;
        cursor: pointer;
      }
      .row:hover {
        background: var(--kasa-surface-muted);
      }
      .row[aria-current="true"] {
        border-color: var(--kasa-primary);
        background: var(--kasa-primary-soft);
      }
      .row .when {
        font-weight: 650;
        font-size: 14px;
      }
      .row .sub {
        grid-column: 1 / -1;
        font-size: 13px;
        color: var(--kasa-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .row .badge {
        grid-row: 1;
        grid-column: 2;
      }
      .empty {
        padding: 24px 20px;
        color: var(--kasa-text-subtle);
        font-size: 14px;
      }
      @media (max-width: 860px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
          grid-template-rows: auto auto;
          overflow-y: auto;
        }
        .main {
          overflow: visible;
          padding: 12px;
        }
        .kpis {
          grid-template-columns: minmax(0, 1fr);
        }
        aside {
          border-left: 0;
          border-top: 1px solid var(--kasa-border);
        }
      }
    `,
  ];

  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) shifts: ShiftsModel | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ attribute: false }) paired: PairedRegister | undefined;
  @state() private startingText = "";
  @state() private startingTouched = false;

  constructor() {
    super();
    new ObserveController(this, () => this.shifts);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("shifts")) void this.shifts?.reload();
  }

  protected override render() {
    const { snapshot, shifts, formatters: f } = this;
    if (!snapshot || !shifts || !f) return nothing;
    const open = snapshot.shift;
    const selected = shifts.selected;
    return html`<div class="main" data-testid="shift-screen" data-open=${open ? "true" : "false"}>
        ${selected && selected.report.shiftId !== open?.report.shiftId
          ? this.#past(selected, f)
          : open
            ? this.#open(open.report, f)
            : this.#closed(f)}
      </div>
      <aside aria-label=${msg("Shift history")}>
        <h3>${msg("Shifts on this register")}</h3>
        ${shifts.history === undefined
          ? html`<div class="empty">${msg("Loading…")}</div>`
          : shifts.history.length === 0
            ? html`<div class="empty">${msg("No shifts yet.")}</div>`
            : html`<ul>
                ${shifts.history.map((v) => html`<li>${this.#historyRow(v, f)}</li>`)}
              </ul>`}
      </aside>
      ${this.#dialog(f)}`;
  }

  #open(r: ShiftReport, f: Formatters) {
    const shifts = this.shifts!;
    return html`<div class="head">
        <div>
          <h2>${icons.drawer} ${msg("Shift open")}</h2>
          <div class="since">${msg(str`Since ${f.dateTime(r.openedAt)}`)}${r.openedBy ? ` · ${r.openedBy}` : ""}</div>
        </div>
        <div class="actions">
          <button class="btn" data-testid="shift-pay-in" @click=${() => shifts.openDialog("pay-in")}>${icons.arrowIn} ${msg("Pay in")}</button>
          <button class="btn" data-testid="shift-pay-out" @click=${() => shifts.openDialog("pay-out")}>${icons.arrowOut} ${msg("Pay out")}</button>
          <button class="btn" data-testid="shift-print" @click=${() => this.dispatchEvent(printRequest({ kind: "shift", report: r }))}>${icons.print} ${msg("Print")}</button>
          <button class="btn primary" data-testid="shift-close" @click=${() => shifts.openDialog("close")}>${msg("Close shift")}</button>
        </div>
      </div>
      <div class="kpis">
        <div class="kpi"><span>${msg("Net sales")}</span><strong data-testid="kpi-net">${f.money(r.netSales)}</strong></div>
        <div class="kpi"><span>${msg("Expected cash")}</span><strong data-testid="kpi-expected">${f.money(r.expectedCash)}</strong></div>
        <div class="kpi"><span>${msg("Receipts")}</span><strong>${r.receipts}</strong></div>
      </div>
      <register-shift-report .report=${r} .formatters=${f}></register-shift-report>`;
  }

  #closed(f: Formatters) {
    const shifts = this.shifts!;
    const parsed = parseMajorAmount(this.startingText, f.currency);
    const error = this.startingTouched && !parsed.ok ? errorText(parsed) : "";
    const justClosed = shifts.justClosed;
    return html`${justClosed
        ? html`<div class="closed-banner" data-testid="shift-closed-banner" role="status">
              <span>${icons.check} ${msg(str`Shift closed · difference ${f.signedMoney(justClosed.difference ?? 0)}`)}</span>
              <span class="banner-actions">
                <button class="btn" data-testid="shift-print" @click=${() => this.dispatchEvent(printRequest({ kind: "shift", report: justClosed }))}>
                  ${icons.print} ${msg("Print report")}
                </button>
                <button class="btn" data-testid="shift-closed-dismiss" @click=${() => shifts.dismissClosed()}>${msg("Done")}</button>
              </span>
            </div>
            <register-shift-report .report=${justClosed} .formatters=${f}></register-shift-report>`
        : nothing}
      <div class="open-card">
        <span class="mark">${icons.drawer}</span>
        <h2>${msg("No shift open")}</h2>
        <p>${this.snapshot?.shiftsRequired ? msg("This store uses shifts: open one to start selling. Count the cash in the drawer first.") : msg("Count the cash in the drawer, then open the shift.")}</p>
        ${shifts.error && !shifts.dialog
          ? html`<div class="alert" role="alert" data-testid="shift-error" data-code=${shifts.error.code}>${icons.alert}<span>${errorText(shifts.error)}</span></div>`
          : nothing}
        <form @submit=${this.#openShift} novalidate>
          <div class="field">
            <label for="starting">${msg("Starting cash")} (${f.currencySymbol()})</label>
            <input
              id="starting"
              class="input big-input"
              data-testid="shift-starting-cash"
              inputmode="decimal"
              autocomplete="off"
              placeholder="0"
              .value=${this.startingText}
              aria-invalid=${error ? "true" : "false"}
              @input=${(e: Event) => ((this.startingText = (e.target as HTMLInputElement).value), (this.startingTouched = false))}
            />
            ${error ? html`<span class="error-text">${error}</span>` : nothing}
          </div>
          <button class="btn primary large block" type="submit" data-testid="shift-open" ?disabled=${shifts.busy}>${msg("Open shift")}</button>
        </form>
      </div>`;
  }

  #past(v: ShiftView, f: Formatters) {
    const r = v.report;
    return html`<div class="head">
        <div>
          <h2>${msg("Shift report")}</h2>
          <div class="since">${f.dateTime(r.openedAt)} – ${r.closedAt === undefined ? msg("still open") : f.dateTime(r.closedAt)}</div>
        </div>
        <div class="actions">
          ${v.synced ? html`<span class="badge ok">${msg("Synced")}</span>` : html`<span class="badge warn">${msg("Unsynced")}</span>`}
          <button class="btn" data-testid="shift-print" @click=${() => this.dispatchEvent(printRequest({ kind: "shift", report: r }))}>${icons.print} ${msg("Print")}</button>
          <button class="btn" data-testid="shift-back" @click=${() => this.shifts?.select(undefined)}>${icons.back} ${msg("Back")}</button>
        </div>
      </div>
      <register-shift-report .report=${r} .formatters=${f}></register-shift-report>`;
  }

  #historyRow(v: ShiftView, f: Formatters) {
    const r = v.report;
    const current = this.shifts?.selected?.report.shiftId === r.shiftId;
    return html`<button
      class="row"
      data-testid="shift-history-row"
      data-shift-id=${r.shiftId}
      data-synced=${v.synced ? "true" : "false"}
      data-open=${r.closedAt === undefined ? "true" : "false"}
      aria-current=${current ? "true" : "false"}
      @click=${() => this.shifts?.select(r.shiftId)}
    >
      <span class="when">${f.shortDateTime(r.openedAt)}${r.closedAt === undefined ? ` · ${msg("open")}` : ` – ${f.time(r.closedAt)}`}</span>
      <span class="sub"
        >${msg(str`Net ${f.money(r.netSales)}`)}${r.difference !== undefined ? ` · ${msg(str`difference ${f.signedMoney(r.difference)}`)}` : ""}</span
      >
      ${v.synced ? html`<span class="badge ok">${msg("Synced")}</span>` : html`<span class="badge warn">${msg("Unsynced")}</span>`}
    </button>`;
  }

  #dialog(f: Formatters) {
    const shifts = this.shifts!;
    const open = this.snapshot?.shift;
    if (!shifts.dialog || !open) return nothing;
    if (shifts.dialog === "close") {
      return html`<register-close-shift-dialog
        .report=${open.report}
        .formatters=${f}
        .busy=${shifts.busy}
        .error=${shifts.error}
        @close-confirm=${(e: CustomEvent<Minor>) => void shifts.close(e.detail)}
        @close-cancel=${() => shifts.openDialog(undefined)}
      ></register-close-shift-dialog>`;
    }
    return html`<register-cash-dialog
      kind=${shifts.dialog === "pay-in" ? "in" : "out"}
      .formatters=${f}
      .busy=${shifts.busy}
      .error=${shifts.error}
      @cash-confirm=${(e: CustomEvent<CashMove>) => void shifts.move(e.detail.kind, e.detail.amount, e.detail.comment)}
      @cash-cancel=${() => shifts.openDialog(undefined)}
    ></register-cash-dialog>`;
  }

  #openShift(e: Event): void {
    e.preventDefault();
    const f = this.formatters;
    if (!f || !this.shifts) return;
    this.startingTouched = true;
    // An empty field means an empty drawer.
    const parsed = this.startingText.trim() === "" ? ({ ok: true, value: 0 as Minor } as const) : parseMajorAmount(this.startingText, f.currency);
    if (!parsed.ok) return;
    void this.shifts.open(parsed.value).then((ok) => {
      if (ok) this.startingText = "";
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-shift-screen": RegisterShiftScreen;
  }
}
