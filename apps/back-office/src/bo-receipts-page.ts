import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { api, asApiError, type ApiError, type ReceiptRow } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { icons } from "./icons.js";
import { mergeReceipts, todaySummary, type TodaySummary } from "./receipt-list.js";
import type { LiveStream } from "./live-stream.js";
import { NavigateEvent, navigateOnClick, routeHref } from "./router.js";
import { count, dateTime, money, paymentLabel, paymentTypesOf, registerLabel, sameStoreDay, syncDelay, time } from "./store-format.js";
import { SessionExpiredEvent } from "./app-events.js";
import { t } from "./strings.js";
import "./bo-today-summary.js";
import "./bo-receipt-detail.js";
import "./bo-state-message.js";

const PAGE_SIZE = 100;
/** How long a receipt that arrived live stays highlighted. */
const FRESH_MS = 4_000;

type LoadState = "loading" | "ready" | "error";

/** Receipts of the store, newest first, live, with "Load more" paging and a detail panel. */
@customElement("bo-receipts-page")
export class BoReceiptsPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    css`
      :host {
        display: block;
      }
      .table-card {
        /* No overflow clipping here: it would stop the header from sticking under the top bar. */
        position: relative;
      }
      table {
        width: 100%;
        border-collapse: separate;
        border-spacing: 0;
      }
      th {
        position: sticky;
        top: 60px;
        z-index: 1;
        text-align: left;
        font-size: 12px;
        font-weight: 600;
        color: var(--bo-text-3);
        background: var(--bo-subtle);
        padding: 10px 16px;
        border-bottom: 1px solid var(--bo-border);
        white-space: nowrap;
      }
      td {
        padding: 0 16px;
        height: 52px;
        border-bottom: 1px solid #eef0f3;
        white-space: nowrap;
        color: var(--bo-text-2);
      }
      th:first-child {
        border-top-left-radius: var(--bo-radius-lg);
      }
      th:last-child {
        border-top-right-radius: var(--bo-radius-lg);
      }
      th.right,
      td.right {
        text-align: right;
      }
      tbody tr.row {
        cursor: pointer;
        transition: background 0.1s;
      }
      tbody tr.row:hover td {
        background: #fafbfc;
      }
      tbody tr.row:focus-visible {
        outline: none;
      }
      tbody tr.row:focus-visible td {
        background: var(--bo-primary-soft);
      }
      tbody tr.row[aria-selected="true"] td {
        background: var(--bo-primary-soft);
      }
      tbody tr.row[aria-selected="true"] td:first-child {
        box-shadow: inset 3px 0 0 var(--bo-primary);
      }
      tbody tr:last-child td {
        border-bottom: 0;
      }
      tr.fresh td {
        animation: fresh ${FRESH_MS}ms ease-out;
      }
      tr.fresh td:first-child {
        box-shadow: inset 3px 0 0 var(--bo-primary);
      }
      @keyframes fresh {
        0%,
        35% {
          background: #dff5f1;
        }
        100% {
          background: transparent;
        }
      }
      .number {
        font-weight: 600;
        color: var(--bo-text);
        font-variant-numeric: tabular-nums;
      }
      .lines {
        display: block;
        font-size: 12px;
        color: var(--bo-text-4);
        font-weight: 400;
        margin-top: 1px;
      }
      .register {
        display: inline-flex;
        align-items: center;
        height: 22px;
        padding: 0 8px;
        border-radius: 6px;
        background: #f3f4f6;
        color: var(--bo-text-2);
        font-size: 12.5px;
        font-weight: 500;
      }
      .delay {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        margin-left: 6px;
        padding: 0 6px;
        height: 20px;
        border-radius: 5px;
        font-size: 12px;
        font-weight: 500;
        color: var(--bo-warn);
        background: var(--bo-warn-soft);
      }
      .pay {
        display: inline-flex;
        align-items: center;
        gap: 5px;
        margin-right: 10px;
        color: var(--bo-text-2);
      }
      .pay .icon {
        color: var(--bo-text-4);
      }
      .total {
        font-weight: 600;
        color: var(--bo-text);
        font-variant-numeric: tabular-nums;
      }
      .skeleton-row td {
        cursor: default;
      }
      .foot {
        border-radius: 0 0 var(--bo-radius-lg) var(--bo-radius-lg);
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        padding: 12px 16px;
        border-top: 1px solid var(--bo-border);
        background: var(--bo-subtle);
        color: var(--bo-text-3);
        font-size: 13px;
      }
      .foot .err {
        color: var(--bo-danger);
      }
      .empty-hint {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      @media (max-width: 700px) {
        thead {
          display: none;
        }
        tbody tr.row {
          display: grid;
          grid-template-columns: 1fr auto;
          grid-template-areas:
            "num total"
            "made pay"
            "recv reg";
          row-gap: 4px;
          padding: 12px 16px;
          border-bottom: 1px solid #eef0f3;
        }
        tbody tr.row td {
          height: auto;
          padding: 0;
          border: 0;
          background: transparent !important;
          font-size: 13px;
        }
        tbody tr.row[aria-selected="true"],
        tbody tr.fresh {
          background: var(--bo-primary-soft);
        }
        td.c-number {
          grid-area: num;
          font-size: 14px !important;
        }
        td.c-total {
          grid-area: total;
          font-size: 14px !important;
        }
        td.c-made {
          grid-area: made;
        }
        td.c-pay {
          grid-area: pay;
          text-align: right;
        }
        td.c-recv {
          grid-area: recv;
        }
        td.c-reg {
          grid-area: reg;
          text-align: right;
        }
        td.c-recv::before {
          content: attr(data-label);
          color: var(--bo-text-4);
        }
        .pay {
          margin: 0 0 0 8px;
        }
        .lines {
          display: none;
        }
        .skeleton-row {
          display: block;
          padding: 14px 16px;
        }
        .skeleton-row td {
          display: none;
        }
        .skeleton-row td:first-child {
          display: block;
          height: auto;
          border: 0;
          padding: 0;
        }
        .page-header .refresh-label {
          display: none;
        }
      }
    `,
  ];

  @property() storeId = "";
  @property({ attribute: false }) live: LiveStream | undefined;
  /** Event id of the receipt whose detail is open (from the URL). */
  @property() selectedId: string | undefined;

  @state() private rows: ReceiptRow[] = [];
  @state() private loadState: LoadState = "loading";
  @state() private error: ApiError | undefined;
  @state() private hasMore = false;
  @state() private loadingMore = false;
  @state() private moreError: ApiError | undefined;
  @state() private fresh = new Set<string>();
  @state() private now = Date.now();

  private summary: TodaySummary | undefined;
  private unsubscribe: (() => void)[] = [];
  private clock: ReturnType<typeof setInterval> | undefined;
  /** Bumped on store change so a late response for the previous store is ignored. */
  private generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // Keeps "today" right across midnight.
    this.clock = setInterval(() => (this.now = Date.now()), 30_000);
    document.addEventListener("keydown", this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    document.removeEventListener("keydown", this.onKey);
    this.unsubscribeLive();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("storeId") && this.storeId) void this.load();
    if (changed.has("live")) this.subscribeLive();
    if (changed.has("rows") || changed.has("hasMore") || changed.has("now")) this.summary = todaySummary(this.rows, this.now, this.hasMore);
  }

  private subscribeLive(): void {
    this.unsubscribeLive();
    const live = this.live;
    if (!live) return;
    this.unsubscribe = [
      live.on("receipts", (e) => this.addLive(e.detail)),
      // (Re)connected: fetch the newest page so nothing sold while the stream was down is missed.
      live.on("open", () => {
        if (this.loadState === "ready") void this.refreshNewest();
        else if (this.loadState === "error") void this.load();
      }),
    ];
  }

  private unsubscribeLive(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.loadState = "loading";
    this.error = undefined;
    this.moreError = undefined;
    this.rows = [];
    this.fresh = new Set();
    try {
      const { receipts } = await api.receipts(this.storeId, { limit: PAGE_SIZE });
      if (generation !== this.generation) return;
      this.rows = mergeReceipts([], receipts, false).rows;
      this.hasMore = receipts.length === PAGE_SIZE;
      this.loadState = "ready";
    } catch (err) {
      if (generation !== this.generation) return;
      this.fail(err, (e) => {
        this.error = e;
        this.loadState = "error";
      });
    }
  }

  private async refreshNewest(): Promise<void> {
    const generation = this.generation;
    try {
      const { receipts } = await api.receipts(this.storeId, { limit: PAGE_SIZE });
      if (generation === this.generation) this.addLive(receipts);
    } catch {
      // The list stays as it is; the live stream will bring what's new.
    }
  }

  private async loadMore(): Promise<void> {
    const oldest = this.rows.at(-1);
    if (!oldest || this.loadingMore) return;
    const generation = this.generation;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      // `before` is exclusive on device time: ask from one ms later and drop what we have, so
      // receipts sharing the oldest row's millisecond are not skipped.
      let { receipts } = await api.receipts(this.storeId, { limit: PAGE_SIZE, before: oldest.deviceTime + 1 });
      let merged = mergeReceipts(this.rows, receipts, false);
      if (merged.added.length === 0 && receipts.length === PAGE_SIZE) {
        ({ receipts } = await api.receipts(this.storeId, { limit: PAGE_SIZE, before: oldest.deviceTime }));
        merged = mergeReceipts(this.rows, receipts, false);
      }
      if (generation !== this.generation) return;
      this.rows = merged.rows;
      this.hasMore = receipts.length === PAGE_SIZE;
    } catch (err) {
      if (generation === this.generation) this.fail(err, (e) => (this.moreError = e));
    } finally {
      this.loadingMore = false;
    }
  }

  private addLive(incoming: readonly ReceiptRow[]): void {
    if (this.loadState !== "ready") return;
    const { rows, added } = mergeReceipts(this.rows, incoming, this.hasMore);
    if (added.length === 0) return;
    this.rows = rows;
    this.fresh = new Set([...this.fresh, ...added]);
    setTimeout(() => {
      const next = new Set(this.fresh);
      for (const id of added) next.delete(id);
      this.fresh = next;
    }, FRESH_MS);
  }

  private fail(err: unknown, show: (e: ApiError) => void): void {
    const e = asApiError(err);
    if (e.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
    else show(e);
  }

  private open(row: ReceiptRow): void {
    this.dispatchEvent(new NavigateEvent({ page: "receipts", eventId: row.eventId }));
  }

  private closeDetail = (): void => {
    this.dispatchEvent(new NavigateEvent({ page: "receipts" }));
  };

  private onKey = (e: KeyboardEvent): void => {
    if (e.key === "Escape" && this.selectedId) this.closeDetail();
  };

  private rowKey(e: KeyboardEvent, row: ReceiptRow): void {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      this.open(row);
    }
  }

  override render(): TemplateResult {
    const selected = this.selectedId ? this.rows.find((r) => r.eventId === this.selectedId) : undefined;
    return html`
      <header class="page-header">
        <div>
          <h1>${t.live.title}</h1>
          <p>${t.live.lead}</p>
        </div>
        <div class="actions">
          <button class="btn" @click=${() => this.load()} ?disabled=${this.loadState === "loading"} title=${t.live.reload}>
            ${icons.refresh}<span class="refresh-label">${t.live.refresh}</span>
          </button>
        </div>
      </header>
      ${this.loadState === "error"
        ? nothing
        : html`<bo-today-summary .summary=${this.summary} .now=${this.now} ?loading=${this.loadState === "loading"}></bo-today-summary>`}
      ${this.loadState === "error" ? this.renderError() : this.renderTable()}
      ${this.selectedId
        ? html`<bo-receipt-detail .storeId=${this.storeId} .eventId=${this.selectedId} .row=${selected} @bo-close=${this.closeDetail}></bo-receipt-detail>`
        : nothing}
    `;
  }

  private renderError(): TemplateResult {
    const e = this.error;
    const unreachable = e?.unreachable ?? false;
    return html`<div class="card">
      <bo-state-message
        tone="error"
        icon=${unreachable ? "cloudOff" : "alert"}
        heading=${unreachable ? t.live.unreachableHeading : t.live.loadFailed}
        text=${unreachable ? t.live.unreachableText : (e?.message ?? "")}
        code=${e?.code ?? ""}
      >
        <button class="btn primary" @click=${() => this.load()}>${icons.refresh}${t.live.retry}</button>
      </bo-state-message>
    </div>`;
  }

  private renderTable(): TemplateResult {
    const loading = this.loadState === "loading";
    return html`<div class="card table-card">
      <table data-testid="receipts-table" aria-busy=${loading}>
        <thead>
          <tr>
            <th scope="col">${t.live.number}</th>
            <th scope="col">${t.live.register}</th>
            <th scope="col">${t.live.madeOn}</th>
            <th scope="col">${t.live.receivedBy}</th>
            <th scope="col">${t.live.payment}</th>
            <th scope="col" class="right">${t.live.total}</th>
          </tr>
        </thead>
        <tbody>
          ${loading
            ? Array.from({ length: 8 }, (_, i) => this.skeletonRow(i))
            : repeat(
                this.rows,
                (r) => r.eventId,
                (r) => this.row(r),
              )}
        </tbody>
      </table>
      ${!loading && this.rows.length === 0 ? this.renderEmpty() : nothing}
      ${!loading && this.rows.length > 0 ? this.renderFoot() : nothing}
    </div>`;
  }

  private row(r: ReceiptRow): TemplateResult {
    const delay = syncDelay(r.deviceTime, r.receivedAt);
    return html`<tr
      class="row ${this.fresh.has(r.eventId) ? "fresh" : ""}"
      data-testid="receipt-row"
      data-number=${r.number}
      data-event-id=${r.eventId}
      tabindex="0"
      aria-selected=${r.eventId === this.selectedId ? "true" : "false"}
      @click=${() => this.open(r)}
      @keydown=${(e: KeyboardEvent) => this.rowKey(e, r)}
    >
      <td class="c-number">
        <span class="number">${r.number}</span>
        <span class="lines">${r.lineCount === 1 ? t.live.oneItem : t.live.items.replace("{n}", count(r.lineCount))}</span>
      </td>
      <td class="c-reg"><span class="register">${registerLabel(r.registerNumber)}</span></td>
      <td class="c-made num">${dateTime(r.deviceTime)}</td>
      <td class="c-recv num" data-label=${t.live.receivedShort}>
        ${sameStoreDay(r.deviceTime, r.receivedAt) ? time(r.receivedAt) : dateTime(r.receivedAt)}
        ${delay
          ? html`<span class="delay" data-testid="sync-delay" title=${t.live.delayTitle.replace("{delay}", delay.slice(1))}
              >${delay}</span
            >`
          : nothing}
      </td>
      <td class="c-pay">
        ${paymentTypesOf(r.paymentTypes).map(
          (t) => html`<span class="pay">${t === "card" ? icons.card : t === "cash" ? icons.cash : nothing}${paymentLabel(t)}</span>`,
        )}
      </td>
      <td class="c-total right total">${money(r.total, r.currency)}</td>
    </tr>`;
  }

  private skeletonRow(i: number): TemplateResult {
    const w = [62, 48, 110, 64, 54, 70];
    return html`<tr class="skeleton-row">
      ${w.map(
        (width, c) =>
          html`<td class=${c === 5 ? "right" : ""}><span class="skeleton" style="width:${c === 2 ? width - (i % 3) * 8 : width}px"></span></td>`,
      )}
    </tr>`;
  }

  private renderEmpty(): TemplateResult {
    return html`<bo-state-message
      data-testid="receipts-empty"
      icon="inbox"
      heading=${t.live.emptyHeading}
      text=${t.live.emptyText}
    >
      <a class="btn" href=${routeHref({ page: "devices" })} @click=${(e: MouseEvent) => navigateOnClick(e, { page: "devices" })}
        >${icons.tablet}${t.live.pairRegister}</a
      >
    </bo-state-message>`;
  }

  private renderFoot(): TemplateResult {
    return html`<div class="foot">
      <span class="num">${this.rows.length === 1 ? t.live.showingOne : t.live.showingMany.replace("{n}", count(this.rows.length))}</span>
      ${this.moreError ? html`<span class="err">${this.moreError.unreachable ? t.live.unreachableShort : this.moreError.message}</span>` : nothing}
      ${this.hasMore
        ? html`<button class="btn small" data-testid="load-more" @click=${this.loadMore} ?disabled=${this.loadingMore}>
            ${this.loadingMore ? html`<span class="spinner" style="width:13px;height:13px"></span>${t.live.loading}` : t.live.loadOlder}
          </button>`
        : html`<span class="empty-hint">${icons.check}${t.live.allLoaded}</span>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-receipts-page": BoReceiptsPage;
  }
}
