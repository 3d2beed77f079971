import { LitElement, css, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type HistoryRow, type RegisterInfo, type SaleDetail, type SalesFilter } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { money, dateTime, dateTimeSeconds, count } from "./store-format.js";
import { t } from "./strings.js";

/** Receipt history with filters; a receipt's detail shows its refunds and lets the owner cancel it. */
@customElement("bo-history-page")
export class BoHistoryPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .split {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 360px;
        gap: 16px;
        align-items: start;
      }
      .detail {
        padding: 18px 20px;
      }
      .detail h2 {
        margin: 0 0 4px;
        font-size: 18px;
      }
      .lines {
        margin: 14px 0;
        border-top: 1px solid var(--bo-border);
      }
      .line {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        padding: 6px 0;
        border-bottom: 1px dashed var(--bo-border);
        font-size: 14px;
      }
      .line.total {
        font-weight: 650;
        border-bottom: 0;
      }
      .confirm {
        margin-top: 12px;
        padding: 12px;
        border-radius: var(--bo-radius);
        border: 1px solid #fecaca;
        background: var(--bo-danger-soft);
        font-size: 13.5px;
      }
      .confirm .row {
        display: flex;
        gap: 8px;
        margin-top: 10px;
      }
      .btn.danger {
        background: var(--bo-danger);
        border-color: var(--bo-danger);
        color: #fff;
      }
      td {
        white-space: nowrap;
      }
      tr.selected td {
        background: #f0fdfa;
      }
      tr.is-cancelled td {
        color: var(--bo-text-4);
      }
      tr.is-cancelled td.num-cell {
        text-decoration: line-through;
      }
      @media (max-width: 1000px) {
        .split {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @property() storeId = "";
  @state() private filter: SalesFilter = { kind: "all" };
  @state() private rows: HistoryRow[] | undefined;
  @state() private registers: RegisterInfo[] = [];
  @state() private selected: SaleDetail | undefined;
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = "";

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId) {
      void this.load();
      api.registers(this.storeId).then((r) => (this.registers = r.registers), () => undefined);
    }
  }

  private async load(): Promise<void> {
    try {
      this.error = "";
      this.rows = (await api.sales(this.storeId, this.filter)).receipts;
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private async open(row: HistoryRow): Promise<void> {
    this.confirming = false;
    try {
      this.selected = await api.saleDetail(this.storeId, row.eventId);
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private async cancel(): Promise<void> {
    if (!this.selected) return;
    this.busy = true;
    try {
      await api.cancelSale(this.storeId, this.selected.eventId);
      this.selected = await api.saleDetail(this.storeId, this.selected.eventId);
      this.confirming = false;
      await this.load();
    } catch (e) {
      this.error = asApiError(e).message;
    } finally {
      this.busy = false;
    }
  }

  private set(patch: Partial<SalesFilter>): void {
    this.filter = { ...this.filter, ...patch };
    void this.load();
  }

  private registerName(id: string): string {
    const r = this.registers.find((x) => x.registerId === id);
    return r ? r.name : id;
  }

  override render(): TemplateResult {
    const f = this.filter;
    return html`<div class="page-header"><div><h1>${t.history.title}</h1><p>${t.history.lead}</p></div></div>
      <div class="toolbar">
        <label class="field">${t.history.register}
          <select data-testid="filter-register" @change=${(e: Event) => this.set({ registerId: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="">${t.history.allRegisters}</option>
            ${this.registers.map((r) => html`<option value=${r.registerId} ?selected=${f.registerId === r.registerId}>${r.name}</option>`)}
          </select></label>
        <label class="field">${t.history.kind}
          <select data-testid="filter-kind" @change=${(e: Event) => this.set({ kind: (e.target as HTMLSelectElement).value as SalesFilter["kind"] })}>
            <option value="all">${t.history.all}</option><option value="sale">${t.history.sale}</option><option value="refund">${t.history.refund}</option>
          </select></label>
        <label class="field">${t.period.from}<input type="date" data-testid="filter-from" @change=${(e: Event) => this.set({ from: (e.target as HTMLInputElement).value || undefined })} /></label>
        <label class="field">${t.period.to}<input type="date" data-testid="filter-to" @change=${(e: Event) => this.set({ to: (e.target as HTMLInputElement).value || undefined })} /></label>
        <label class="field">${t.history.number}<input placeholder="1-1001" size="9" data-testid="filter-number" @change=${(e: Event) => this.set({ number: (e.target as HTMLInputElement).value.trim() || undefined })} /></label>
      </div>
      ${this.error ? html`<div class="banner"><span class="grow">${this.error}</span></div>` : ""}
      <div class="split">
        <div class="card">${this.table()}</div>
        ${this.selected ? html`<div class="card detail" data-testid="history-detail">${this.detail(this.selected)}</div>` : ""}
      </div>`;
  }

  private table(): TemplateResult {
    const rows = this.rows;
    if (!rows) return html`<div class="loading">${t.common.loading}</div>`;
    if (rows.length === 0) return html`<div class="empty">${t.history.empty}</div>`;
    return html`<table data-testid="history-table">
      <thead><tr><th>${t.history.number}</th><th>${t.history.time}</th><th>${t.history.register}</th><th>${t.history.status}</th><th class="r">${t.history.total}</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr class="clickable ${this.selected?.eventId === r.eventId ? "selected" : ""} ${r.cancelledAt ? "is-cancelled" : ""}" data-testid="history-row" data-number=${r.number} data-event=${r.eventId} @click=${() => this.open(r)}>
            <td class="mono">${r.number}</td>
            <td>${dateTime(r.deviceTime)}</td>
            <td>${this.registerName(r.registerId)}</td>
            <td>${r.cancelledAt ? html`<span class="pill bad">${t.history.cancelled}</span>` : r.kind === "refund" ? html`<span class="pill wait">${t.history.refundBadge}</span>` : html`<span class="pill good">${t.history.active}</span>`}</td>
            <td class="r num-cell">${r.kind === "refund" ? "−" : ""}${money(r.total, r.currency)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private detail(d: SaleDetail): TemplateResult {
    const e = d.event;
    const r = e.payload.receipt;
    const m = (n: number) => money(n, r?.currency ?? "PLN");
    if (d.kind === "refund" || !r) return html`<h2>${t.history.refundBadge}</h2><div class="sub">${dateTimeSeconds(e.deviceTime)}</div>`;
    return html`<h2 class="mono">${r.number}</h2>
      <div class="sub">${dateTimeSeconds(e.deviceTime)} · ${t.history.receivedAt} ${dateTimeSeconds(d.receivedAt)}</div>
      ${d.cancellation ? html`<p><span class="pill bad" data-testid="detail-cancelled">${t.history.cancelled} ${dateTime(d.cancellation.cancelledAt)}</span></p>` : ""}
      <div class="lines">
        ${r.lines.map((l) => html`<div class="line"><span>${count(l.quantityMilli / 1000)} × ${l.name}</span><span>${m(l.gross)}</span></div>`)}
        <div class="line total"><span>${t.history.total}</span><span>${m(r.total)}</span></div>
      </div>
      ${d.refunds.length
        ? html`<div class="sub">${t.history.refundsOf}</div>${d.refunds.map((f) => html`<div class="line"><span class="mono">${f.number}</span><span>−${m(f.total)}</span></div>`)}`
        : ""}
      ${!d.cancellation
        ? this.confirming
          ? html`<div class="confirm" role="alertdialog">${t.history.cancelConfirm}
              <div class="row"><button class="btn danger small" data-testid="cancel-confirm" ?disabled=${this.busy} @click=${() => this.cancel()}>${t.history.cancelDo}</button><button class="btn small" @click=${() => (this.confirming = false)}>${t.history.keep}</button></div></div>`
          : html`<button class="btn" data-testid="cancel-receipt" @click=${() => (this.confirming = true)}>${t.history.cancel}</button>`
        : ""}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-history-page": BoHistoryPage;
  }
}
