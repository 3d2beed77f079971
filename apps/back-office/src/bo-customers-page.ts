import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type CustomerInput, type CustomerView, type PointsEntry } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { icons } from "./icons.js";
import { NavigateEvent } from "./router.js";
import { SessionExpiredEvent } from "./app-events.js";
import { dateTime } from "./store-format.js";
import { t } from "./strings.js";

interface Draft {
  /** undefined: a new customer. */
  readonly customerId: string | undefined;
  readonly requestId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly code: string;
  readonly note: string;
}

const FIELDS = ["name", "email", "phone", "code", "note"] as const;

/** The relay's codes for a refused save, in the owner's words. */
function saveError(code: string, message: string): string {
  switch (code) {
    case "CUSTOMER_EMAIL_TAKEN":
      return t.customers.EMAIL_TAKEN;
    case "CUSTOMER_PHONE_TAKEN":
      return t.customers.PHONE_TAKEN;
    case "CUSTOMER_CODE_TAKEN":
      return t.customers.CODE_TAKEN;
    case "EMAIL_INVALID":
      return t.customers.EMAIL_INVALID;
    case "PHONE_INVALID":
      return t.customers.PHONE_INVALID;
    default:
      return message;
  }
}

/** Customers: search the list, add and edit (unique e-mail/phone/code, checked by the relay), points balance and history. */
@customElement("bo-customers-page")
export class BoCustomersPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 380px;
        gap: 16px;
        align-items: start;
      }
      .layout.single {
        grid-template-columns: minmax(0, 1fr);
      }
      .toolbar input[type="search"] {
        width: min(360px, 100%);
      }
      .toolbar .count {
        margin-left: auto;
        color: var(--bo-text-3);
        font-size: 13px;
        align-self: center;
      }
      tr[aria-selected="true"] td {
        background: var(--bo-primary-soft);
      }
      tr[aria-selected="true"] td:first-child {
        box-shadow: inset 3px 0 0 var(--bo-primary);
      }
      td .who {
        font-weight: 550;
      }
      .panel {
        padding: 20px;
      }
      .panel h2 {
        margin: 0;
        font-size: 18px;
        font-weight: 650;
      }
      .panel .head {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        margin-bottom: 14px;
      }
      .panel .head > div {
        flex: 1;
        min-width: 0;
      }
      .balance {
        display: flex;
        align-items: baseline;
        gap: 8px;
        padding: 14px 16px;
        border-radius: var(--bo-radius);
        background: var(--bo-primary-soft);
        color: var(--bo-primary);
        margin: 14px 0;
      }
      .balance strong {
        font-size: 26px;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      dl {
        display: grid;
        grid-template-columns: 120px 1fr;
        gap: 6px 12px;
        margin: 0;
        font-size: 14px;
      }
      dt {
        color: var(--bo-text-3);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      h3 {
        margin: 18px 0 8px;
        font-size: 13px;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--bo-text-3);
      }
      .history td {
        padding: 8px 0;
        font-size: 13.5px;
      }
      .plus {
        color: #15803d;
        font-weight: 600;
      }
      .minus {
        color: var(--bo-danger);
        font-weight: 600;
      }
      form {
        display: grid;
        gap: 12px;
      }
      form input,
      form textarea {
        width: 100%;
      }
      textarea {
        min-height: 64px;
        border: 1px solid var(--bo-border-strong);
        border-radius: var(--bo-radius);
        padding: 8px 10px;
        font: inherit;
        font-size: 14px;
        resize: vertical;
      }
      .form-actions {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
      }
      .form-error {
        color: var(--bo-danger);
        font-size: 13.5px;
      }
      .narrow-only {
        display: none;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      @media (max-width: 700px) {
        .contact-col {
          display: none;
        }
        .narrow-only {
          display: block;
        }
        th,
        td {
          padding-left: 12px;
          padding-right: 12px;
        }
      }
    `,
  ];

  @property() storeId = "";
  /** The customer shown in the side panel (from the URL: #/customers/<id>). */
  @property() customerId: string | undefined;

  @state() private customers: CustomerView[] | undefined;
  @state() private total = 0;
  @state() private query = "";
  @state() private detail: { customer: CustomerView; history: PointsEntry[] } | undefined;
  @state() private draft: Draft | undefined;
  @state() private formError = "";
  @state() private error = "";
  @state() private saving = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId) void this.loadList();
    if ((changed.has("customerId") || changed.has("storeId")) && this.storeId) void this.loadDetail();
  }

  private fail(e: unknown): string {
    const err = asApiError(e);
    if (err.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
    return err.message;
  }

  private async loadList(): Promise<void> {
    try {
      const r = await api.customers(this.storeId, this.query);
      this.customers = r.customers;
      this.total = r.total;
      this.error = "";
    } catch (e) {
      this.error = this.fail(e);
    }
  }

  private async loadDetail(): Promise<void> {
    if (!this.customerId) {
      this.detail = undefined;
      return;
    }
    try {
      this.detail = await api.customer(this.storeId, this.customerId);
    } catch (e) {
      this.detail = undefined;
      this.error = this.fail(e);
    }
  }

  private onSearch(value: string): void {
    this.query = value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadList(), 200);
  }

  private open(customerId: string | undefined): void {
    this.draft = undefined;
    this.dispatchEvent(new NavigateEvent(customerId ? { page: "customers", customerId } : { page: "customers" }));
  }

  private startDraft(c: CustomerView | undefined): void {
    this.formError = "";
    this.draft = {
      customerId: c?.customerId,
      requestId: `bo-${crypto.randomUUID()}`,
      name: c?.name ?? "",
      email: c?.email ?? "",
      phone: c?.phone ?? "",
      code: c?.code ?? "",
      note: c?.note ?? "",
    };
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.draft;
    if (!d || this.saving) return;
    if (!d.name.trim()) {
      this.formError = t.customers.nameRequired;
      return;
    }
    const input: CustomerInput = {
      requestId: d.requestId,
      name: d.name.trim(),
      ...(d.email.trim() ? { email: d.email.trim() } : {}),
      ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
      ...(d.code.trim() ? { code: d.code.trim() } : {}),
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    };
    this.saving = true;
    try {
      const { customer } = d.customerId ? await api.updateCustomer(this.storeId, d.customerId, input) : await api.createCustomer(this.storeId, input);
      this.draft = undefined;
      this.formError = "";
      await this.loadList();
      if (customer.customerId === this.customerId) await this.loadDetail();
      else this.open(customer.customerId);
    } catch (err) {
      const a = asApiError(err);
      if (a.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
      this.formError = saveError(a.code, a.message);
    } finally {
      this.saving = false;
    }
  }

  override render(): TemplateResult {
    const side = this.draft ? this.renderForm(this.draft) : this.detail ? this.renderDetail(this.detail.customer, this.detail.history) : undefined;
    return html`<div class="page-header">
        <div><h1>${t.customers.title}</h1><p>${t.customers.lead}</p></div>
        <div class="actions"><button class="btn primary" data-testid="customer-add" @click=${() => this.startDraft(undefined)}>${icons.plus}${t.customers.add}</button></div>
      </div>
      ${this.error ? html`<div class="banner"><span class="grow">${this.error}</span></div>` : nothing}
      <div class="toolbar">
        <input type="search" data-testid="customer-search" placeholder=${t.customers.search} aria-label=${t.customers.search} .value=${this.query} @input=${(e: Event) => this.onSearch((e.target as HTMLInputElement).value)} />
        ${this.customers ? html`<span class="count">${this.total} ${t.customers.count}</span>` : nothing}
      </div>
      <div class="layout ${side ? "" : "single"}">
        <div class="card">${this.renderList()}</div>
        ${side ? html`<div class="card panel">${side}</div>` : nothing}
      </div>`;
  }

  private renderList(): TemplateResult {
    const list = this.customers;
    if (!list) return html`<div class="loading">${t.common.loading}</div>`;
    if (list.length === 0) return html`<div class="empty">${this.query ? t.customers.noMatch : t.customers.empty}</div>`;
    return html`<table data-testid="customers-table">
      <thead>
        <tr><th>${t.customers.name}</th><th class="contact-col">${t.customers.contact}</th><th class="r">${t.customers.points}</th></tr>
      </thead>
      <tbody>
        ${list.map(
          (c) => html`<tr class="clickable" data-testid="customer-row" data-customer=${c.customerId} aria-selected=${c.customerId === this.customerId ? "true" : "false"} @click=${() => this.open(c.customerId)}>
            <td><div class="who">${c.name}</div>${c.code ? html`<div class="sub mono">${c.code}</div>` : nothing}${c.email || c.phone ? html`<div class="sub narrow-only">${c.email ?? c.phone}</div>` : nothing}</td>
            <td class="contact-col">${c.email || c.phone ? html`${c.email ? html`<div>${c.email}</div>` : nothing}${c.phone ? html`<div class="sub">${c.phone}</div>` : nothing}` : "—"}</td>
            <td class="r" data-testid="customer-points">${c.points}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderDetail(c: CustomerView, history: readonly PointsEntry[]): TemplateResult {
    return html`<div data-testid="customer-detail">
      <div class="head">
        <div><h2>${c.name}</h2><div class="sub">${t.customers.since} ${dateTime(c.createdAt)}</div></div>
        <button class="btn small" data-testid="customer-edit" @click=${() => this.startDraft(c)}>${t.customers.edit}</button>
        <button class="btn small ghost" aria-label=${t.customers.close} @click=${() => this.open(undefined)}>${icons.x}</button>
      </div>
      <dl>
        <dt>${t.customers.email}</dt><dd>${c.email ?? "—"}</dd>
        <dt>${t.customers.phone}</dt><dd>${c.phone ?? "—"}</dd>
        <dt>${t.customers.code}</dt><dd class="mono">${c.code ?? "—"}</dd>
        ${c.note ? html`<dt>${t.customers.note}</dt><dd>${c.note}</dd>` : nothing}
      </dl>
      <div class="balance"><strong data-testid="customer-balance">${c.points}</strong><span>${t.customers.balance}</span></div>
      <h3>${t.customers.history}</h3>
      ${history.length === 0
        ? html`<div class="sub">${t.customers.noHistory}</div>`
        : html`<table class="history" data-testid="points-history">
            <tbody>
              ${history.map(
                (h) => html`<tr data-testid="points-entry" data-kind=${h.kind}>
                  <td>${h.kind === "earned"
                    ? html`${t.customers.earned} <span class="mono">${h.receiptNumber}</span>`
                    : h.kind === "taken-back"
                      ? html`${t.customers.takenBack} ${h.receiptNumber ? html`<span class="mono">${h.receiptNumber}</span>` : nothing}`
                      : t.customers.redeemed}<div class="sub">${dateTime(h.at)}</div></td>
                  <td class="r ${h.points >= 0 ? "plus" : "minus"}">${h.points >= 0 ? `+${h.points}` : `−${-h.points}`}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </div>`;
  }

  private renderForm(d: Draft): TemplateResult {
    const input = (key: (typeof FIELDS)[number], type = "text") =>
      html`<label class="field"
        >${t.customers[key]}<input
          type=${type}
          name=${key}
          data-testid="customer-${key}"
          .value=${d[key]}
          @input=${(e: Event) => (this.draft = { ...d, [key]: (e.target as HTMLInputElement).value })}
      /></label>`;
    return html`<form data-testid="customer-form" @submit=${(e: Event) => this.save(e)} novalidate>
      <div class="head"><div><h2>${d.customerId ? t.customers.edit : t.customers.add}</h2></div></div>
      ${input("name")} ${input("email", "email")} ${input("phone", "tel")} ${input("code")}
      <label class="field"
        >${t.customers.note}<textarea data-testid="customer-note" .value=${d.note} @input=${(e: Event) => (this.draft = { ...d, note: (e.target as HTMLTextAreaElement).value })}></textarea
      ></label>
      ${this.formError ? html`<div class="form-error" role="alert" data-testid="customer-error">${this.formError}</div>` : nothing}
      <div class="form-actions">
        <button type="button" class="btn" @click=${() => ((this.draft = undefined), (this.formError = ""))}>${t.customers.cancel}</button>
        <button type="submit" class="btn primary" data-testid="customer-save" ?disabled=${this.saving}>${t.customers.save}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-customers-page": BoCustomersPage;
  }
}
