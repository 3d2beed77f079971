import { LitElement, css, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type CatalogView, type StoreSettings } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { money } from "./store-format.js";
import { t } from "./strings.js";

interface Draft {
  id: string;
  name: string;
  price: string;
  taxId: string;
  categoryId: string;
  isNew: boolean;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 48) || `item-${Date.now()}`;

/** Items of the catalog: add, edit name/price/tax/category, delete. Written to the store document. */
@customElement("bo-items-page")
export class BoItemsPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .form {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        align-items: flex-end;
        padding: 16px;
        margin-bottom: 16px;
      }
      .form input[name="name"] {
        width: 220px;
      }
      .form input[name="price"] {
        width: 110px;
      }
    `,
  ];
  @property() storeId = "";
  @state() private catalog: CatalogView | undefined;
  @state() private currency = "PLN";
  @state() private draft: Draft | undefined;
  @state() private error = "";

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [c, s]: [{ catalog: CatalogView }, { settings: StoreSettings }] = await Promise.all([api.catalog(this.storeId), api.settings(this.storeId)]);
      this.catalog = c.catalog;
      this.currency = s.settings.currency;
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private async save(): Promise<void> {
    const d = this.draft!;
    const price = Math.round(Number(d.price.replace(",", ".")) * 100);
    if (!d.name.trim() || !Number.isFinite(price) || price < 0) {
      this.error = t.items.invalid;
      return;
    }
    try {
      await api.putItem(this.storeId, { id: d.isNew ? slug(d.name) : d.id, name: d.name.trim(), price, taxIds: d.taxId ? [d.taxId] : [], ...(d.categoryId ? { categoryId: d.categoryId } : {}) });
      this.draft = undefined;
      this.error = "";
      await this.load();
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private async deleteItem(id: string): Promise<void> {
    try {
      await api.deleteItem(this.storeId, id);
      await this.load();
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  override render(): TemplateResult {
    const c = this.catalog;
    const d = this.draft;
    const items = c ? Object.values(c.items).sort((a, b) => a.name.localeCompare(b.name)) : [];
    return html`<div class="page-header">
        <div><h1>${t.items.title}</h1><p>${t.items.lead}</p></div>
        <div class="actions">${!d ? html`<button class="btn primary" data-testid="item-add" @click=${() => (this.draft = { id: "", name: "", price: "", taxId: Object.keys(c?.taxes ?? {})[0] ?? "", categoryId: "", isNew: true })}>${t.items.add}</button>` : ""}</div>
      </div>
      ${this.error ? html`<div class="banner"><span class="grow">${this.error}</span></div>` : ""}
      ${d && c
        ? html`<div class="card form" data-testid="item-form">
            <label class="field">${t.items.name}<input name="name" data-testid="item-name" .value=${d.name} @input=${(e: Event) => (this.draft = { ...d, name: (e.target as HTMLInputElement).value })} /></label>
            <label class="field">${t.items.price} (${this.currency})<input name="price" inputmode="decimal" data-testid="item-price" .value=${d.price} @input=${(e: Event) => (this.draft = { ...d, price: (e.target as HTMLInputElement).value })} /></label>
            <label class="field">${t.items.tax}<select @change=${(e: Event) => (this.draft = { ...d, taxId: (e.target as HTMLSelectElement).value })}>
              <option value="">—</option>${Object.values(c.taxes).map((x) => html`<option value=${x.id} ?selected=${d.taxId === x.id}>${x.name}</option>`)}</select></label>
            <label class="field">${t.items.category}<select @change=${(e: Event) => (this.draft = { ...d, categoryId: (e.target as HTMLSelectElement).value })}>
              <option value="">—</option>${Object.values(c.categories).map((x) => html`<option value=${x.id} ?selected=${d.categoryId === x.id}>${x.name}</option>`)}</select></label>
            <button class="btn primary" data-testid="item-save" @click=${() => this.save()}>${t.items.save}</button>
            <button class="btn" @click=${() => (this.draft = undefined)}>${t.items.cancel}</button>
          </div>`
        : ""}
      <div class="card">
        ${!c
          ? html`<div class="loading">${t.common.loading}</div>`
          : html`<table data-testid="items-table">
              <thead><tr><th>${t.items.name}</th><th>${t.items.category}</th><th>${t.items.tax}</th><th class="r">${t.items.price}</th><th></th></tr></thead>
              <tbody>
                ${items.map(
                  (i) => html`<tr data-testid="item-row" data-item=${i.id}>
                    <td>${i.name}${i.variants?.length ? html` <span class="sub">· ${i.variants.length} ${t.items.variants}</span>` : ""}</td>
                    <td>${(i.categoryId && c.categories[i.categoryId]?.name) || "—"}</td>
                    <td>${i.taxIds.map((x) => c.taxes[x]?.name ?? x).join(", ") || "—"}</td>
                    <td class="r">${money(i.price, this.currency)}</td>
                    <td class="r">
                      <button class="btn small ghost" @click=${() => (this.draft = { id: i.id, name: i.name, price: (i.price / 100).toFixed(2), taxId: i.taxIds[0] ?? "", categoryId: i.categoryId ?? "", isNew: false })}>${t.items.edit}</button>
                      <button class="btn small ghost" @click=${() => this.deleteItem(i.id)}>${t.items.remove}</button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-items-page": BoItemsPage;
  }
}
