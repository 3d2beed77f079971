import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { AppliedDiscount, Catalog, PricedLine, Receipt } from "@kasa/domain";
import { changeOf, paymentName, soldByOf, type Formatters } from "../lib/format.js";

/**
 * A receipt as the customer gets it: store, register, number and time; every line with its
 * variant, modifiers, comment and own discounts; subtotal, ticket discounts, taxes, total;
 * payments with cash received, change and card authorizations. The same element is the on-screen
 * preview and the printed slip (`printing` = black on white, sized by the paper's width).
 */
@localized()
@customElement("register-receipt-paper")
export class RegisterReceiptPaper extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: #111;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
      font-size: 13px;
      line-height: 1.4;
    }
    :host([printing]) {
      font-size: 11.5px;
    }
    :host([paper="58"][printing]) {
      font-size: 10px;
    }
    .slip {
      padding: 20px 18px 24px;
      background: #fff;
    }
    :host([printing]) .slip {
      padding: 0;
    }
    header {
      text-align: center;
      margin-bottom: 10px;
    }
    .store {
      font-size: 1.25em;
      font-weight: 700;
      letter-spacing: 0.02em;
    }
    .muted {
      color: #555;
    }
    :host([printing]) .muted {
      color: #000;
    }
    hr {
      margin: 8px 0;
      border: 0;
      border-top: 1px dashed #888;
    }
    :host([printing]) hr {
      border-top-color: #000;
    }
    .row {
      display: flex;
      justify-content: space-between;
      gap: 8px;
    }
    .row > :last-child {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .line {
      margin: 4px 0;
    }
    .name {
      font-weight: 700;
    }
    .detail {
      padding-left: 1.2em;
    }
    .total {
      font-size: 1.3em;
      font-weight: 800;
      margin: 4px 0;
    }
    .number {
      font-weight: 700;
    }
    footer {
      margin-top: 12px;
      text-align: center;
    }
  `;

  @property({ attribute: false }) receipt: Receipt | undefined;
  /** When the sale was made, on the device (the receipt's own time). */
  @property({ attribute: false }) deviceTime: number | undefined;
  @property({ attribute: false }) storeName = "";
  @property({ attribute: false }) registerLabel = "";
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ type: Boolean, reflect: true }) printing = false;
  @property({ reflect: true }) paper: "58" | "80" = "80";

  protected override render() {
    const r = this.receipt;
    const f = this.formatters;
    if (!r || !f) return nothing;
    const change = changeOf(r);
    return html`<div class="slip" data-testid="receipt-paper" data-number=${r.number}>
      <header>
        <div class="store">${this.storeName}</div>
        ${this.registerLabel ? html`<div class="muted">${this.registerLabel}</div>` : nothing}
        <div class="number">${msg(str`Receipt ${r.number}`)}</div>
        ${this.deviceTime === undefined ? nothing : html`<div class="muted">${f.dateTime(this.deviceTime)}</div>`}
      </header>
      <hr />
      ${r.lines.map((line) => this.#line(line, f))}
      <hr />
      <div class="row"><span>${msg("Subtotal")}</span><span>${f.money(r.subtotal)}</span></div>
      ${(r.discounts ?? []).map(
        (d) => html`<div class="row" data-testid="paper-ticket-discount">
          <span>${discountLabel(d, f)}</span><span>−${f.money(d.amount)}</span>
        </div>`,
      )}
      ${r.discountTotal && r.discountTotal > 0 && (r.discounts?.length ?? 0) === 0
        ? html`<div class="row"><span>${msg("Discounts")}</span><span>−${f.money(r.discountTotal)}</span></div>`
        : nothing}
      ${r.taxes
        .filter((t) => t.mode === "added")
        .map((t) => html`<div class="row"><span>${t.name}</span><span>${f.money(t.amount)}</span></div>`)}
      <div class="row total"><span>${msg("Total")}</span><span data-testid="paper-total">${f.money(r.total)}</span></div>
      ${r.taxes
        .filter((t) => t.mode === "included")
        .map((t) => html`<div class="row muted"><span>${msg(str`incl. ${t.name}`)}</span><span>${f.money(t.amount)}</span></div>`)}
      <hr />
      ${r.payments.map(
        (p) => html`<div class="row" data-testid="paper-payment" data-type=${p.type}>
            <span>${paymentName(p)}</span><span>${f.money(p.type === "cash" && p.received !== undefined ? p.received : p.amount)}</span>
          </div>
          ${p.reference ? html`<div class="detail muted">${msg(str`Authorization ${p.reference}`)}</div>` : nothing}`,
      )}
      ${change > 0 ? html`<div class="row"><span>${msg("Change")}</span><span data-testid="paper-change">${f.money(change)}</span></div>` : nothing}
      <footer class="muted">${msg("Thank you!")}</footer>
    </div>`;
  }

  #line(line: PricedLine, f: Formatters) {
    const soldBy = soldByOf(this.catalog?.items[line.itemId] ?? (line.soldBy ? { soldBy: line.soldBy } : undefined), line.quantityMilli);
    const own = (line.discounts ?? []).filter((d) => !(this.receipt?.discounts ?? []).some((t) => t.discountId === d.discountId));
    return html`<div class="line" data-testid="paper-line">
      <div class="row"><span class="name">${line.name}</span><span>${f.money(line.gross)}</span></div>
      ${line.variantName ? html`<div class="detail">${line.variantName}</div>` : nothing}
      ${(line.modifiers ?? []).map((m) => html`<div class="detail">+ ${m.name}${m.price > 0 ? ` ${f.money(m.price)}` : ""}</div>`)}
      <div class="detail muted">${f.unitLine(line.unitPrice, line.quantityMilli, soldBy)}</div>
      ${own.map(
        (d) => html`<div class="row detail" data-testid="paper-line-discount">
          <span>${discountLabel(d, f)}</span><span>−${f.money(d.amount)}</span>
        </div>`,
      )}
      ${line.comment ? html`<div class="detail muted">“${line.comment}”</div>` : nothing}
    </div>`;
  }
}

/** "Manager discount (12,5%)"; a name that already says its percentage ("Staff 20%") is left as it is. */
function discountLabel(d: AppliedDiscount, f: Formatters): string {
  if (d.kind !== "percentage") return d.name;
  const percent = f.percent(d.value);
  return d.name.replace(/\s/g, "").includes(percent.replace(/\s/g, "")) ? d.name : `${d.name} (${percent})`;
}

declare global {
  interface HTMLElementTagNameMap {
    "register-receipt-paper": RegisterReceiptPaper;
  }
}
