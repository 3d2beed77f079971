import { LitElement, css, html, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend } from "chart.js";
import { api, asApiError, type PeriodQuery, type SalesSummary, type SalesTotals } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles, type PeriodChangeEvent } from "./bo-report-kit.js";
import { money, count } from "./store-format.js";
import type { LiveStream } from "./live-stream.js";
import { t } from "./strings.js";
import "./bo-report-kit.js";
import "./bo-charged-twice-card.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const KPIS: readonly { key: keyof SalesTotals; label: string; money: boolean; lowerIsBetter?: boolean }[] = [
  { key: "netSales", label: t.dashboard.net, money: true },
  { key: "grossSales", label: t.dashboard.gross, money: true },
  { key: "refunds", label: t.dashboard.refunds, money: true, lowerIsBetter: true },
  { key: "discounts", label: t.dashboard.discounts, money: true, lowerIsBetter: true },
  { key: "taxes", label: t.dashboard.taxes, money: true },
  { key: "receipts", label: t.dashboard.receipts, money: false },
  { key: "averageSale", label: t.dashboard.average, money: true },
];

/** Sales summary for a period with the comparison and a chart of net sales per hour/day/week/month. */
@customElement("bo-dashboard-page")
export class BoDashboardPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .kpis {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        margin-bottom: 20px;
      }
      .kpi {
        padding: 16px 20px;
        border-left: 1px solid var(--bo-border);
        border-top: 1px solid var(--bo-border);
        margin: 0 0 -1px -1px;
      }
      .kpi .label {
        font-size: 12.5px;
        color: var(--bo-text-3);
        font-weight: 500;
      }
      .kpi .value {
        margin-top: 4px;
        font-size: 22px;
        font-weight: 600;
        letter-spacing: -0.02em;
        font-variant-numeric: tabular-nums;
      }
      .kpi.main .value {
        color: var(--bo-primary);
      }
      .delta {
        margin-top: 2px;
        font-size: 12.5px;
        color: var(--bo-text-3);
      }
      .delta.up {
        color: #15803d;
      }
      .delta.down {
        color: var(--bo-danger);
      }
      .chart {
        padding: 16px 20px 12px;
      }
      .chart h2 {
        margin: 0 0 10px;
        font-size: 13px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--bo-text-2);
      }
      .canvas-box {
        position: relative;
        height: 300px;
      }
      @media (max-width: 800px) {
        .kpis {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
    `,
  ];

  @property() storeId = "";
  @property({ attribute: false }) live: LiveStream | undefined;
  @state() private period: PeriodQuery = { period: "today" };
  @state() private data: SalesSummary | undefined;
  @state() private error = "";
  @query("canvas") private canvas!: HTMLCanvasElement;
  private chart: Chart | undefined;
  private off: (() => void) | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.chart?.destroy();
    this.chart = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("live")) {
      this.off?.();
      // A new receipt changes today's numbers: refresh, at most every half second.
      this.off = this.live?.on("receipts", () => {
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.load(), 300);
      });
    }
    if (changed.has("storeId") && changed.get("storeId") !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.storeId) return;
    try {
      this.data = await api.summary(this.storeId, this.period);
      this.error = "";
    } catch (e) {
      this.error = asApiError(e).message;
    }
  }

  private onPeriod = (e: PeriodChangeEvent): void => {
    this.period = e.query;
    void this.load();
  };

  protected override updated(): void {
    const d = this.data;
    if (!d || !this.canvas) return;
    const labels = d.series.map((s) => s.label);
    const cur = d.series.map((s) => s.netSales / 100);
    const prev = d.series.map((s) => (s.previousNetSales ?? 0) / 100);
    if (!this.chart) {
      this.chart = new Chart(this.canvas, {
        type: "bar",
        data: {
          labels,
          datasets: [
            { type: "bar", label: t.dashboard.current, data: cur, backgroundColor: "#0f766e", borderRadius: 4, maxBarThickness: 28 },
            { type: "line", label: t.dashboard.previous, data: prev, borderColor: "#9ca3af", backgroundColor: "#9ca3af", borderDash: [5, 4], pointRadius: 0, borderWidth: 1.5, tension: 0.25 },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 12 } } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(Math.round(Number(c.raw) * 100), d.currency)}` } } },
          scales: { x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, font: { size: 11 } } }, y: { beginAtZero: true, grid: { color: "#eef0f3" }, ticks: { font: { size: 11 } } } },
        },
      });
    } else {
      this.chart.data.labels = labels;
      this.chart.data.datasets[0]!.data = cur;
      this.chart.data.datasets[1]!.data = prev;
      this.chart.update();
    }
  }

  private delta(k: (typeof KPIS)[number], d: SalesSummary): TemplateResult {
    const now = d.current[k.key];
    const before = d.previous[k.key];
    if (now === before) return html`<div class="delta">${t.dashboard.noChange}</div>`;
    const pct = before === 0 ? null : Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
    const good = (now > before) !== Boolean(k.lowerIsBetter);
    const text = `${now > before ? "▲" : "▼"} ${pct === null ? (k.money ? money(now - before, d.currency) : count(now - before)) : `${Math.abs(pct)}%`}`;
    return html`<div class="delta ${good ? "up" : "down"}" title=${t.dashboard.vs}>${text} <span class="sub">${t.dashboard.vs}</span></div>`;
  }

  override render(): TemplateResult {
    const d = this.data;
    return html`<div class="page-header">
        <div>
          <h1>${t.dashboard.title}</h1>
          <p>${t.dashboard.lead}${d ? html` <span class="sub">${d.period.from === d.period.to ? d.period.from : `${d.period.from} – ${d.period.to}`} · ${d.timeZone}</span>` : ""}</p>
        </div>
      </div>
      <div class="toolbar"><bo-period-picker .value=${this.period} @bo-period-change=${this.onPeriod}></bo-period-picker></div>
      ${this.error ? html`<div class="card error" data-testid="dashboard-error">${this.error}</div>` : ""}
      <bo-charged-twice-card .storeId=${this.storeId} .live=${this.live}></bo-charged-twice-card>
      <div class="card kpis" data-testid="dashboard-kpis">
        ${KPIS.map(
          (k, i) => html`<div class="kpi ${i === 0 ? "main" : ""}">
            <div class="label">${k.label}</div>
            <div class="value" data-testid="kpi-${k.key}" data-value=${d ? String(d.current[k.key]) : ""}>${d ? (k.money ? money(d.current[k.key], d.currency) : count(d.current[k.key])) : "—"}</div>
            ${d ? this.delta(k, d) : ""}
          </div>`,
        )}
        <div class="kpi"><div class="label">${t.dashboard.previous}</div><div class="value" style="font-size:15px;margin-top:8px">${d ? (d.previousPeriod.from === d.previousPeriod.to ? d.previousPeriod.from : `${d.previousPeriod.from} – ${d.previousPeriod.to}`) : "—"}</div></div>
      </div>
      <div class="card chart">
        <h2>${t.dashboard.chart}</h2>
        <div class="canvas-box"><canvas data-testid="dashboard-chart"></canvas></div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-dashboard-page": BoDashboardPage;
  }
}
