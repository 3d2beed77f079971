import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { ShiftReport } from "@kasa/domain";
import { builtInPaymentName, type Formatters } from "../lib/format.js";

/**
 * A shift report as the domain computes it (D22, D23): sales, refunds, discounts, net sales,
 * taxes, totals per payment type, the cash drawer and every pay in / pay out with its comment.
 * On screen a set of cards; printed (`printing`) a narrow slip for the receipt printer.
 */
@localized()
@customElement("register-shift-report")
export class RegisterShiftReport extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--kasa-text, #111);
      font-size: 15px;
    }
    :host([printing]) {
      color: #000;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
      font-size: 11.5px;
      line-height: 1.4;
    }
    :host([paper="58"][printing]) {
      font-size: 10px;
    }
    .sections {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 14px;
    }
    :host([printing]) .sections {
      display: block;
    }
    section {
      padding: 14px 18px;
      border: 1px solid var(--kasa-border, #ddd);
      border-radius: var(--kasa-radius, 12px);
      background: var(--kasa-surface, #fff);
    }
    :host([printing]) section {
      padding: 0;
      border: 0;
      border-top: 1px dashed #000;
      border-radius: 0;
      margin-top: 6px;
      padding-top: 6px;
    }
    h3 {
      margin: 0 0 8px;
      font-size: 12px;
      font-weight: 700;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--kasa-text-subtle, #555);
    }
    :host([printing]) h3 {
      color: #000;
      margin-bottom: 4px;
    }
    .print-title {
      display: none;
      text-align: center;
      font-weight: 700;
      font-size: 1.2em;
    }
    :host([printing]) .print-title {
      display: block;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 4px 12px;
      margin: 0;
    }
    dt {
      color: var(--kasa-text-muted, #444);
    }
    :host([printing]) dt {
      color: #000;
    }
    dd {
      margin: 0;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .strong {
      font-weight: 750;
      color: var(--kasa-text, #000);
    }
    .sep {
      grid-column: 1 / -1;
      border-top: 1px solid var(--kasa-border, #ddd);
      margin: 4px 0;
    }
    :host([printing]) .sep {
      border-top: 1px dashed #000;
    }
    .diff-neg {
      color: var(--kasa-danger, #000);
      font-weight: 750;
    }
    .diff-pos {
      color: var(--kasa-warn, #000);
      font-weight: 750;
    }
    :host([printing]) .diff-neg,
    :host([printing]) .diff-pos {
      color: #000;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      gap: 8px;
      padding: 4px 0;
    }
    li + li {
      border-top: 1px dashed var(--kasa-border, #ddd);
    }
    .time {
      color: var(--kasa-text-subtle, #555);
      font-variant-numeric: tabular-nums;
    }
    :host([printing]) .time {
      color: #000;
    }
    .comment {
      overflow-wrap: anywhere;
    }
    .none {
      color: var(--kasa-text-subtle, #555);
    }
  `;

  @property({ attribute: false }) report: ShiftReport | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  /** Title lines for the printed slip (store, register). */
  @property({ attribute: false }) heading: readonly string[] = [];
  @property({ type: Boolean, reflect: true }) printing = false;
  @property({ reflect: true }) paper: "58" | "80" = "80";

  protected override render() {
    const r = this.report;
    const f = this.formatters;
    if (!r || !f) return nothing;
    const diff = r.difference;
    return html`<div data-testid="shift-report" data-shift-id=${r.shiftId}>
      ${this.heading.map((h) => html`<div class="print-title">${h}</div>`)}
      <div class="sections">
        <section>
          <h3>${msg("Shift")}</h3>
          <dl>
            <dt>${msg("Opened")}</dt>
            <dd data-testid="report-opened">${f.dateTime(r.openedAt)}</dd>
            ${r.openedBy ? html`<dt>${msg("Opened by")}</dt><dd>${r.openedBy}</dd>` : nothing}
            <dt>${msg("Closed")}</dt>
            <dd data-testid="report-closed">${r.closedAt === undefined ? msg("Still open") : f.dateTime(r.closedAt)}</dd>
            ${r.closedBy ? html`<dt>${msg("Closed by")}</dt><dd>${r.closedBy}</dd>` : nothing}
            <dt>${msg("Receipts")}</dt>
            <dd data-testid="report-receipts">${r.receipts}</dd>
          </dl>
        </section>
        <section>
          <h3>${msg("Sales")}</h3>
          <dl>
            <dt>${msg("Gross sales")}</dt>
            <dd data-testid="report-gross">${f.money(r.grossSales)}</dd>
            <dt>${msg("Refunds")}</dt>
            <dd data-testid="report-refunds">${f.money(r.refunds)}</dd>
            <dt>${msg("Discounts")}</dt>
            <dd data-testid="report-discounts">${f.money(r.discounts)}</dd>
            <span class="sep"></span>
            <dt class="strong">${msg("Net sales")}</dt>
            <dd class="strong" data-testid="report-net">${f.money(r.netSales)}</dd>
            <dt>${msg("Taxes")}</dt>
            <dd data-testid="report-taxes">${f.money(r.taxes)}</dd>
          </dl>
        </section>
        <section>
          <h3>${msg("Payments")}</h3>
          ${r.payments.length === 0
            ? html`<span class="none">${msg("No payments yet")}</span>`
            : html`<dl>
                ${r.payments.map(
                  (p) => html`<dt>${p.name === "Cash" || p.name === "Card" || p.name === "Other" ? builtInPaymentName(p.type) : p.name}</dt>
                    <dd data-testid="report-payment" data-name=${p.name}>${f.money(p.amount)}</dd>`,
                )}
              </dl>`}
        </section>
        <section>
          <h3>${msg("Cash drawer")}</h3>
          <dl>
            <dt>${msg("Starting cash")}</dt>
            <dd data-testid="report-starting">${f.money(r.startingCash)}</dd>
            <dt>${msg("Cash payments")}</dt>
            <dd data-testid="report-cash-payments">${f.money(r.cashPayments)}</dd>
            <dt>${msg("Cash refunds")}</dt>
            <dd>${f.money(r.cashRefunds)}</dd>
            <dt>${msg("Paid in")}</dt>
            <dd data-testid="report-paid-in">${f.money(r.paidIn)}</dd>
            <dt>${msg("Paid out")}</dt>
            <dd data-testid="report-paid-out">${f.money(r.paidOut)}</dd>
            <span class="sep"></span>
            <dt class="strong">${msg("Expected cash")}</dt>
            <dd class="strong" data-testid="report-expected">${f.money(r.expectedCash)}</dd>
            ${r.countedCash !== undefined
              ? html`<dt>${msg("Counted cash")}</dt>
                  <dd data-testid="report-counted">${f.money(r.countedCash)}</dd>
                  <dt class="strong">${msg("Difference")}</dt>
                  <dd class=${diff !== undefined && diff < 0 ? "diff-neg" : diff !== undefined && diff > 0 ? "diff-pos" : "strong"} data-testid="report-difference">
                    ${f.signedMoney(diff ?? 0)}
                  </dd>`
              : nothing}
          </dl>
        </section>
        <section>
          <h3>${msg("Pay in and pay out")}</h3>
          ${r.movements.length === 0
            ? html`<span class="none">${msg("No cash moved in or out")}</span>`
            : html`<ul>
                ${r.movements.map(
                  (m) => html`<li data-testid="report-movement" data-kind=${m.kind}>
                    <span class="time">${f.time(m.at)}</span>
                    <span class="comment">${m.kind === "in" ? msg("Pay in") : msg("Pay out")}${m.comment ? ` · ${m.comment}` : ""}</span>
                    <span>${m.kind === "in" ? "+" : "−"}${f.money(m.amount)}</span>
                  </li>`,
                )}
              </ul>`}
        </section>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-shift-report": RegisterShiftReport;
  }
}
