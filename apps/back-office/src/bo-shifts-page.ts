import { LitElement, css, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type RegisterInfo, type ShiftRow } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { money, dateTime, count } from "./store-format.js";
import { t } from "./strings.js";

/** Shifts, newest first; a row opens its full cash report. */
@customElement("bo-shifts-page")
export class BoShiftsPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .report {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        gap: 8px 24px;
        padding: 14px 16px 16px;
        background: #fbfbfc;
      }
      .report div {
        display: flex;
        justify-content: space-between;
        font-size: 13.5px;
        border-bottom: 1px dashed var(--bo-border);
        padding: 4px 0;
      }
      .report span:first-child {
        color: var(--bo-text-3);
      }
      .neg {
        color: var(--bo-danger);
      }
    `,
  ];
  @property() storeId = "";
  @state() private shifts: ShiftRow[] | undefined;
  @state() private registers: RegisterInfo[] = [];
  @state() private open = "";
  @state() private error = "";
  private currency = "PLN";

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [s, r, st] = await Promise.all([api.shifts(this.storeId), api.registers(this.storeId), api.settings(this.storeId)]);
      this.currency = st.settings.currency;
      this.registers = r.registers;
      this.shifts = s.shifts;
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  override render(): TemplateResult {
    const m = (n: number) => money(n, this.currency);
    const rows = this.shifts;
    return html`<div class="page-header"><div><h1>${t.shifts.title}</h1><p>${t.shifts.lead}</p></div></div>
      <div class="card">
        ${this.error
          ? html`<div class="error">${this.error}</div>`
          : !rows
            ? html`<div class="loading">${t.common.loading}</div>`
            : rows.length === 0
              ? html`<div class="empty" data-testid="shifts-empty">${t.shifts.empty}</div>`
              : html`<table data-testid="shifts-table">
                  <thead><tr><th>${t.shifts.register}</th><th>${t.shifts.opened}</th><th>${t.shifts.closed}</th><th class="r">${t.shifts.receipts}</th><th class="r">${t.shifts.net}</th><th class="r">${t.shifts.expected}</th><th class="r">${t.shifts.difference}</th></tr></thead>
                  <tbody>
                    ${rows.map(
                      (s) => html`<tr class="clickable" data-testid="shift-row" @click=${() => (this.open = this.open === s.shiftId ? "" : s.shiftId)}>
                          <td>${this.registers.find((r) => r.registerId === s.registerId)?.name ?? s.registerId}</td>
                          <td>${dateTime(s.openedAt)}</td>
                          <td>${s.closedAt ? dateTime(s.closedAt) : html`<span class="pill good">${t.shifts.open}</span>`}</td>
                          <td class="r">${count(s.report.receipts)}</td>
                          <td class="r">${m(s.report.netSales)}</td>
                          <td class="r">${m(s.report.expectedCash)}</td>
                          <td class="r ${(s.report.difference ?? 0) < 0 ? "neg" : ""}">${s.report.difference === undefined ? "—" : m(s.report.difference)}</td>
                        </tr>
                        ${this.open === s.shiftId
                          ? html`<tr><td colspan="7" style="padding:0"><div class="report" data-testid="shift-report">
                              <div><span>${t.shifts.starting}</span><span>${m(s.report.startingCash)}</span></div>
                              <div><span>${t.shifts.cashPayments}</span><span>${m(s.report.cashPayments)}</span></div>
                              <div><span>${t.shifts.cashRefunds}</span><span>${m(s.report.cashRefunds)}</span></div>
                              <div><span>${t.shifts.paidIn}</span><span>${m(s.report.paidIn)}</span></div>
                              <div><span>${t.shifts.paidOut}</span><span>${m(s.report.paidOut)}</span></div>
                              <div><span>${t.shifts.expected}</span><span>${m(s.report.expectedCash)}</span></div>
                              <div><span>${t.shifts.counted}</span><span>${s.report.countedCash === undefined ? "—" : m(s.report.countedCash)}</span></div>
                              ${s.report.payments.map((p) => html`<div><span>${p.name}</span><span>${m(p.amount)}</span></div>`)}
                            </div></td></tr>`
                          : ""}`,
                    )}
                  </tbody>
                </table>`}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-shifts-page": BoShiftsPage;
  }
}
