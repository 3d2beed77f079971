import { LitElement, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type OutboxRow } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { dateTime } from "./store-format.js";
import { icons } from "./icons.js";
import { t } from "./strings.js";

/** E-mail receipts and their delivery state; refreshes every few seconds while open. */
@customElement("bo-outbox-page")
export class BoOutboxPage extends LitElement {
  static override styles = [base, pageHeader, reportStyles];
  @property() storeId = "";
  @state() private rows: OutboxRow[] | undefined;
  @state() private error = "";
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.load(), 3_000);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.rows = (await api.outbox(this.storeId)).messages;
      this.error = "";
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  override render(): TemplateResult {
    const rows = this.rows;
    const pill = (s: OutboxRow["state"]) => html`<span class="pill ${s === "sent" ? "good" : s === "failed" ? "bad" : "wait"}" data-testid="outbox-state">${t.outbox[s]}</span>`;
    return html`<div class="page-header"><div><h1>${t.outbox.title}</h1><p>${t.outbox.lead}</p></div>
        <div class="actions"><button class="btn" @click=${() => this.load()}>${icons.refresh}${t.common.refresh}</button></div></div>
      <div class="card">
        ${this.error
          ? html`<div class="error">${this.error}</div>`
          : !rows
            ? html`<div class="loading">${t.common.loading}</div>`
            : rows.length === 0
              ? html`<div class="empty">${t.outbox.empty}</div>`
              : html`<table data-testid="outbox-table">
                  <thead><tr><th>${t.outbox.to}</th><th>${t.outbox.receipt}</th><th>${t.outbox.requested}</th><th>${t.outbox.state}</th><th class="r">${t.outbox.attempts}</th><th>${t.outbox.error}</th></tr></thead>
                  <tbody>
                    ${rows.map(
                      (r) => html`<tr data-testid="outbox-row" data-state=${r.state}>
                        <td>${r.email}</td><td class="mono">${r.receiptNumber}</td><td>${dateTime(r.requestedAt)}</td><td>${pill(r.state)}</td><td class="r">${r.attempts}</td><td class="sub">${r.lastError ?? ""}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-outbox-page": BoOutboxPage;
  }
}
