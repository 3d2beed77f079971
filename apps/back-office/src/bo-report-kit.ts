import { LitElement, css, html, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { base } from "./styles.js";
import { t } from "./strings.js";
import type { PeriodName, PeriodQuery } from "./api.js";

/** Tables, tabs and KPI tiles shared by the report pages. */
export const reportStyles = css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: flex-end;
    margin-bottom: 16px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 14px;
  }
  th {
    text-align: left;
    font-size: 12px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--bo-text-3);
    padding: 10px 16px;
    border-bottom: 1px solid var(--bo-border);
    background: #fbfbfc;
    white-space: nowrap;
  }
  td {
    padding: 11px 16px;
    border-bottom: 1px solid var(--bo-border);
    vertical-align: top;
  }
  tr:last-child td {
    border-bottom: 0;
  }
  th.r,
  td.r {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  tbody tr.clickable {
    cursor: pointer;
  }
  tbody tr.clickable:hover td {
    background: var(--bo-subtle);
  }
  .card {
    overflow: hidden;
  }
  .empty,
  .loading,
  .error {
    padding: 36px 20px;
    text-align: center;
    color: var(--bo-text-3);
  }
  .error {
    color: var(--bo-danger);
  }
  .tabs {
    display: inline-flex;
    gap: 2px;
    padding: 3px;
    border-radius: var(--bo-radius);
    background: #eef0f3;
  }
  .tabs button {
    border: 0;
    background: transparent;
    font: inherit;
    font-size: 13.5px;
    font-weight: 500;
    color: var(--bo-text-2);
    padding: 6px 12px;
    border-radius: calc(var(--bo-radius) - 2px);
    cursor: pointer;
  }
  .tabs button[aria-pressed="true"] {
    background: var(--bo-surface);
    color: var(--bo-text);
    box-shadow: var(--bo-shadow-sm);
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 12.5px;
    color: var(--bo-text-3);
    font-weight: 500;
  }
  input,
  select {
    height: 36px;
    border: 1px solid var(--bo-border-strong);
    border-radius: var(--bo-radius);
    padding: 0 10px;
    font: inherit;
    font-size: 14px;
    background: var(--bo-surface);
    color: var(--bo-text);
  }
  .pill.good {
    background: #dcfce7;
    color: #166534;
  }
  .pill.bad {
    background: var(--bo-danger-soft);
    color: var(--bo-danger);
  }
  .pill.wait {
    background: #fef3c7;
    color: #92400e;
  }
  .sub {
    color: var(--bo-text-3);
    font-size: 12.5px;
  }
`;

export class PeriodChangeEvent extends Event {
  constructor(readonly query: PeriodQuery) {
    super("bo-period-change", { bubbles: true, composed: true });
  }
}

const PERIODS: readonly PeriodName[] = ["today", "yesterday", "week", "month", "custom"];

/** Today / yesterday / this week / this month / custom range (inclusive local dates). */
@customElement("bo-period-picker")
export class BoPeriodPicker extends LitElement {
  static override styles = [
    base,
    reportStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        align-items: flex-end;
      }
    `,
  ];
  @property({ attribute: false }) value: PeriodQuery = { period: "today" };
  @state() private from = "";
  @state() private to = "";

  private pick(period: PeriodName): void {
    if (period === "custom") {
      const today = new Date().toISOString().slice(0, 10);
      this.from ||= today;
      this.to ||= today;
      this.dispatchEvent(new PeriodChangeEvent({ period, from: this.from, to: this.to }));
    } else this.dispatchEvent(new PeriodChangeEvent({ period }));
  }

  override render(): TemplateResult {
    return html`<div class="tabs" role="group" aria-label="Period">
        ${PERIODS.map((p) => html`<button data-testid="period-${p}" aria-pressed=${this.value.period === p ? "true" : "false"} @click=${() => this.pick(p)}>${t.period[p]}</button>`)}
      </div>
      ${this.value.period === "custom"
        ? html`<label class="field">${t.period.from}<input type="date" .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></label>
            <label class="field">${t.period.to}<input type="date" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></label>
            <button class="btn" @click=${() => this.dispatchEvent(new PeriodChangeEvent({ period: "custom", from: this.from, to: this.to }))}>${t.period.apply}</button>`
        : ""}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-period-picker": BoPeriodPicker;
  }
  interface HTMLElementEventMap {
    "bo-period-change": PeriodChangeEvent;
  }
}
