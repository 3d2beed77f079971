import { LitElement, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type CategorySalesRow, type ItemSalesRow, type PaymentSalesRow, type PeriodQuery } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles, type PeriodChangeEvent } from "./bo-report-kit.js";
import { NavigateEvent } from "./router.js";
import { money, count } from "./store-format.js";
import { t } from "./strings.js";
import "./bo-report-kit.js";

type Tab = "items" | "categories" | "payments";
const qty = (milli: number) => count(milli / 1000);

/** Sales by item, by category and by payment type for a period. */
@customElement("bo-sales-page")
export class BoSalesPage extends LitElement {
  static override styles = [base, pageHeader, reportStyles];
  @property() storeId = "";
  @property() tab: Tab = "items";
  @state() private period: PeriodQuery = { period: "today" };
  @state() private currency = "PLN";
  @state() private items: ItemSalesRow[] | undefined;
  @state() private categories: CategorySalesRow[] | undefined;
  @state() private payments: PaymentSalesRow[] | undefined;
  @state() private error = "";

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") || changed.has("tab")) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.storeId) return;
    try {
      this.error = "";
      if (this.tab === "items") ({ currency: this.currency, rows: this.items } = await api.itemSales(this.storeId, this.period));
      else if (this.tab === "categories") ({ currency: this.currency, rows: this.categories } = await api.categorySales(this.storeId, this.period));
      else ({ currency: this.currency, rows: this.payments } = await api.paymentSales(this.storeId, this.period));
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private onPeriod = (e: PeriodChangeEvent): void => {
    this.period = e.query;
    void this.load();
  };

  override render(): TemplateResult {
    const tabs: [Tab, string][] = [
      ["items", t.sales.items],
      ["categories", t.sales.categories],
      ["payments", t.sales.payments],
    ];
    return html`<div class="page-header"><div><h1>${t.sales.title}</h1><p>${t.sales.lead}</p></div></div>
      <div class="toolbar">
        <div class="tabs" role="tablist">
          ${tabs.map(([id, label]) => html`<button role="tab" data-testid="sales-tab-${id}" aria-pressed=${this.tab === id ? "true" : "false"} @click=${() => this.dispatchEvent(new NavigateEvent({ page: "sales", tab: id }))}>${label}</button>`)}
        </div>
        <bo-period-picker .value=${this.period} @bo-period-change=${this.onPeriod}></bo-period-picker>
      </div>
      <div class="card">${this.error ? html`<div class="error">${this.error}</div>` : this.table()}</div>`;
  }

  private table(): TemplateResult {
    const m = (n: number) => money(n, this.currency);
    if (this.tab === "items") {
      const rows = this.items;
      if (!rows) return html`<div class="loading">${t.common.loading}</div>`;
      if (rows.length === 0) return html`<div class="empty">${t.sales.empty}</div>`;
      return html`<table data-testid="sales-items">
        <thead><tr><th>${t.sales.item}</th><th class="r">${t.sales.quantity}</th><th class="r">${t.sales.gross}</th><th class="r">${t.sales.discounts}</th><th class="r">${t.sales.refunds}</th><th class="r">${t.sales.net}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-item=${r.itemId}><td>${r.name}</td><td class="r">${qty(r.quantityMilli - r.refundedQuantityMilli)}</td><td class="r">${m(r.grossSales)}</td><td class="r">${m(r.discounts)}</td><td class="r">${m(r.refunds)}</td><td class="r"><strong>${m(r.netSales)}</strong></td></tr>`)}</tbody>
      </table>`;
    }
    if (this.tab === "categories") {
      const rows = this.categories;
      if (!rows) return html`<div class="loading">${t.common.loading}</div>`;
      if (rows.length === 0) return html`<div class="empty">${t.sales.empty}</div>`;
      return html`<table data-testid="sales-categories">
        <thead><tr><th>${t.sales.category}</th><th class="r">${t.sales.quantity}</th><th class="r">${t.sales.gross}</th><th class="r">${t.sales.discounts}</th><th class="r">${t.sales.refunds}</th><th class="r">${t.sales.net}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${r.name}</td><td class="r">${qty(r.quantityMilli)}</td><td class="r">${m(r.grossSales)}</td><td class="r">${m(r.discounts)}</td><td class="r">${m(r.refunds)}</td><td class="r"><strong>${m(r.netSales)}</strong></td></tr>`)}</tbody>
      </table>`;
    }
    const rows = this.payments;
    if (!rows) return html`<div class="loading">${t.common.loading}</div>`;
    if (rows.length === 0) return html`<div class="empty">${t.sales.empty}</div>`;
    return html`<table data-testid="sales-payments">
      <thead><tr><th>${t.sales.payment}</th><th class="r">${t.sales.payments_n}</th><th class="r">${t.sales.amount}</th><th class="r">${t.sales.refundAmount}</th><th class="r">${t.sales.netAmount}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><td>${r.name}</td><td class="r">${count(r.payments)}</td><td class="r">${m(r.amount)}</td><td class="r">${m(r.refundAmount)}</td><td class="r"><strong>${m(r.netAmount)}</strong></td></tr>`)}</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-sales-page": BoSalesPage;
  }
}
