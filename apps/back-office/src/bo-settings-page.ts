import { LitElement, css, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type StoreSettings } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { t } from "./strings.js";

/** The store's settings as the relay holds them; "Edit" writes the store document (registers get it at once). */
@customElement("bo-settings-page")
export class BoSettingsPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: 220px 1fr;
        margin: 0;
      }
      dt,
      dd {
        margin: 0;
        padding: 13px 20px;
        border-bottom: 1px solid var(--bo-border);
        display: flex;
        align-items: center;
        min-height: 50px;
      }
      dt {
        color: var(--bo-text-3);
        font-weight: 500;
      }
      dt:last-of-type,
      dd:last-of-type {
        border-bottom: 0;
      }
      dd input[type="text"] {
        width: min(420px, 100%);
      }
      .saved {
        color: #15803d;
        font-size: 13px;
      }
    `,
  ];
  @property() storeId = "";
  @state() private settings: StoreSettings | undefined;
  @state() private editing = false;
  @state() private draft: StoreSettings | undefined;
  @state() private error = "";
  @state() private saved = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId)
      api.settings(this.storeId).then(
        (r) => (this.settings = r.settings),
        (e: unknown) => (this.error = asApiError(e).message),
      );
  }

  private async save(): Promise<void> {
    const d = this.draft;
    if (!d) return;
    try {
      const { settings } = await api.updateSettings(this.storeId, { name: d.name, currency: d.currency, timeZone: d.timeZone, locale: d.locale, useShifts: d.useShifts, ticketNames: [...d.ticketNames] });
      this.settings = { ...this.settings!, ...settings, ticketNames: settings.ticketNames ?? [] };
      this.editing = false;
      this.saved = true;
      this.error = "";
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private field(key: "name" | "currency" | "timeZone" | "locale"): TemplateResult {
    return html`<input type="text" data-testid="edit-${key}" .value=${this.draft![key]} @input=${(e: Event) => (this.draft = { ...this.draft!, [key]: (e.target as HTMLInputElement).value })} />`;
  }

  override render(): TemplateResult {
    const s = this.settings;
    const e = this.editing && this.draft;
    const rows: [string, TemplateResult | string][] = s
      ? [
          [t.settings.name, e ? this.field("name") : s.name],
          [t.settings.currency, e ? this.field("currency") : s.currency],
          [t.settings.timeZone, e ? this.field("timeZone") : s.timeZone],
          [t.settings.locale, e ? this.field("locale") : s.locale],
          [t.settings.useShifts, e ? html`<input type="checkbox" data-testid="edit-useShifts" .checked=${this.draft!.useShifts} @change=${(ev: Event) => (this.draft = { ...this.draft!, useShifts: (ev.target as HTMLInputElement).checked })} />` : s.useShifts ? t.settings.yes : t.settings.no],
          [
            t.settings.ticketNames,
            e
              ? html`<input type="text" data-testid="edit-ticketNames" placeholder="Table 1, Table 2" .value=${this.draft!.ticketNames.join(", ")} @input=${(ev: Event) => (this.draft = { ...this.draft!, ticketNames: (ev.target as HTMLInputElement).value.split(",").map((x) => x.trim()).filter(Boolean) })} />`
              : s.ticketNames.length
                ? s.ticketNames.join(", ")
                : t.settings.none,
          ],
        ]
      : [];
    return html`<div class="page-header">
        <div><h1>${t.settings.title}</h1><p>${t.settings.lead}</p></div>
        <div class="actions">
          ${this.saved && !this.editing ? html`<span class="saved" data-testid="settings-saved">${t.settings.saved}</span>` : ""}
          ${s && !this.editing ? html`<button class="btn" data-testid="settings-edit" @click=${() => ((this.draft = { ...s }), (this.editing = true), (this.saved = false))}>${t.settings.edit}</button>` : ""}
          ${this.editing
            ? html`<button class="btn" @click=${() => (this.editing = false)}>${t.settings.cancel}</button><button class="btn primary" data-testid="settings-save" @click=${() => this.save()}>${t.settings.save}</button>`
            : ""}
        </div>
      </div>
      ${this.error ? html`<div class="banner"><span class="grow">${this.error}</span></div>` : ""}
      <div class="card">
        ${!s ? html`<div class="loading">${t.common.loading}</div>` : html`<dl data-testid="settings">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-settings-page": BoSettingsPage;
  }
}
