import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError, type ApiError, type ReceiptRow, type SaleEvent } from "./api.js";
import { base } from "./styles.js";
import { icons } from "./icons.js";
import { SessionExpiredEvent } from "./app-events.js";
import { count, dateTimeSeconds, money, quantity, registerLabel, syncDelay } from "./store-format.js";
import { receiptView } from "./receipt-view.js";
import { t } from "./strings.js";
import "./bo-state-message.js";

/** Side panel with one receipt: lines, taxes, payments and change, and both timestamps. */
@customElement("bo-receipt-detail")
export class BoReceiptDetail extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        /* Below the top bar (60px + border), so store switcher, live status and sign out stay in reach. */
        position: fixed;
        top: 61px;
        right: 0;
        bottom: 0;
        z-index: 40;
        width: min(460px, 100vw);
      }
      .panel {
        height: 100%;
        display: flex;
        flex-direction: column;
        background: var(--bo-surface);
        border-left: 1px solid var(--bo-border);
        box-shadow: var(--bo-shadow-lg);
        animation: slide-in 0.18s ease-out;
      }
      @keyframes slide-in {
        from {
          transform: translateX(24px);
          opacity: 0;
        }
      }
      header {
        display: flex;
        align-items: flex-start;
        gap: 12px;
        padding: 18px 20px 16px 24px;
        border-bottom: 1px solid var(--bo-border);
      }
      header .titles {
        flex: 1;
        min-width: 0;
      }
      .eyebrow {
        font-size: 12px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--bo-text-3);
      }
      h2 {
        margin: 2px 0 0;
        font-size: 20px;
        font-weight: 650;
        letter-spacing: -0.01em;
        font-variant-numeric: tabular-nums;
      }
      .sub {
        margin-top: 2px;
        color: var(--bo-text-3);
        font-size: 13px;
      }
      .body {
        flex: 1;
        overflow-y: auto;
        padding: 20px 24px 28px;
      }
      .hero {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 12px;
        padding-bottom: 18px;
        border-bottom: 1px solid var(--bo-border);
      }
      .hero .amount {
        font-size: 30px;
        font-weight: 650;
        letter-spacing: -0.02em;
        font-variant-numeric: tabular-nums;
      }
      .hero .paid {
        color: var(--bo-text-3);
      }
      section {
        padding: 18px 0;
        border-bottom: 1px solid var(--bo-border);
      }
      section:last-child {
        border-bottom: 0;
      }
      h3 {
        margin: 0 0 12px;
        font-size: 12px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--bo-text-3);
      }
      .times {
        display: grid;
        gap: 12px;
      }
      .time {
        display: grid;
        grid-template-columns: 28px 1fr;
        gap: 2px 10px;
        align-items: start;
      }
      .time .ico {
        grid-row: span 2;
        display: grid;
        place-items: center;
        width: 28px;
        height: 28px;
        border-radius: 7px;
        background: #f3f4f6;
        color: var(--bo-text-3);
      }
      .time .label {
        font-size: 12.5px;
        color: var(--bo-text-3);
      }
      .time .value {
        font-weight: 500;
        font-variant-numeric: tabular-nums;
      }
      .delay {
        display: inline-flex;
        margin-left: 6px;
        padding: 0 6px;
        border-radius: 5px;
        font-size: 12px;
        font-weight: 500;
        color: var(--bo-warn);
        background: var(--bo-warn-soft);
      }
      .offline-note {
        margin-top: 10px;
        padding: 9px 12px;
        border-radius: var(--bo-radius);
        background: var(--bo-warn-soft);
        color: #92400e;
        font-size: 13px;
        display: flex;
        gap: 8px;
        align-items: flex-start;
      }
      .offline-note .icon {
        margin-top: 1px;
      }
      .line {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 2px 12px;
        padding: 8px 0;
      }
      .line + .line {
        border-top: 1px dashed #eceef1;
      }
      .line .name {
        font-weight: 500;
      }
      .line .qty {
        grid-column: 1;
        font-size: 13px;
        color: var(--bo-text-3);
        font-variant-numeric: tabular-nums;
      }
      .line .note {
        grid-column: 1;
        font-size: 12.5px;
        color: var(--bo-text-3);
      }
      .line .note.discount {
        color: var(--bo-success);
      }
      .line .amt-minor {
        grid-column: 2;
        text-align: right;
        font-size: 12.5px;
        color: var(--bo-success);
        font-variant-numeric: tabular-nums;
      }
      .line .amt {
        grid-row: 1;
        grid-column: 2;
        text-align: right;
        font-weight: 500;
        font-variant-numeric: tabular-nums;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px 0;
      }
      dd {
        padding-left: 12px;
      }
      dt {
        color: var(--bo-text-2);
      }
      dd {
        margin: 0;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      dt.minor,
      dd.minor {
        color: var(--bo-text-3);
        font-size: 13px;
      }
      dt.minor {
        padding-left: 12px;
      }
      .mode {
        font-size: 11.5px;
        color: var(--bo-text-4);
        margin-left: 4px;
      }
      dt.grand,
      dd.grand {
        padding-top: 10px;
        border-top: 1px solid var(--bo-border);
        font-weight: 650;
        font-size: 15px;
        color: var(--bo-text);
      }
      .pay-type {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-weight: 500;
        color: var(--bo-text);
      }
      .pay-type .icon {
        color: var(--bo-text-3);
      }
      .meta {
        font-size: 12px;
        color: var(--bo-text-4);
        word-break: break-all;
      }
      .loading {
        display: grid;
        gap: 14px;
        padding-top: 6px;
      }
      @media (max-width: 700px) {
        :host {
          top: 0;
          width: 100vw;
        }
        .panel {
          border-left: 0;
        }
        .body {
          padding: 16px 18px 24px;
        }
        header {
          padding: 14px 14px 12px 18px;
        }
      }
    `,
  ];

  @property() storeId = "";
  @property() eventId = "";
  /** The list row, when loaded: it carries receivedAt, which the event itself doesn't. */
  @property({ attribute: false }) row: ReceiptRow | undefined;

  @state() private event: SaleEvent | undefined;
  @state() private error: ApiError | undefined;
  private generation = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("eventId") || changed.has("storeId")) && this.eventId && this.storeId) void this.load();
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>(".close")?.focus();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.event = undefined;
    this.error = undefined;
    try {
      const { event } = await api.receipt(this.storeId, this.eventId);
      if (generation === this.generation) this.event = event;
    } catch (err) {
      if (generation !== this.generation) return;
      const e = asApiError(err);
      if (e.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
      else this.error = e;
    }
  }

  private close(): void {
    this.dispatchEvent(new Event("bo-close"));
  }

  override render(): TemplateResult {
    const r = this.event?.payload.receipt;
    const number = r?.number ?? this.row?.number;
    const registerNumber = r?.registerNumber ?? this.row?.registerNumber;
    return html`<aside class="panel" data-testid="receipt-detail" data-event-id=${this.eventId} data-number=${number ?? ""} aria-label="${t.live.receipt} ${number ?? ""}">
      <header>
        <div class="titles">
          <div class="eyebrow">${t.live.receipt}</div>
          <h2>${number ?? html`<span class="skeleton" style="width:80px;height:16px"></span>`}</h2>
          <div class="sub">
            ${registerNumber !== undefined ? registerLabel(registerNumber) : ""}${r ? ` · ${r.lines.length === 1 ? t.live.oneItem : t.live.items.replace("{n}", count(r.lines.length))}` : ""}
          </div>
        </div>
        <button class="btn ghost icon-only close" aria-label=${t.live.closeReceipt} @click=${this.close}>${icons.x}</button>
      </header>
      <div class="body">${this.error ? this.renderError(this.error) : this.event ? this.renderReceipt(this.event) : this.renderLoading()}</div>
    </aside>`;
  }

  private renderLoading(): TemplateResult {
    return html`<div class="loading" aria-busy="true">
      <span class="skeleton" style="width:140px;height:24px"></span>
      ${[220, 180, 240, 160, 200].map((w) => html`<span class="skeleton" style="width:${w}px"></span>`)}
    </div>`;
  }

  private renderError(e: ApiError): TemplateResult {
    return html`<bo-state-message
      tone="error"
      icon=${e.unreachable ? "cloudOff" : "alert"}
      heading=${e.unreachable ? t.live.unreachableHeading : e.code === "NOT_FOUND" ? t.live.notFound : t.live.loadFailed}
      text=${e.unreachable ? t.live.checkConnection : e.message}
      code=${e.code}
    >
      <button class="btn" @click=${() => this.load()}>${icons.refresh}${t.live.retry}</button>
    </bo-state-message>`;
  }

  private renderReceipt(event: SaleEvent): TemplateResult {
    const r = event.payload.receipt;
    const v = receiptView(r);
    const cur = r.currency;
    const receivedAt = this.row?.eventId === event.id ? this.row.receivedAt : undefined;
    const delay = receivedAt !== undefined ? syncDelay(event.deviceTime, receivedAt) : undefined;
    return html`
      <div class="hero">
        <span class="amount" data-testid="receipt-detail-total">${money(v.total, cur)}</span>
        <span class="paid">${t.live.paidBy.replace("{how}", v.paidBy)}</span>
      </div>

      <section>
        <h3>${t.live.timeline}</h3>
        <div class="times">
          <div class="time">
            <span class="ico">${icons.tablet}</span>
            <span class="label">${t.live.madeOnRegister.replace("{register}", registerLabel(r.registerNumber))}</span>
            <span class="value">${dateTimeSeconds(event.deviceTime)}</span>
          </div>
          <div class="time">
            <span class="ico">${icons.upload}</span>
            <span class="label">${t.live.receivedByRelay}</span>
            <span class="value"
              >${receivedAt !== undefined ? dateTimeSeconds(receivedAt) : "—"}${delay ? html`<span class="delay">${delay}</span>` : nothing}</span
            >
          </div>
        </div>
        ${delay
          ? html`<div class="offline-note">
              ${icons.clock}<span>${t.live.syncedAfter.replace("{delay}", delay.slice(1))}</span>
            </div>`
          : nothing}
      </section>

      <section>
        <h3>${t.live.itemsHeading}</h3>
        ${v.lines.map(
          (l) => html`<div class="line" data-testid="receipt-line">
            <span class="name">${l.name}</span>
            <span class="amt">${money(l.gross, cur)}</span>
            <span class="qty">${quantity(l.quantityMilli)} × ${money(l.unitPrice, cur)}</span>
            ${l.notes.length ? html`<span class="note">${l.notes.join(" · ")}</span>` : nothing}
            ${l.discounts.map((d) => html`<span class="note discount">${d.name}</span><span class="amt-minor">−${money(d.amount, cur)}</span>`)}
          </div>`,
        )}
      </section>

      <section>
        <h3>${t.live.totals}</h3>
        <dl>
          <dt>${t.live.subtotal}</dt>
          <dd>${money(v.subtotal, cur)}</dd>
          ${v.discounts.map(
            (d) => html`<dt class="minor">${d.name}</dt>
              <dd class="minor">−${money(d.amount, cur)}</dd>`,
          )}
          ${v.taxes.map(
            (tax) => html`<dt class="minor">${tax.name}<span class="mode">${tax.included ? t.live.included : t.live.added}</span></dt>
              <dd class="minor">${money(tax.amount, cur)}</dd>`,
          )}
          <dt class="grand">${t.live.total}</dt>
          <dd class="grand">${money(v.total, cur)}</dd>
        </dl>
      </section>

      <section>
        <h3>${t.live.payments}</h3>
        <dl>
          ${v.payments.map(
            (p) => html`<dt><span class="pay-type">${p.type === "cash" ? icons.cash : icons.card}${p.label}</span></dt>
              <dd>${money(p.amount, cur)}</dd>
              ${p.received !== undefined
                ? html`<dt class="minor">${t.live.received}</dt>
                    <dd class="minor">${money(p.received, cur)}</dd>`
                : nothing}
              ${p.change !== undefined
                ? html`<dt class="minor">${t.live.change}</dt>
                    <dd class="minor" data-testid="receipt-change">${money(p.change, cur)}</dd>`
                : nothing}`,
          )}
        </dl>
      </section>

      <section>
        <div class="meta">${t.live.event} <span class="mono">${event.id}</span></div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-receipt-detail": BoReceiptDetail;
  }
}
