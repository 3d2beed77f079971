import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";
import { base } from "./styles.js";
import { icons } from "./icons.js";
import type { TodaySummary } from "./receipt-list.js";
import { count, date, money, time, weekday } from "./store-format.js";
import { t } from "./strings.js";

/** "Today so far" strip above the receipts table: computed from the loaded receipts. */
@customElement("bo-today-summary")
export class BoTodaySummary extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        margin-bottom: 20px;
      }
      .head {
        display: flex;
        align-items: baseline;
        gap: 8px;
        margin: 0 0 10px;
      }
      h2 {
        margin: 0;
        font-size: 13px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--bo-text-2);
      }
      .day {
        color: var(--bo-text-3);
        font-size: 13px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
      }
      .metric {
        padding: 16px 20px;
        border-left: 1px solid var(--bo-border);
        min-width: 0;
      }
      .metric:first-child {
        border-left: 0;
      }
      .label {
        font-size: 12.5px;
        color: var(--bo-text-3);
        font-weight: 500;
      }
      .value {
        margin-top: 4px;
        font-size: 22px;
        font-weight: 600;
        letter-spacing: -0.02em;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .value.dim {
        color: var(--bo-text-4);
      }
      .value .skeleton {
        width: 90px;
        height: 16px;
        margin: 6px 0 4px;
      }
      .note {
        display: flex;
        align-items: center;
        gap: 6px;
        margin-top: 8px;
        font-size: 12.5px;
        color: var(--bo-text-3);
      }
      @media (max-width: 700px) {
        .grid {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
        .metric:nth-child(3) {
          border-left: 0;
        }
        .metric:nth-child(n + 3) {
          border-top: 1px solid var(--bo-border);
        }
        .metric {
          padding: 12px 14px;
        }
        .value {
          font-size: 18px;
        }
      }
    `,
  ];

  @property({ attribute: false }) summary: TodaySummary | undefined;
  @property({ type: Boolean }) loading = false;
  /** Start of the current store day is shown as "Today so far · Saturday 29.11.2025". */
  @property({ type: Number }) now = Date.now();

  private metric(label: string, value: string | undefined, testId: string): TemplateResult {
    return html`<div class="metric">
      <div class="label">${label}</div>
      <div class="value ${value === undefined ? "dim" : ""}" data-testid=${testId}>
        ${this.loading ? html`<span class="skeleton"></span>` : (value ?? "—")}
      </div>
    </div>`;
  }

  override render(): TemplateResult {
    const s = this.summary;
    const cur = s?.currency;
    const has = s !== undefined && s.count > 0 && cur !== undefined;
    return html`
      <div class="head">
        <h2>${t.live.todayTitle}</h2>
        <span class="day">${weekday(this.now)}, ${date(this.now)}</span>
      </div>
      <div class="card grid" data-testid="today-summary">
        ${this.metric(t.live.todayReceipts, s ? count(s.count) : undefined, "today-count")}
        ${this.metric(t.live.todaySales, has ? money(s.total, cur) : cur ? money(0, cur) : undefined, "today-total")}
        ${this.metric(t.live.todayAverage, has ? money(s.average, cur) : undefined, "today-average")}
        ${this.metric(t.live.todayLast, has && s.lastAt !== undefined ? time(s.lastAt) : undefined, "today-last")}
      </div>
      ${s?.partial
        ? html`<div class="note">${icons.clock}${t.live.todayPartial}</div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-today-summary": BoTodaySummary;
  }
}
