import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type CatalogListKind, type CatalogView } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { icons } from "./icons.js";
import { SessionExpiredEvent } from "./app-events.js";
import { LIST_SPECS, newEntryId, type Draft, type FieldSpec } from "./catalog-lists.js";
import { t } from "./strings.js";

/** One catalog list — categories, taxes, discounts or payment types — with add, edit and delete (written to the store document). */
@customElement("bo-catalog-list-page")
export class BoCatalogListPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .form {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: flex-end;
        padding: 16px;
        margin-bottom: 16px;
      }
      .form input[type="text"] {
        width: 240px;
      }
      .form input[type="color"] {
        width: 56px;
        padding: 2px 4px;
      }
      .form input.number {
        width: 140px;
      }
      label.check {
        flex-direction: row;
        align-items: center;
        gap: 8px;
        height: 36px;
        color: var(--bo-text-2);
        font-size: 14px;
      }
      label.check input {
        height: auto;
      }
      .swatch {
        display: inline-block;
        width: 12px;
        height: 12px;
        border-radius: 4px;
        margin-right: 8px;
        vertical-align: -1px;
        box-shadow: inset 0 0 0 1px rgb(0 0 0 / 0.1);
      }
      td {
        vertical-align: middle;
      }
      td.actions {
        text-align: right;
        white-space: nowrap;
        width: 1%;
      }
      .confirm {
        color: var(--bo-danger);
        font-size: 13.5px;
        margin-right: 6px;
      }
      .btn.danger {
        background: var(--bo-danger);
        border-color: var(--bo-danger);
        color: #fff;
      }
      @media (max-width: 700px) {
        th,
        td {
          padding-left: 10px;
          padding-right: 10px;
        }
        td.actions {
          white-space: normal;
        }
        td.actions .btn {
          display: flex;
          margin-left: auto;
        }
        .form input[type="text"] {
          width: 100%;
        }
      }
      .form-error {
        flex-basis: 100%;
        color: var(--bo-danger);
        font-size: 13.5px;
      }
    `,
  ];

  @property() storeId = "";
  @property() kind: CatalogListKind = "categories";

  @state() private catalog: CatalogView | undefined;
  @state() private currency = "PLN";
  /** The entry being edited ("" for a new one) and its form values. */
  @state() private editing: { id: string; draft: Draft } | undefined;
  @state() private confirmDelete = "";
  @state() private formError = "";
  @state() private error = "";

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("storeId") || changed.has("kind")) && this.storeId) {
      this.editing = undefined;
      this.confirmDelete = "";
      this.error = "";
      void this.load();
    }
  }

  private fail(e: unknown): string {
    const err = asApiError(e);
    if (err.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
    const known = (t.catalog as Record<string, unknown>)[err.code];
    return typeof known === "string" ? known : err.message;
  }

  private async load(): Promise<void> {
    try {
      const [c, s] = await Promise.all([api.catalog(this.storeId), api.settings(this.storeId)]);
      this.catalog = c.catalog;
      this.currency = s.settings.currency;
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  private entries(): Record<string, unknown>[] {
    const table = (this.catalog as unknown as Record<string, Record<string, Record<string, unknown>> | undefined> | undefined)?.[this.kind] ?? {};
    return Object.values(table).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const spec = LIST_SPECS[this.kind];
    const ed = this.editing;
    if (!ed) return;
    const entry = spec.toEntry(ed.draft);
    if (typeof entry === "string") {
      this.formError = entry;
      return;
    }
    const id = ed.id || newEntryId(String(entry.name), new Set(this.entries().map((x) => String(x.id))));
    try {
      await api.putCatalogEntry(this.storeId, this.kind, id, entry);
      this.editing = undefined;
      this.formError = "";
      await this.load();
    } catch (err) {
      this.formError = this.fail(err);
    }
  }

  private async deleteEntry(id: string): Promise<void> {
    this.confirmDelete = "";
    try {
      await api.deleteCatalogEntry(this.storeId, this.kind, id);
      this.error = "";
      await this.load();
    } catch (err) {
      this.error = this.fail(err);
    }
  }

  override render(): TemplateResult {
    const spec = LIST_SPECS[this.kind];
    const entries = this.entries();
    return html`<div class="page-header">
        <div><h1>${spec.title}</h1><p>${spec.lead}</p></div>
        <div class="actions">
          ${!this.editing
            ? html`<button class="btn primary" data-testid="catalog-add" @click=${() => ((this.editing = { id: "", draft: spec.emptyDraft() }), (this.formError = ""))}>${icons.plus}${spec.add}</button>`
            : nothing}
        </div>
      </div>
      ${this.error ? html`<div class="banner" role="alert" data-testid="catalog-error"><span class="grow">${this.error}</span></div>` : nothing}
      ${this.editing ? this.renderForm(this.editing.draft) : nothing}
      <div class="card">
        ${!this.catalog
          ? html`<div class="loading">${t.common.loading}</div>`
          : entries.length === 0
            ? html`<div class="empty">${t.catalog.empty}</div>`
            : html`<table data-testid="catalog-table">
                <thead>
                  <tr>${spec.columns.map((c) => html`<th>${c}</th>`)}<th></th></tr>
                </thead>
                <tbody>
                  ${entries.map((e) => this.renderRow(e))}
                </tbody>
              </table>`}
      </div>`;
  }

  private renderRow(e: Record<string, unknown>): TemplateResult {
    const spec = LIST_SPECS[this.kind];
    const id = String(e.id);
    const cells = spec.cells(e, { catalog: this.catalog!, currency: this.currency });
    return html`<tr data-testid="catalog-row" data-id=${id}>
      ${cells.map((c, i) => html`<td>${i === 0 && typeof e.color === "string" ? html`<span class="swatch" style="background:${e.color}"></span>` : nothing}${c}</td>`)}
      <td class="actions">
        ${this.confirmDelete === id
          ? html`<span class="confirm">${t.catalog.confirmRemove}</span>
              <button class="btn small danger" data-testid="catalog-delete-confirm" @click=${() => this.deleteEntry(id)}>${t.catalog.yes}</button>
              <button class="btn small" @click=${() => (this.confirmDelete = "")}>${t.catalog.no}</button>`
          : html`<button class="btn small ghost" data-testid="catalog-edit" @click=${() => ((this.editing = { id, draft: spec.draftOf(e, this.currency) }), (this.formError = ""))}>${t.catalog.edit}</button>
              <button class="btn small ghost" data-testid="catalog-delete" @click=${() => (this.confirmDelete = id)}>${t.catalog.remove}</button>`}
      </td>
    </tr>`;
  }

  private renderForm(d: Draft): TemplateResult {
    const spec = LIST_SPECS[this.kind];
    const set = (key: string, value: string | boolean) => (this.editing = { ...this.editing!, draft: { ...d, [key]: value } });
    const field = (f: FieldSpec) => {
      if (f.when && !f.when(d)) return nothing;
      switch (f.type) {
        case "select":
          return html`<label class="field"
            >${f.label}<select data-testid="catalog-field-${f.key}" @change=${(e: Event) => set(f.key, (e.target as HTMLSelectElement).value)}>
              ${f.options!.map((o) => html`<option value=${o.value} ?selected=${d[f.key] === o.value}>${o.label}</option>`)}
            </select></label
          >`;
        case "checkbox":
          return html`<label class="field check"
            ><input type="checkbox" data-testid="catalog-field-${f.key}" .checked=${d[f.key] === true} @change=${(e: Event) => set(f.key, (e.target as HTMLInputElement).checked)} />${f.label}</label
          >`;
        default:
          return html`<label class="field"
            >${f.label}<input
              type=${f.type === "number" ? "text" : f.type}
              class=${f.type === "number" ? "number" : ""}
              inputmode=${f.type === "number" ? "decimal" : "text"}
              placeholder=${f.placeholder ?? ""}
              data-testid="catalog-field-${f.key}"
              .value=${String(d[f.key] ?? "")}
              @input=${(e: Event) => set(f.key, (e.target as HTMLInputElement).value)}
          /></label>`;
      }
    };
    return html`<form class="card form" data-testid="catalog-form" @submit=${(e: Event) => this.save(e)} novalidate>
      ${spec.fields.map(field)}
      <button type="submit" class="btn primary" data-testid="catalog-save">${t.catalog.save}</button>
      <button type="button" class="btn" @click=${() => ((this.editing = undefined), (this.formError = ""))}>${t.catalog.cancel}</button>
      ${this.formError ? html`<div class="form-error" role="alert" data-testid="catalog-form-error">${this.formError}</div>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-catalog-list-page": BoCatalogListPage;
  }
}
